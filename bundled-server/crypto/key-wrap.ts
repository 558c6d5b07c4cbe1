/**
 * AES key wrapping for Key Wrapping Data (§2.1.5) with Block Cipher Mode NIST Key Wrap (RFC 3394,
 * SP 800-38F KW) or AES Key Wrap Padding (RFC 5649, SP 800-38F KWP), on node:crypto's
 * id-aesN-wrap ciphers. Get and Register can use it once they support Key Wrapping
 * Specification and Key Wrapping Data.
 */
import { createCipheriv, createDecipheriv } from "node:crypto";
import { BlockCipherMode, enumName, ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";
import { cryptoStep } from "./failures";

// RFC 3394 §2.2.3.1 and RFC 5649 §3: the default initial values.
const KW_INITIAL_VALUE = Buffer.from("a6a6a6a6a6a6a6a6", "hex");
const KWP_INITIAL_VALUE = Buffer.from("a65959a6", "hex");

function wrapCipher(mode: number, kek: Buffer): { name: string; iv: Buffer } {
  if (![16, 24, 32].includes(kek.length)) {
    throw new KmipResultError(ResultReason.InvalidField, `a key-encryption key of ${kek.length * 8} bits cannot wrap with AES (128, 192 or 256 bits)`);
  }
  if (mode === BlockCipherMode.NISTKeyWrap) {
    return { name: `id-aes${kek.length * 8}-wrap`, iv: KW_INITIAL_VALUE };
  }
  if (mode === BlockCipherMode.AESKeyWrapPadding) {
    return { name: `id-aes${kek.length * 8}-wrap-pad`, iv: KWP_INITIAL_VALUE };
  }
  const name = enumName("BlockCipherMode", mode) ?? `0x${mode.toString(16)}`;
  throw new KmipResultError(ResultReason.FeatureNotSupported, `key wrapping with Block Cipher Mode ${name} is not supported (NIST Key Wrap or AES Key Wrap Padding)`);
}

/** Wraps key bytes under an AES key-encryption key. NIST Key Wrap needs a multiple of 8 bytes (at least 16). */
export function wrapKey(mode: number, kek: Buffer, keyBytes: Buffer): Buffer {
  const { name, iv } = wrapCipher(mode, kek);
  return cryptoStep("key wrapping", () => {
    const cipher = createCipheriv(name, kek, iv);
    return Buffer.concat([cipher.update(keyBytes), cipher.final()]);
  });
}

/** Unwraps key bytes; an integrity check failure is Cryptographic Failure. */
export function unwrapKey(mode: number, kek: Buffer, wrapped: Buffer): Buffer {
  const { name, iv } = wrapCipher(mode, kek);
  return cryptoStep("key unwrapping", () => {
    const decipher = createDecipheriv(name, kek, iv);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  });
}
