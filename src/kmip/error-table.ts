/**
 * The Result Reasons that KMIP 1.4 §11 "Error Handling" assigns to each operation's errors, as
 * data: §11.1 (Table 327) applies to every operation, §11.2-§11.42 (Tables 328-365) to one each.
 * §6.10 adds General Failure for "a reason other than the defined reasons", so any operation may
 * return it. Conditions are the spec's Error Definition text.
 *
 * Spec typos are mapped to the defined value: "Not Extractble" to Not Extractable, "Cryptographic
 * Failure?" to Cryptographic Failure, and "Key Format Type and/or Key Compression Type Not
 * Supported" to both of those values. The Get and Export rows "Key Wrap Type is not supported"
 * name "Not Supported", which Table 317 does not define; they are mapped to Feature Not Supported.
 */

export interface ErrorRow {
  condition: string;
  /** Normalized Result Reason name, e.g. "PermissionDenied". */
  resultReason: string;
}

export interface ErrorTable {
  section: string;
  errors: ReadonlyArray<ErrorRow>;
}

/**
 * Alternatives: situations where the spec text supports more than one Result Reason, so a server
 * may return either. Each names the clauses that support every reason it lists.
 */
export interface ReasonAlternative {
  operations: ReadonlyArray<string>;
  resultReasons: ReadonlyArray<string>;
  condition: string;
  source: string;
}

export const REASON_ALTERNATIVES: ReadonlyArray<ReasonAlternative> = [
  {
    operations: ["Encrypt", "Decrypt"],
    resultReasons: ["InvalidMessage", "MissingData"],
    condition: "the request lacks a field the operation needs, such as the IV of a CBC Decrypt",
    source: "§11.1 Table 327: error parsing the payload gives Invalid Message; §6.10: Missing Data means the operation REQUIRED additional information that was not present",
  },
  {
    operations: ["Encrypt", "Decrypt", "Sign", "SignatureVerify", "MAC", "MACVerify"],
    resultReasons: ["GeneralFailure", "InvalidField", "CryptographicFailure"],
    condition: "a Cryptographic Parameters value the algorithm cannot use, such as an unsupported GCM Tag Length",
    source: "§11.30-§11.35: a cryptographic error gives Cryptographic Failure; §6.10: Invalid Field means a data item has an invalid value, and General Failure covers reasons the tables do not define",
  },
];

