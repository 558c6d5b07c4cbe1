import { generateKeyPairSync } from "node:crypto";
import forge from "node-forge";

/** An RSA key pair in the two forms the PKI code needs: PEM for callers, forge objects for signing. */
export interface RsaKeyPair {
  privateKeyPem: string;
  publicKey: forge.pki.rsa.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
}

/** Modulus size of every key the test PKI generates. */
export const RSA_MODULUS_BITS = 2048;

/**
 * Generates an RSA-2048 key pair with node:crypto (OpenSSL is much faster than forge's pure
 * JavaScript generator) and loads it into forge, which signs only with RSA keys.
 */
export function generateRsaKeyPair(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: RSA_MODULUS_BITS,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });

  return {
    privateKeyPem: privateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
  };
}
