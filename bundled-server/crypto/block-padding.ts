/**
 * Padding Methods (§9.1.3.2.20) that node:crypto does not apply itself, for block-aligned modes
 * (ECB, CBC): ANSI X9.23 (zero bytes, then the pad length), ISO 10126 (random bytes, then the pad
 * length) and Zeros. The cipher runs without padding, and this session adds the padding at the
 * end of encryption and strips it at the end of decryption, so multi-part operations still stream.
 */
import { Cipher, Decipher } from "node:crypto";
import { PaddingMethod } from "../../src/kmip";
import { cryptographicFailure, cryptoStep } from "./failures";
import { Session } from "./streams";

export const CUSTOM_PADDING_METHODS: readonly number[] = [PaddingMethod.ANSIX9_23, PaddingMethod.ISO10126, PaddingMethod.Zeros];

export function customPaddingSession(cipher: Cipher | Decipher, encrypting: boolean, method: number, blockSize: number, randomBytes: (length: number) => Buffer): Session {
  return encrypting ? paddingEncryptor(cipher, method, blockSize, randomBytes) : paddingDecryptor(cipher, method, blockSize);
}

function paddingEncryptor(cipher: Cipher | Decipher, method: number, blockSize: number, randomBytes: (length: number) => Buffer): Session {
  let total = 0;
  return {
    update: (data) => {
      total += data.length;
      return cryptoStep("encrypt", () => cipher.update(data));
    },
    finish: () => {
      const padding = paddingBytes(method, blockSize, total % blockSize, randomBytes);
      const output = cryptoStep("encrypt", () => Buffer.concat([cipher.update(padding), cipher.final()]));
      return { output, fields: [] };
    },
  };
}

/** Zeros adds nothing to whole blocks; the other methods always add 1 to blockSize bytes whose last byte is the count. */
function paddingBytes(method: number, blockSize: number, remainder: number, randomBytes: (length: number) => Buffer): Buffer {
  const fill = blockSize - remainder;
  if (method === PaddingMethod.Zeros) {
    return Buffer.alloc(remainder === 0 ? 0 : fill);
  }
  const padding = method === PaddingMethod.ISO10126 ? randomBytes(fill) : Buffer.alloc(fill);
  padding[fill - 1] = fill;
  return padding;
}

// Decrypted output is held back by one block, because the padding can only be recognised at the end.
function paddingDecryptor(cipher: Cipher | Decipher, method: number, blockSize: number): Session {
  let held = Buffer.alloc(0);
  return {
    update: (data) => {
      const plaintext = Buffer.concat([held, cryptoStep("decrypt", () => cipher.update(data))]);
      const keep = Math.min(blockSize, plaintext.length);
      held = plaintext.subarray(plaintext.length - keep);
      return plaintext.subarray(0, plaintext.length - keep);
    },
    finish: () => {
      const last = Buffer.concat([held, cryptoStep("decrypt", () => cipher.final())]);
      return { output: stripPadding(last, method, blockSize), fields: [] };
    },
  };
}

/**
 * Removes the padding from the last block. A pad length outside 1 to blockSize, or X9.23 padding
 * with non-zero filler, is Cryptographic Failure (the key or data is wrong).
 * NOTE: Zeros padding cannot be told from plaintext that ends in zero bytes, so all trailing zero
 * bytes of the last block are removed.
 */
function stripPadding(last: Buffer, method: number, blockSize: number): Buffer {
  if (method === PaddingMethod.Zeros) {
    let end = last.length;
    while (end > Math.max(0, last.length - blockSize) && last[end - 1] === 0) {
      end -= 1;
    }
    return last.subarray(0, end);
  }

  const count = last.length === 0 ? 0 : last[last.length - 1];
  if (count < 1 || count > blockSize || count > last.length) {
    throw cryptographicFailure(`the decrypted data does not end in valid padding (pad length ${count})`);
  }
  const filler = last.subarray(last.length - count, last.length - 1);
  if (method === PaddingMethod.ANSIX9_23 && filler.some((byte) => byte !== 0)) {
    throw cryptographicFailure("the decrypted data does not end in ANSI X9.23 padding (non-zero filler bytes)");
  }
  return last.subarray(0, last.length - count);
}