export const ERROR_TABLES: Readonly<Record<string, ErrorTable>> = {
  General: { section: "11.1", errors: [
    { condition: "Protocol major version mismatch", resultReason: "InvalidMessage" },
    { condition: "Error parsing batch item or payload within batch item", resultReason: "InvalidMessage" },
    { condition: "The same field is contained in a header/batch item/payload more than once", resultReason: "InvalidMessage" },
    { condition: "Same major & minor version, unknown field", resultReason: "InvalidField" },
    { condition: "Client is not allowed to perform the specified operation", resultReason: "PermissionDenied" },
    { condition: "Maximum Response Size has been exceeded", resultReason: "ResponseTooLarge" },
    { condition: "Server does not support operation", resultReason: "OperationNotSupported" },
    { condition: "The Criticality Indicator in a Message Extension structure is set to True, but the server does not understand the extension", resultReason: "FeatureNotSupported" },
    { condition: "Message cannot be parsed", resultReason: "InvalidMessage" },
    { condition: "Operation requires attestation data which was not provided by the client, and the client has set the Attestation Capable indicator to True", resultReason: "AttestationRequired" },
    { condition: "Operation requires attestation data which was not provided by the client, and the client has set the Attestation Capable indicator to False", resultReason: "PermissionDenied" },
    { condition: "Operation requires attestation data and the attestation data provided by the client does not validate", resultReason: "AttestationFailed" },
  ] },
  Create: { section: "11.2", errors: [
    { condition: "Object Type is not recognized", resultReason: "InvalidField" },
    { condition: "Templates that do not exist are given in request", resultReason: "ItemNotFound" },
    { condition: "Incorrect attribute value(s) specified", resultReason: "InvalidField" },
    { condition: "Error creating cryptographic object", resultReason: "CryptographicFailure" },
    { condition: "Trying to set more instances than the server supports of an attribute that MAY have multiple instances", resultReason: "IndexOutOfBounds" },
    { condition: "Trying to create a new object with the same Name attribute value as an existing object", resultReason: "InvalidField" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Template object is archived", resultReason: "ObjectArchived" },
  ] },
  CreateKeyPair: { section: "11.3", errors: [
    { condition: "Templates that do not exist are given in request", resultReason: "ItemNotFound" },
    { condition: "Incorrect attribute value(s) specified", resultReason: "InvalidField" },
    { condition: "Error creating cryptographic object", resultReason: "CryptographicFailure" },
    { condition: "Trying to create a new object with the same Name attribute value as an existing object", resultReason: "InvalidField" },
    { condition: "Trying to set more instances than the server supports of an attribute that MAY have multiple instances", resultReason: "IndexOutOfBounds" },
    { condition: "REQUIRED field(s) missing", resultReason: "InvalidMessage" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Template object is archived", resultReason: "ObjectArchived" },
  ] },
  Register: { section: "11.4", errors: [
    { condition: "Object Type is not recognized", resultReason: "InvalidField" },
    { condition: "Object Type does not match type of cryptographic object provided", resultReason: "InvalidField" },
    { condition: "Templates that do not exist are given in request", resultReason: "ItemNotFound" },
    { condition: "Incorrect attribute value(s) specified", resultReason: "InvalidField" },
    { condition: "Trying to register a new Template object containing a Name attribute with the Template structure", resultReason: "InvalidField" },
    { condition: "Trying to register a new object with the same Name attribute value as an existing object", resultReason: "InvalidField" },
    { condition: "Trying to set more instances than the server supports of an attribute that MAY have multiple instances", resultReason: "IndexOutOfBounds" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Template object is archived", resultReason: "ObjectArchived" },
    { condition: "Encoding Option not permitted when Key Wrapping Specification contains attribute names", resultReason: "EncodingOptionError" },
    { condition: "Key Format Type is PKCS#12, but missing or multiple PKCS#12 Password Links", resultReason: "InvalidField" },
    { condition: "Key Format Type is PKCS#12, but PKCS#12 Password Link does not contain the Unique Identifier of a Secret Data object or the Secret Data Type is not Password.", resultReason: "InvalidField" },
  ] },
  ReKey: { section: "11.5", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be re-keyed", resultReason: "PermissionDenied" },
    { condition: "Offset field is not permitted to be specified at the same time as any of the Activation Date, Process Start Date, Protect Stop Date, or Deactivation Date attributes", resultReason: "InvalidMessage" },
    { condition: "Cryptographic error during re-key", resultReason: "CryptographicFailure" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "An offset cannot be used to specify new Process Start, Protect Stop and/or Deactivation Date attribute values since no Activation Date has been specified for the existing key", resultReason: "IllegalOperation" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
  ] },
  ReKeyKeyPair: { section: "11.6", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be re-keyed", resultReason: "PermissionDenied" },
    { condition: "Offset field is not permitted to be specified at the same time as any of the Activation Date or Deactivation Date attributes", resultReason: "InvalidMessage" },
    { condition: "Cryptographic error during re-key", resultReason: "CryptographicFailure" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "An offset cannot be used to specify new Process Start, Protect Stop and/or Deactivation Date attribute values since no Activation Date has been specified for the existing key", resultReason: "IllegalOperation" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
  ] },
  DeriveKey: { section: "11.7", errors: [
    { condition: "One or more of the objects specified do not exist", resultReason: "ItemNotFound" },
    { condition: "One or more of the objects specified are not of the correct type", resultReason: "InvalidField" },
    { condition: "Templates that do not exist are given in request", resultReason: "ItemNotFound" },
    { condition: "Invalid Derivation Method", resultReason: "InvalidField" },
    { condition: "Invalid Derivation Parameters", resultReason: "InvalidField" },
    { condition: "Ambiguous derivation data provided both with Derivation Data and Secret Data object.", resultReason: "InvalidMessage" },
    { condition: "Incorrect attribute value(s) specified", resultReason: "InvalidField" },
    { condition: "One or more of the specified objects are not able to be used to derive a new key", resultReason: "InvalidField" },
    { condition: "Trying to derive a new key with the same Name attribute value as an existing object", resultReason: "InvalidField" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "One or more of the objects is archived", resultReason: "ObjectArchived" },
    { condition: "The specified length exceeds the output of the derivation method or other cryptographic error during derivation.", resultReason: "CryptographicFailure" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
  ] },
  Certify: { section: "11.8", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be certified", resultReason: "PermissionDenied" },
    { condition: "The Certificate Request does not contain a signed certificate request of the specified Certificate Request Type", resultReason: "InvalidField" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  ReCertify: { section: "11.9", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be certified", resultReason: "PermissionDenied" },
    { condition: "The Certificate Request does not contain a signed certificate request of the specified Certificate Request Type", resultReason: "InvalidField" },
    { condition: "Offset field is not permitted to be specified at the same time as any of the Activation Date or Deactivation Date attributes", resultReason: "InvalidMessage" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  Locate: { section: "11.10", errors: [
    { condition: "Non-existing attributes, attributes that the server does not understand or templates that do not exist are given in the request", resultReason: "InvalidField" },
  ] },
  Check: { section: "11.11", errors: [
    { condition: "Object does not exist", resultReason: "ItemNotFound" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "Check cannot be performed on this object", resultReason: "IllegalOperation" },
    { condition: "The client is not allowed to use the object according to the specified attributes", resultReason: "PermissionDenied" },
  ] },
  Get: { section: "11.12", errors: [
    { condition: "Object does not exist", resultReason: "ItemNotFound" },
    { condition: "Wrapping key does not exist", resultReason: "ItemNotFound" },
    { condition: "Object with Encryption Key Information exists, but it is not a key", resultReason: "IllegalOperation" },
    { condition: "Object with Encryption Key Information exists, but it is not able to be used for wrapping", resultReason: "PermissionDenied" },
    { condition: "Object with MAC/Signature Key Information exists, but it is not a key", resultReason: "IllegalOperation" },
    { condition: "Object with MAC/Signature Key Information exists, but it is not able to be used for MACing/signing", resultReason: "PermissionDenied" },
    { condition: "Object exists but cannot be provided in the desired Key Format Type and/or Key Compression Type", resultReason: "KeyFormatTypeNotSupported" },
    { condition: "Object exists but cannot be provided in the desired Key Format Type and/or Key Compression Type", resultReason: "KeyCompressionTypeNotSupported" },
    { condition: "Object exists and is not a Template, but the server only has attributes for this object", resultReason: "IllegalOperation" },
    { condition: "Cryptographic Parameters associated with the object do not exist or do not match those provided in the Encryption Key Information and/or Signature Key Information", resultReason: "ItemNotFound" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "Object exists but cannot be provided in the desired Encoding Option", resultReason: "EncodingOptionError" },
    { condition: "Encoding Option not permitted when Key Wrapping Specification contains attribute names", resultReason: "EncodingOptionError" },
    { condition: "Key Wrap Type is not supported by the server.", resultReason: "FeatureNotSupported" },
    { condition: "Object is Sensitive", resultReason: "Sensitive" },
    { condition: "Object is not Extractable", resultReason: "NotExtractable" },
  ] },
  GetAttributes: { section: "11.13", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "The same Attribute Name is present more than once", resultReason: "InvalidMessage" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  GetAttributeList: { section: "11.14", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  AddAttribute: { section: "11.15", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Attempt to add a read-only attribute", resultReason: "PermissionDenied" },
    { condition: "Attempt to add an attribute that is not supported for this object", resultReason: "PermissionDenied" },
    { condition: "The specified attribute already exists", resultReason: "IllegalOperation" },
    { condition: "New attribute contains Attribute Index", resultReason: "InvalidField" },
    { condition: "Trying to add a Name attribute with the same value that another object already has", resultReason: "IllegalOperation" },
    { condition: "Trying to add a new instance to an attribute with multiple instances but the server limit on instances has been reached", resultReason: "IndexOutOfBounds" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  ModifyAttribute: { section: "11.16", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "A specified attribute does not exist (i.e., it needs to first be added)", resultReason: "InvalidField" },
    { condition: "No matching attribute instance exists", resultReason: "ItemNotFound" },
    { condition: "The specified attribute is read-only", resultReason: "PermissionDenied" },
    { condition: "Trying to set the Name attribute value to a value already used by another object", resultReason: "IllegalOperation" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  DeleteAttribute: { section: "11.17", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Attempt to delete a read-only/REQUIRED attribute", resultReason: "PermissionDenied" },
    { condition: "No matching attribute instance exists", resultReason: "ItemNotFound" },
    { condition: "No attribute with the specified name exists", resultReason: "ItemNotFound" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  ObtainLease: { section: "11.18", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "The server determines that a new lease is not permitted to be issued for the specified cryptographic object", resultReason: "PermissionDenied" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  GetUsageAllocation: { section: "11.19", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object has no Usage Limits attribute, or the object is not able to be used for applying cryptographic protection", resultReason: "IllegalOperation" },
    { condition: "No Usage Limits Count is specified", resultReason: "InvalidMessage" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "The server was not able to grant the requested amount of usage allocation", resultReason: "PermissionDenied" },
  ] },
  Activate: { section: "11.20", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Unique Identifier specifies a template or other object that is not able to be activated", resultReason: "IllegalOperation" },
    { condition: "Object is not in Pre-Active state", resultReason: "PermissionDenied" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  Revoke: { section: "11.21", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Revocation Reason is not recognized", resultReason: "InvalidField" },
    { condition: "Unique Identifier specifies a template or other object that is not able to be revoked", resultReason: "IllegalOperation" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  Destroy: { section: "11.22", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object exists, but has already been destroyed", resultReason: "PermissionDenied" },
    { condition: "Object is not in Pre-Active, Deactivated or Compromised state", resultReason: "PermissionDenied" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
  ] },
  Archive: { section: "11.23", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object is already archived", resultReason: "ObjectArchived" },
  ] },
  Recover: { section: "11.24", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
  ] },
  Validate: { section: "11.25", errors: [
    { condition: "The combination of Certificate Objects and Unique Identifiers does not specify a certificate list", resultReason: "InvalidMessage" },
    { condition: "One or more of the objects is archived", resultReason: "ObjectArchived" },
  ] },
  Query: { section: "11.26", errors: [
  ] },
  DiscoverVersions: { section: "11.27", errors: [
  ] },
  Cancel: { section: "11.28", errors: [
  ] },
  Poll: { section: "11.29", errors: [
    { condition: "No outstanding operation with the specified Asynchronous Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  Encrypt: { section: "11.30", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be used for encryption", resultReason: "PermissionDenied" },
    { condition: "Cryptographic error during encryption", resultReason: "CryptographicFailure" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
    { condition: "No outstanding operation with the specified Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  Decrypt: { section: "11.31", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be used for decryption", resultReason: "PermissionDenied" },
    { condition: "Cryptographic error during decryption", resultReason: "CryptographicFailure" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
    { condition: "No outstanding operation with the specified Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  Sign: { section: "11.32", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be used for signing", resultReason: "PermissionDenied" },
    { condition: "Cryptographic error during signing", resultReason: "CryptographicFailure" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
    { condition: "No outstanding operation with the specified Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  SignatureVerify: { section: "11.33", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be used for signature verification", resultReason: "PermissionDenied" },
    { condition: "Cryptographic error during signature verification", resultReason: "CryptographicFailure" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
    { condition: "No outstanding operation with the specified Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  MAC: { section: "11.34", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be used for MACing", resultReason: "PermissionDenied" },
    { condition: "Cryptographic error during MACing", resultReason: "CryptographicFailure" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
    { condition: "No outstanding operation with the specified Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  MACVerify: { section: "11.35", errors: [
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "Object specified is not able to be used for MAC verification", resultReason: "PermissionDenied" },
    { condition: "Cryptographic error during MAC verification", resultReason: "CryptographicFailure" },
    { condition: "Object is archived", resultReason: "ObjectArchived" },
    { condition: "The Key Value is not present on the server", resultReason: "KeyValueNotPresent" },
    { condition: "No outstanding operation with the specified Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  RNGRetrieve: { section: "11.36", errors: [
    { condition: "Cryptographic error during RNG Retrieve", resultReason: "CryptographicFailure" },
  ] },
  RNGSeed: { section: "11.37", errors: [
    { condition: "Cryptographic error during RNG Seed", resultReason: "CryptographicFailure" },
  ] },
  Hash: { section: "11.38", errors: [
    { condition: "Cryptographic error during HASH", resultReason: "CryptographicFailure" },
    { condition: "No outstanding operation with the specified Correlation Value exists", resultReason: "ItemNotFound" },
  ] },
  CreateSplitKey: { section: "11.39", errors: [
    { condition: "Object Type is not recognized", resultReason: "InvalidField" },
    { condition: "Templates that do not exist are given in request", resultReason: "ItemNotFound" },
    { condition: "Incorrect attribute value(s) specified", resultReason: "InvalidField" },
    { condition: "Error creating cryptographic object", resultReason: "CryptographicFailure" },
    { condition: "Trying to set more instances than the server supports of an attribute that MAY have multiple instances", resultReason: "IndexOutOfBounds" },
    { condition: "Trying to create a new object with the same Name attribute value as an existing object", resultReason: "InvalidField" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Template object is archived", resultReason: "ObjectArchived" },
    { condition: "Split Key Method not supported", resultReason: "InvalidField" },
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
  ] },
  JoinSplitKey: { section: "11.40", errors: [
    { condition: "Object Type is not recognized", resultReason: "InvalidField" },
    { condition: "Templates that do not exist are given in request", resultReason: "ItemNotFound" },
    { condition: "Incorrect attribute value(s) specified", resultReason: "InvalidField" },
    { condition: "Error creating cryptographic object", resultReason: "CryptographicFailure" },
    { condition: "Trying to set more instances than the server supports of an attribute that MAY have multiple instances", resultReason: "IndexOutOfBounds" },
    { condition: "Trying to create a new object with the same Name attribute value as an existing object", resultReason: "InvalidField" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Template object is archived", resultReason: "ObjectArchived" },
    { condition: "Number of Unique Identifiers given in request is less than Split Key Threshold", resultReason: "CryptographicFailure" },
    { condition: "Split Key Method not supported", resultReason: "InvalidField" },
    { condition: "No object with the specified Unique Identifier exists", resultReason: "ItemNotFound" },
    { condition: "One or more of the objects is archived", resultReason: "ObjectArchived" },
  ] },
  Export: { section: "11.41", errors: [
    { condition: "Object does not exist", resultReason: "ItemNotFound" },
    { condition: "Wrapping key does not exist", resultReason: "ItemNotFound" },
    { condition: "Object with Encryption Key Information exists, but it is not a key", resultReason: "IllegalOperation" },
    { condition: "Object with Encryption Key Information exists, but it is not able to be used for wrapping", resultReason: "PermissionDenied" },
    { condition: "Object with MAC/Signature Key Information exists, but it is not a key", resultReason: "IllegalOperation" },
    { condition: "Object with MAC/Signature Key Information exists, but it is not able to be used for MACing/signing", resultReason: "PermissionDenied" },
    { condition: "Object exists but cannot be provided in the desired Key Format Type and/or Key Compression Type", resultReason: "KeyFormatTypeNotSupported" },
    { condition: "Object exists but cannot be provided in the desired Key Format Type and/or Key Compression Type", resultReason: "KeyCompressionTypeNotSupported" },
    { condition: "Cryptographic Parameters associated with the object do not exist or do not match those provided in the Encryption Key Information and/or Signature Key Information", resultReason: "ItemNotFound" },
    { condition: "Object exists but cannot be provided in the desired Encoding Option", resultReason: "EncodingOptionError" },
    { condition: "Encoding Option not permitted when Key Wrapping Specification contains attribute names", resultReason: "EncodingOptionError" },
    { condition: "Key Wrap Type is not supported by the server", resultReason: "FeatureNotSupported" },
  ] },
  Import: { section: "11.42", errors: [
    { condition: "Unique identifier already exists on the server and Replace Existing is false or not specified.", resultReason: "ObjectAlreadyExists" },
    { condition: "Object Type is not recognized", resultReason: "InvalidField" },
    { condition: "Object Type does not match type of cryptographic object provided", resultReason: "InvalidField" },
    { condition: "Incorrect attribute value(s) specified", resultReason: "InvalidField" },
    { condition: "Trying to register a new object with the same Name attribute value as an existing object", resultReason: "InvalidField" },
    { condition: "Trying to set more instances than the server supports of an attribute that MAY have multiple instances", resultReason: "IndexOutOfBounds" },
    { condition: "The particular Application Namespace is not supported, and Application Data cannot be generated if it was omitted from the client request", resultReason: "ApplicationNamespaceNotSupported" },
    { condition: "Encoding Option not permitted when Key Wrapping Specification contains attribute names", resultReason: "EncodingOptionError" },
    { condition: "Field is not supported by server", resultReason: "InvalidField" },
  ] },
};

/** §6.10: General Failure is the reason for an error that no table defines, so every operation may return it. */
export const CATCH_ALL_REASON = "GeneralFailure";

/** Returns the §11 rows that apply to an operation: its own table and the general one. */
export function errorRowsFor(operation: string): Array<ErrorRow & { section: string }> {
  const own = ERROR_TABLES[operation];
  const general = ERROR_TABLES.General;
  return [...(own === undefined ? [] : own.errors.map((row) => ({ ...row, section: own.section }))), ...general.errors.map((row) => ({ ...row, section: general.section }))];
}

/** Returns the alternative that lists both reasons for the operation, if the spec supports either. */
export function reasonAlternative(operation: string, first: string, second: string): ReasonAlternative | undefined {
  return REASON_ALTERNATIVES.find((alternative) => alternative.operations.includes(operation) && alternative.resultReasons.includes(first) && alternative.resultReasons.includes(second));
}
