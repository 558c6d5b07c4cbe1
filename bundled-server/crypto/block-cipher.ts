/**
 * Symmetric encryption and decryption sessions on node:crypto ciphers. They cover AES (ECB, CBC,
 * CFB, OFB, CTR, GCM) and 3DES (ECB, CBC, CFB, OFB) with padding None, PKCS5, ANSI X9.23,
 * ISO 10126 or Zeros, an IV given or generated (Random IV, §3.6), and GCM additional data and
 * tags (§2.1.22, §2.1.23).
 */
import { Cipher, createCipheriv, createDecipheriv, Decipher, getCiphers } from "node:crypto";
import { BlockCipherMode, CryptographicAlgorithm, enumName, PaddingMethod, ResultReason, Tag } from "../../src/kmip";
import { bytes } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { CUSTOM_PADDING_METHODS, customPaddingSession } from "./block-padding";
import { cryptoStep } from "./failures";
import { CryptoParameters } from "./parameters";
import { Session } from "./streams";
import { X931Rng } from "./x931-rng";

export type Direction = "encrypt" | "decrypt";

interface ModeSpec {
  /** Mode name in node:crypto cipher names. */
  nodeName: string;
  needsIv: boolean;
  /** Whether the mode pads to whole blocks (stream modes never pad). */
  blockAligned: boolean;
}

const MODES = new Map<number, ModeSpec>([
  [BlockCipherMode.ECB, { nodeName: "ecb", needsIv: false, blockAligned: true }],
  [BlockCipherMode.CBC, { nodeName: "cbc", needsIv: true, blockAligned: true }],
  [BlockCipherMode.CFB, { nodeName: "cfb", needsIv: true, blockAligned: false }],
  [BlockCipherMode.OFB, { nodeName: "ofb", needsIv: true, blockAligned: false }],
  [BlockCipherMode.CTR, { nodeName: "ctr", needsIv: true, blockAligned: false }],
  [BlockCipherMode.GCM, { nodeName: "gcm", needsIv: true, blockAligned: false }],
]);

/** GCM tag lengths in bytes that NIST SP 800-38D §5.2.1.2 permits (and node:crypto accepts). */
const GCM_TAG_LENGTHS: readonly number[] = [4, 8, 12, 13, 14, 15, 16];
const GCM_DEFAULT_TAG_LENGTH = 16;
/** SP 800-38D §8.2 recommends 96-bit GCM IVs; a Random IV without IV Length gets that size. */
const GCM_DEFAULT_IV_LENGTH = 12;

export interface SymmetricRequest {
  direction: Direction;
  algorithm: number;
  key: Buffer;
  parameters: CryptoParameters;
  iv: Buffer | undefined;
  additionalData: Buffer | undefined;
  tag: Buffer | undefined;
  rng: X931Rng;
}

export function symmetricSession(request: SymmetricRequest): { session: Session; leadingFields: TtlvNode[] } {
  const modeValue = request.parameters.blockCipherMode;
  if (modeValue === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "Block Cipher Mode is missing: give it in the request's Cryptographic Parameters or in the key's Cryptographic Parameters attribute");
  }
  const mode = MODES.get(modeValue);
  if (mode === undefined) {
    throw new KmipResultError(ResultReason.FeatureNotSupported, `Block Cipher Mode ${modeName(modeValue)} is not supported for Encrypt and Decrypt`);
  }

  const cipherName = nodeCipherName(request.algorithm, request.key, mode);
  const blockSize = request.algorithm === CryptographicAlgorithm.AES ? 16 : 8;
  const padding = paddingOf(request.parameters.paddingMethod, mode);
  const { iv, leadingFields } = chooseIv(request, mode, modeValue, blockSize);
  const cipher = modeValue === BlockCipherMode.GCM ? gcmCipher(request, cipherName, iv!) : plainCipher(request, cipherName, iv);
  cipher.setAutoPadding(padding === PaddingMethod.PKCS5);
  if (CUSTOM_PADDING_METHODS.includes(padding)) {
    const session = customPaddingSession(cipher, request.direction === "encrypt", padding, blockSize, (length) => request.rng.generate(length));
    return { session, leadingFields };
  }
  return { session: cipherSession(cipher, request.direction, modeValue === BlockCipherMode.GCM), leadingFields };
}

function modeName(mode: number): string {
  return enumName("BlockCipherMode", mode) ?? `0x${mode.toString(16)}`;
}

function nodeCipherName(algorithm: number, key: Buffer, mode: ModeSpec): string {
  let name: string | undefined;
  if (algorithm === CryptographicAlgorithm.AES) {
    name = `aes-${key.length * 8}-${mode.nodeName}`;
  } else if (algorithm === CryptographicAlgorithm.DES3) {
    // node:crypto calls three-key 3DES "des-ede3" and two-key 3DES "des-ede"; the bare name is ECB.
    const base = key.length === 24 ? "des-ede3" : "des-ede";
    name = mode.nodeName === "ecb" ? base : `${base}-${mode.nodeName}`;
  }

  if (name === undefined || !getCiphers().includes(name)) {
    const algorithmName = enumName("CryptographicAlgorithm", algorithm) ?? `0x${algorithm.toString(16)}`;
    throw new KmipResultError(ResultReason.FeatureNotSupported, `${algorithmName} with a ${key.length * 8}-bit key in mode ${mode.nodeName.toUpperCase()} is not supported`);
  }
  return name;
}

