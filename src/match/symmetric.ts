/**
 * Symmetric cipher computations with node:crypto, for the rules that recompute an Encrypt or
 * Decrypt output under a key the harness knows, and the lengths they check otherwise.
 */
import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import { BLOCK_SIZES, cipherName } from "./crypto";

export interface SymmetricJob {
  algorithm: string | undefined;
  key: Buffer;
  mode: string | undefined;
  paddingMethod: string | undefined;
  iv: Buffer | undefined;
  data: Buffer;
}

/** Encrypts or decrypts with node:crypto; undefined when node cannot run this algorithm, mode or padding. */
export function runSymmetric(job: SymmetricJob, direction: "encrypt" | "decrypt"): Buffer | undefined {
  const name = cipherName(job.algorithm, job.key.length, job.mode);
  const padding = job.paddingMethod ?? "None";
  if (name === undefined || !["None", "PKCS5"].includes(padding)) {
    return undefined;
  }

  try {
    const iv = job.mode === "ECB" ? null : (job.iv ?? null);
    const cipher = direction === "encrypt" ? createCipheriv(name, job.key, iv) : createDecipheriv(name, job.key, iv);
    cipher.setAutoPadding(padding === "PKCS5");
    return Buffer.concat([cipher.update(job.data), cipher.final()]);
  } catch {
    // A wrong IV length or a bad padding block: the output cannot be recomputed, the length check remains.
    return undefined;
  }
}

/** HMAC of `data` for the HMAC Cryptographic Algorithms; undefined for any other algorithm. */
export function hmac(algorithm: string | undefined, key: Buffer, data: Buffer): Buffer | undefined {
  if (algorithm === undefined || !algorithm.startsWith("HMAC_")) {
    return undefined;
  }

  // HMAC_SHA256 -> sha256, HMAC_SHA3_256 -> sha3-256, HMAC_MD5 -> md5.
  const name = algorithm.replace("HMAC_", "").replace("SHA3_", "sha3-").replace("SHA", "sha").replace("MD5", "md5");
  try {
    return createHmac(name, key).update(data).digest();
  } catch {
    return undefined;
  }
}

/**
 * The accepted length range of an Encrypt output for a plaintext of `length` bytes. Block modes
 * without padding keep the length; PKCS5 padding adds 1 to a whole block (RFC 8018 §6.1.1). An
 * unspecified Padding Method is treated as None, as the Profiles' test cases record it.
 */
export function ciphertextLength(algorithm: string | undefined, mode: string | undefined, paddingMethod: string | undefined, length: number): [number, number] | undefined {
  const block = algorithm === undefined ? undefined : BLOCK_SIZES[algorithm];
  if (block === undefined || mode === undefined) {
    return undefined;
  }

  if ((mode === "ECB" || mode === "CBC") && paddingMethod === "PKCS5") {
    const padded = (Math.floor(length / block) + 1) * block;
    return [padded, padded];
  }

  return ["ECB", "CBC", "CTR", "CFB", "OFB", "GCM", "CCM", "XTS"].includes(mode) ? [length, length] : undefined;
}

/** The accepted length range of a Decrypt output for a ciphertext of `length` bytes (see ciphertextLength). */
export function plaintextLength(algorithm: string | undefined, mode: string | undefined, paddingMethod: string | undefined, length: number): [number, number] | undefined {
  const block = algorithm === undefined ? undefined : BLOCK_SIZES[algorithm];
  if (block !== undefined && (mode === "ECB" || mode === "CBC") && paddingMethod === "PKCS5") {
    return [Math.max(0, length - block), length - 1];
  }

  return ciphertextLength(algorithm, mode, paddingMethod, length);
}

/** IV length in bytes a mode needs: the block size for CBC, CFB, OFB and CTR; undefined where it varies or none is used. */
export function ivLength(algorithm: string | undefined, mode: string | undefined): number | undefined {
  const block = algorithm === undefined ? undefined : BLOCK_SIZES[algorithm];
  return mode !== undefined && ["CBC", "CFB", "OFB", "CTR"].includes(mode) ? block : undefined;
}
