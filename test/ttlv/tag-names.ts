/**
 * Names of the few tags the codec tests use (KMIP 1.4 Table 288). The codec takes names from its
 * caller, so the tests bring their own instead of importing the dictionary layer above it.
 */
import type { TagNamer } from "../../src/ttlv";

export const TAGS = {
  BatchCount: 0x42000d,
  BatchItem: 0x42000f,
  Operation: 0x42005c,
  ProtocolVersion: 0x420069,
  ProtocolVersionMajor: 0x42006a,
  ProtocolVersionMinor: 0x42006b,
  RequestMessage: 0x420078,
  ResponseHeader: 0x42007a,
  ResponseMessage: 0x42007b,
  ResultMessage: 0x42007d,
  ResultReason: 0x42007e,
  ResultStatus: 0x42007f,
  TimeStamp: 0x420092,
  UniqueIdentifier: 0x420094,
} as const;

const NAMES = new Map<number, string>(Object.entries(TAGS).map(([name, tag]) => [tag, name]));

export const namer: TagNamer = (tag) => NAMES.get(tag);
