/**
 * Field order of the Request Payload of each operation, from the payload tables of KMIP 1.4 §4.
 * §9.1.1.4: "All structures defined in this specification SHALL have all of their fields encoded
 * in the order in which they appear in their respective structure descriptions." A slot lists the
 * tags that may stand at one position, such as the managed object of Register.
 */
import { Operation, Tag } from "../kmip";

export type FieldSlot = number | readonly number[];

const MANAGED_OBJECTS: readonly number[] = [
  Tag.Certificate, Tag.SymmetricKey, Tag.PGPKey, Tag.PrivateKey, Tag.PublicKey, Tag.SplitKey, Tag.Template, Tag.SecretData, Tag.OpaqueObject,
];
const STREAM_FIELDS: readonly number[] = [Tag.CorrelationValue, Tag.InitIndicator, Tag.FinalIndicator];

/** Request Payload fields by Operation value, each list in the order of the operation's table. */
export const REQUEST_PAYLOAD_FIELDS: ReadonlyMap<number, readonly FieldSlot[]> = new Map<number, readonly FieldSlot[]>([
  [Operation.Create, [Tag.ObjectType, Tag.TemplateAttribute]],
  [Operation.CreateKeyPair, [Tag.CommonTemplateAttribute, Tag.PrivateKeyTemplateAttribute, Tag.PublicKeyTemplateAttribute]],
  [Operation.Register, [Tag.ObjectType, Tag.TemplateAttribute, MANAGED_OBJECTS]],
  [Operation.ReKey, [Tag.UniqueIdentifier, Tag.Offset, Tag.TemplateAttribute]],
  [Operation.ReKeyKeyPair, [Tag.PrivateKeyUniqueIdentifier, Tag.Offset, Tag.CommonTemplateAttribute, Tag.PrivateKeyTemplateAttribute, Tag.PublicKeyTemplateAttribute]],
  [Operation.DeriveKey, [Tag.ObjectType, Tag.UniqueIdentifier, Tag.DerivationMethod, Tag.DerivationParameters, Tag.TemplateAttribute]],
  [Operation.Certify, [Tag.UniqueIdentifier, Tag.CertificateRequestType, Tag.CertificateRequest, Tag.TemplateAttribute]],
  [Operation.ReCertify, [Tag.UniqueIdentifier, Tag.CertificateRequestType, Tag.CertificateRequest, Tag.Offset, Tag.TemplateAttribute]],
  [Operation.Locate, [Tag.MaximumItems, Tag.OffsetItems, Tag.StorageStatusMask, Tag.ObjectGroupMember, Tag.Attribute]],
  [Operation.Check, [Tag.UniqueIdentifier, Tag.UsageLimitsCount, Tag.CryptographicUsageMask, Tag.LeaseTime]],
  [Operation.Get, [Tag.UniqueIdentifier, Tag.KeyFormatType, Tag.KeyWrapType, Tag.KeyCompressionType, Tag.KeyWrappingSpecification]],
  [Operation.GetAttributes, [Tag.UniqueIdentifier, Tag.AttributeName]],
  [Operation.GetAttributeList, [Tag.UniqueIdentifier]],
  [Operation.AddAttribute, [Tag.UniqueIdentifier, Tag.Attribute]],
  [Operation.ModifyAttribute, [Tag.UniqueIdentifier, Tag.Attribute]],
  [Operation.DeleteAttribute, [Tag.UniqueIdentifier, Tag.AttributeName, Tag.AttributeIndex]],
  [Operation.ObtainLease, [Tag.UniqueIdentifier]],
  [Operation.GetUsageAllocation, [Tag.UniqueIdentifier, Tag.UsageLimitsCount]],
  [Operation.Activate, [Tag.UniqueIdentifier]],
  [Operation.Revoke, [Tag.UniqueIdentifier, Tag.RevocationReason, Tag.CompromiseOccurrenceDate]],
  [Operation.Destroy, [Tag.UniqueIdentifier]],
  [Operation.Archive, [Tag.UniqueIdentifier]],
  [Operation.Recover, [Tag.UniqueIdentifier]],
  [Operation.Validate, [Tag.Certificate, Tag.UniqueIdentifier, Tag.ValidityDate]],
  [Operation.Query, [Tag.QueryFunction]],
  [Operation.DiscoverVersions, [Tag.ProtocolVersion]],
  [Operation.Cancel, [Tag.AsynchronousCorrelationValue]],
  [Operation.Poll, [Tag.AsynchronousCorrelationValue]],
  [Operation.Encrypt, [Tag.UniqueIdentifier, Tag.CryptographicParameters, Tag.Data, Tag.IVCounterNonce, ...STREAM_FIELDS, Tag.AuthenticatedEncryptionAdditionalData]],
  [Operation.Decrypt, [Tag.UniqueIdentifier, Tag.CryptographicParameters, Tag.Data, Tag.IVCounterNonce, ...STREAM_FIELDS, Tag.AuthenticatedEncryptionAdditionalData, Tag.AuthenticatedEncryptionTag]],
  [Operation.Sign, [Tag.UniqueIdentifier, Tag.CryptographicParameters, Tag.Data, Tag.DigestedData, ...STREAM_FIELDS]],
  [Operation.SignatureVerify, [Tag.UniqueIdentifier, Tag.CryptographicParameters, Tag.Data, Tag.DigestedData, Tag.SignatureData, ...STREAM_FIELDS]],
  [Operation.MAC, [Tag.UniqueIdentifier, Tag.CryptographicParameters, Tag.Data, ...STREAM_FIELDS]],
  [Operation.MACVerify, [Tag.UniqueIdentifier, Tag.CryptographicParameters, Tag.Data, Tag.MACData, ...STREAM_FIELDS]],
  [Operation.RNGRetrieve, [Tag.DataLength]],
  [Operation.RNGSeed, [Tag.Data]],
  [Operation.Hash, [Tag.CryptographicParameters, Tag.Data, ...STREAM_FIELDS]],
  [Operation.CreateSplitKey, [Tag.ObjectType, Tag.UniqueIdentifier, Tag.SplitKeyParts, Tag.SplitKeyThreshold, Tag.SplitKeyMethod, Tag.PrimeFieldSize, Tag.TemplateAttribute]],
  [Operation.JoinSplitKey, [Tag.ObjectType, Tag.UniqueIdentifier, Tag.SecretDataType, Tag.TemplateAttribute]],
]);
