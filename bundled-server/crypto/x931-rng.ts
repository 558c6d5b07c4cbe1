/**
 * The server's random number generator: ANSI X9.31 Appendix A.2.4 with AES-256 as the block
 * cipher, built on node:crypto. Key material the server generates comes from here, so the
 * Random Number Generator attribute (§3.44) it records is true. The key K and seed V start from
 * node:crypto randomBytes; each output block also mixes in a date/time vector DT.
 */
import { Cipher, createCipheriv, randomBytes } from "node:crypto";

const BLOCK_SIZE = 16;
const AES_256_KEY_SIZE = 32;

export class X931Rng {
  /** Cryptographic Length (bits) of the AES key K, reported in the Random Number Generator attribute. */
  static readonly keyLengthBits = AES_256_KEY_SIZE * 8;

  private readonly cipher: Cipher;
  private seed: Buffer;
  private counter = 0n;

  constructor() {
    this.cipher = createCipheriv("aes-256-ecb", randomBytes(AES_256_KEY_SIZE), null);
    this.cipher.setAutoPadding(false);
    this.seed = randomBytes(BLOCK_SIZE);
  }

  /** Returns `length` random bytes, one 16-byte block per X9.31 round. */
  generate(length: number): Buffer {
    const blocks: Buffer[] = [];
    for (let produced = 0; produced < length; produced += BLOCK_SIZE) {
      blocks.push(this.nextBlock());
    }
    return Buffer.concat(blocks).subarray(0, length);
  }

  /** Mixes caller-supplied seed bytes into V (used by RNG Seed). */
  addSeed(material: Buffer): void {
    for (let offset = 0; offset < material.length; offset += BLOCK_SIZE) {
      const chunk = Buffer.alloc(BLOCK_SIZE);
      material.copy(chunk, 0, offset, Math.min(offset + BLOCK_SIZE, material.length));
      this.seed = this.encrypt(xor(this.seed, chunk));
    }
  }

  // X9.31 A.2.4: I = E_K(DT); R = E_K(I xor V); V = E_K(R xor I).
  private nextBlock(): Buffer {
    const intermediate = this.encrypt(this.dateTimeVector());
    const result = this.encrypt(xor(intermediate, this.seed));
    this.seed = this.encrypt(xor(result, intermediate));
    return result;
  }

  // DT: the high-resolution clock and a counter, so two calls in the same nanosecond still differ.
  private dateTimeVector(): Buffer {
    const vector = Buffer.alloc(BLOCK_SIZE);
    vector.writeBigUInt64BE(process.hrtime.bigint(), 0);
    vector.writeBigUInt64BE(this.counter, 8);
    this.counter += 1n;
    return vector;
  }

  private encrypt(block: Buffer): Buffer {
    return this.cipher.update(block);
  }
}

function xor(left: Buffer, right: Buffer): Buffer {
  const out = Buffer.alloc(left.length);
  for (let i = 0; i < left.length; i += 1) {
    out[i] = left[i] ^ right[i];
  }
  return out;
}
