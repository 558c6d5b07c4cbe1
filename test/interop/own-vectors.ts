/**
 * Two vectors written for the PyKMIP interop test, in the XML form of the OASIS vectors.
 * UNSUP-M-1-14 sends Re-key and Check, which PyKMIP 0.10 parses but does not implement.
 * CLEAN-M-1-14 creates and activates a key, then stops at a step whose identifier no response
 * supplied, so kmipcheck must clean the key up.
 */
const VERSION = `<ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="4"/></ProtocolVersion>`;

/** Writes one request with one batch item, and the expected Success response with the given payload. */
function step(operation: string, requestPayload: string, responsePayload: string): string {
  return `<RequestMessage><RequestHeader>${VERSION}<BatchCount type="Integer" value="1"/></RequestHeader>
  <BatchItem><Operation type="Enumeration" value="${operation}"/><RequestPayload>${requestPayload}</RequestPayload></BatchItem></RequestMessage>
<ResponseMessage><ResponseHeader>${VERSION}<TimeStamp type="DateTime" value="$NOW"/><BatchCount type="Integer" value="1"/></ResponseHeader>
  <BatchItem><Operation type="Enumeration" value="${operation}"/><ResultStatus type="Enumeration" value="Success"/><ResponsePayload>${responsePayload}</ResponsePayload></BatchItem></ResponseMessage>`;
}

function identifier(placeholder: string): string {
  return `<UniqueIdentifier type="TextString" value="${placeholder}"/>`;
}

const CREATE = step(
  "Create",
  `<ObjectType type="Enumeration" value="SymmetricKey"/><TemplateAttribute>
    <Attribute><AttributeName type="TextString" value="Cryptographic Algorithm"/><AttributeValue type="Enumeration" value="AES"/></Attribute>
    <Attribute><AttributeName type="TextString" value="Cryptographic Length"/><AttributeValue type="Integer" value="128"/></Attribute>
    <Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/><AttributeValue type="Integer" value="Encrypt Decrypt"/></Attribute>
  </TemplateAttribute>`,
  `<ObjectType type="Enumeration" value="SymmetricKey"/>${identifier("$UNIQUE_IDENTIFIER_0")}`,
);

/** No response carries a Private Key Unique Identifier, so this request cannot be built and the vector stops. */
const UNBOUND = step("Activate", identifier("$PRIVATE_KEY_UNIQUE_IDENTIFIER_0"), identifier("$PRIVATE_KEY_UNIQUE_IDENTIFIER_0"));

function wrap(steps: string[]): string {
  return `<KMIP>\n<!-- Written for kmipcheck's interop test; not an OASIS test case. -->\n${steps.join("\n")}\n</KMIP>\n`;
}

/** File name and XML of each vector. */
export const OWN_VECTORS: Readonly<Record<string, string>> = {
  "UNSUP-M-1-14.xml": wrap([
    CREATE,
    step("ReKey", identifier("$UNIQUE_IDENTIFIER_0"), identifier("$UNIQUE_IDENTIFIER_1")),
    step("Check", identifier("$UNIQUE_IDENTIFIER_0"), identifier("$UNIQUE_IDENTIFIER_0")),
    step("Destroy", identifier("$UNIQUE_IDENTIFIER_0"), identifier("$UNIQUE_IDENTIFIER_0")),
  ]),
  "CLEAN-M-1-14.xml": wrap([CREATE, step("Activate", identifier("$UNIQUE_IDENTIFIER_0"), identifier("$UNIQUE_IDENTIFIER_0")), UNBOUND]),
};