/**
 * Returns the Padding Method to apply: None without one (the data must fill whole blocks), and
 * None for stream modes, which never pad. PKCS5 is node:crypto's own; block-padding.ts applies the others.
 */
function paddingOf(paddingMethod: number | undefined, mode: ModeSpec): number {
  if (paddingMethod === undefined || paddingMethod === PaddingMethod.None) {
    return PaddingMethod.None;
  }
  if (paddingMethod === PaddingMethod.PKCS5 || CUSTOM_PADDING_METHODS.includes(paddingMethod)) {
    return mode.blockAligned ? paddingMethod : PaddingMethod.None;
  }
  const name = enumName("PaddingMethod", paddingMethod) ?? `0x${paddingMethod.toString(16)}`;
  throw new KmipResultError(ResultReason.FeatureNotSupported, `Padding Method ${name} is not supported for symmetric encryption (use None, PKCS5, ANSI X9.23, ISO 10126 or Zeros)`);
}

function chooseIv(request: SymmetricRequest, mode: ModeSpec, modeValue: number, blockSize: number): { iv: Buffer | null; leadingFields: TtlvNode[] } {
  if (!mode.needsIv) {
    return { iv: null, leadingFields: [] };
  }

  const isGcm = modeValue === BlockCipherMode.GCM;
  const ivLengthBits = request.parameters.ivLength;
  // GCM takes any IV length unless IV Length (in bits) fixes one; the other modes take one block.
  let expectedLength: number | undefined = blockSize;
  if (isGcm) {
    expectedLength = ivLengthBits === undefined ? undefined : ivLengthBits / 8;
  }
  if (request.iv !== undefined) {
    if (expectedLength !== undefined && request.iv.length !== expectedLength) {
      throw new KmipResultError(ResultReason.InvalidField, `IV/Counter/Nonce has ${request.iv.length} bytes; mode ${modeName(modeValue)} needs ${expectedLength}`);
    }
    return { iv: request.iv, leadingFields: [] };
  }

  // §4.29: with Random IV and no IV in the request, the server generates one and returns it.
  if (request.direction === "encrypt" && request.parameters.randomIV === true) {
    const iv = request.rng.generate(expectedLength ?? GCM_DEFAULT_IV_LENGTH);
    return { iv, leadingFields: [bytes(Tag.IVCounterNonce, iv)] };
  }
  // Like the HSM this server models, a missing IV is Invalid Message.
  throw new KmipResultError(ResultReason.InvalidMessage, `IV/Counter/Nonce is missing; mode ${modeName(modeValue)} needs one (or Random IV for Encrypt)`);
}

function plainCipher(request: SymmetricRequest, name: string, iv: Buffer | null): Cipher | Decipher {
  if (request.additionalData !== undefined || request.tag !== undefined) {
    throw new KmipResultError(ResultReason.InvalidField, "Authenticated Encryption Additional Data and Tag apply to GCM only");
  }
  return cryptoStep("cipher setup", () =>
    request.direction === "encrypt" ? createCipheriv(name, request.key, iv) : createDecipheriv(name, request.key, iv),
  );
}

function gcmCipher(request: SymmetricRequest, name: string, iv: Buffer): Cipher | Decipher {
  const tagLength = request.parameters.tagLength ?? request.tag?.length ?? GCM_DEFAULT_TAG_LENGTH;
  if (!GCM_TAG_LENGTHS.includes(tagLength)) {
    // Like the HSM this server models, an unusable Tag Length is General Failure.
    throw new KmipResultError(ResultReason.GeneralFailure, `invalid-tag-length: GCM Tag Length ${tagLength} is not one of ${GCM_TAG_LENGTHS.join(", ")} bytes`);
  }

  if (request.direction === "encrypt") {
    const cipher = cryptoStep("GCM setup", () => createCipheriv(name as "aes-128-gcm", request.key, iv, { authTagLength: tagLength }));
    cryptoStep("GCM additional data", () => cipher.setAAD(request.additionalData ?? Buffer.alloc(0)));
    return cipher;
  }

  const tag = requireTag(request.tag, tagLength);
  const decipher = cryptoStep("GCM setup", () => createDecipheriv(name as "aes-128-gcm", request.key, iv, { authTagLength: tagLength }));
  cryptoStep("GCM additional data", () => decipher.setAAD(request.additionalData ?? Buffer.alloc(0)));
  cryptoStep("GCM tag", () => decipher.setAuthTag(tag));
  return decipher;
}

function requireTag(tag: Buffer | undefined, tagLength: number): Buffer {
  if (tag === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "GCM decryption needs the Authenticated Encryption Tag");
  }
  if (tag.length !== tagLength) {
    throw new KmipResultError(ResultReason.InvalidField, `Authenticated Encryption Tag has ${tag.length} bytes; Tag Length is ${tagLength}`);
  }
  return tag;
}

function cipherSession(cipher: Cipher | Decipher, direction: Direction, authenticated: boolean): Session {
  return {
    update: (data) => cryptoStep(direction, () => cipher.update(data)),
    finish: () => {
      // A GCM tag mismatch surfaces here ("Unsupported state or unable to authenticate data").
      const output = cryptoStep(direction, () => cipher.final());
      const fields = authenticated && direction === "encrypt" ? [bytes(Tag.AuthenticatedEncryptionTag, (cipher as Cipher & { getAuthTag(): Buffer }).getAuthTag())] : [];
      return { output, fields };
    },
  };
}
