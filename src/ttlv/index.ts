/** TTLV codec (KMIP 1.4 §9.1): types, encoder, decoder, stream framing and tree helpers. */
export * from "./types";
export * from "./errors";
export { encode, type EncodeOptions } from "./encode";
export {
  decode,
  decodeLenient,
  DEFAULT_MAX_DEPTH,
  type DecodeOptions,
  type LenientDecodeOptions,
  type LenientDecodeResult,
} from "./decode";
export { FrameAssembler, DEFAULT_MAX_MESSAGE_SIZE, type FrameAssemblerOptions } from "./framing";
export { structure, integer, enumeration, interval, longInteger, bigInteger, dateTime, bool, text, bytes } from "./build";
export { child, children } from "./access";
export { toHex, fromHex } from "./hex";
export { tagLabel, formatTag, joinPath, childSegments, SiblingCounter } from "./path";
export { encodeBigInteger, decodeBigInteger } from "./big-integer";
export { TtlvReader, alignedLength, type ItemHeader } from "./reader";
export { TtlvWriter } from "./writer";
