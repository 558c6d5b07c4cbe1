/**
 * Field order of the message structures (KMIP 1.4 §7.1 and §7.2, Tables 280 to 285) and of the
 * Attribute structure (§2.1.1 Table 2). §7: "All fields SHALL appear in the order specified."
 */
import { Tag } from "../kmip";

/** Table 282: Request Header. */
export const REQUEST_HEADER_FIELDS: readonly number[] = [
  Tag.ProtocolVersion, Tag.MaximumResponseSize, Tag.ClientCorrelationValue, Tag.ServerCorrelationValue,
  Tag.AsynchronousIndicator, Tag.AttestationCapableIndicator, Tag.AttestationType, Tag.Authentication,
  Tag.BatchErrorContinuationOption, Tag.BatchOrderOption, Tag.TimeStamp, Tag.BatchCount,
];

/** Table 283: Request Batch Item. */
export const REQUEST_BATCH_ITEM_FIELDS: readonly number[] = [Tag.Operation, Tag.UniqueBatchItemID, Tag.RequestPayload, Tag.MessageExtension];

/** Table 284: Response Header. */
export const RESPONSE_HEADER_FIELDS: readonly number[] = [
  Tag.ProtocolVersion, Tag.TimeStamp, Tag.Nonce, Tag.AttestationType, Tag.ClientCorrelationValue, Tag.ServerCorrelationValue, Tag.BatchCount,
];

/** Table 285: Response Batch Item. */
export const RESPONSE_BATCH_ITEM_FIELDS: readonly number[] = [
  Tag.Operation, Tag.UniqueBatchItemID, Tag.ResultStatus, Tag.ResultReason, Tag.ResultMessage, Tag.AsynchronousCorrelationValue,
  Tag.ResponsePayload, Tag.MessageExtension,
];

/** Table 2: Attribute. */
export const ATTRIBUTE_FIELDS: readonly number[] = [Tag.AttributeName, Tag.AttributeIndex, Tag.AttributeValue];

/** The highest protocol version kmipcheck speaks; it speaks every 1.x version up to it. */
export const HIGHEST_VERSION = { major: 1, minor: 4 } as const;
