/**
 * CMAC (NIST SP 800-38B, RFC 4493 for AES) on node:crypto's ECB ciphers, for MAC and MAC Verify
 * with Block Cipher Mode CMAC on an AES or 3DES key. node:crypto has no CMAC primitive.
 */
import { createCipheriv } from "node:crypto";

/** SP 800-38B §5.3: the constant R_b for 128-bit and 64-bit blocks. */
const RB: Readonly<Record<number, number>> = { 16: 0x87, 8: 0x1b };

/** Returns the CMAC of `message` under `key`, as long as one cipher block. `cipherName` is an ECB cipher such as aes-128-ecb. */
export function cmac(cipherName: string, key: Buffer, blockSize: number, message: Buffer): Buffer {
  const encryptBlock = (block: Buffer): Buffer => {
    const cipher = createCipheriv(cipherName, key, null);
    cipher.setAutoPadding(false);
    return cipher.update(block);
  };

  // SP 800-38B §6.1: subkeys K1 and K2 from L = E_K(0^b).
  const k1 = doubled(encryptBlock(Buffer.alloc(blockSize)), blockSize);
  const k2 = doubled(k1, blockSize);

  // §6.2: a complete last block is XORed with K1; an incomplete (or empty) one is padded 10* and XORed with K2.
  const blockCount = Math.max(1, Math.ceil(message.length / blockSize));
  const lastStart = (blockCount - 1) * blockSize;
  const complete = message.length > 0 && message.length % blockSize === 0;
  const last = Buffer.alloc(blockSize);
  message.copy(last, 0, lastStart);
  if (!complete) {
    last[message.length - lastStart] = 0x80;
  }
  const lastBlock = xor(last, complete ? k1 : k2);

  let chain: Buffer = Buffer.alloc(blockSize);
  for (let offset = 0; offset < lastStart; offset += blockSize) {
    chain = encryptBlock(xor(chain, message.subarray(offset, offset + blockSize)));
  }
  return encryptBlock(xor(chain, lastBlock));
}

/** Multiplies a block by x in GF(2^b): shifts it left one bit and XORs R_b when the top bit was set. */
function doubled(block: Buffer, blockSize: number): Buffer {
  const out = Buffer.alloc(blockSize);
  for (let i = 0; i < blockSize; i += 1) {
    out[i] = ((block[i] << 1) & 0xff) | (i + 1 < blockSize ? block[i + 1] >> 7 : 0);
  }
  if ((block[0] & 0x80) !== 0) {
    out[blockSize - 1] ^= RB[blockSize];
  }
  return out;
}

function xor(left: Buffer, right: Buffer): Buffer {
  const out = Buffer.alloc(left.length);
  for (let i = 0; i < left.length; i += 1) {
    out[i] = left[i] ^ right[i];
  }
  return out;
}
