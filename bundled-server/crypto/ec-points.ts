/**
 * The private scalar and public point of node:crypto EC keys, read from their SEC 1 and
 * SubjectPublicKeyInfo DER. JWK export would be simpler but node:crypto offers it for four curves
 * only (P-256, P-384, P-521 and secp256k1), not for P-192 or P-224.
 */
import { createPublicKey, ECDH, KeyObject } from "node:crypto";
import forge from "node-forge";

/** D of an EC private key (SEC 1 §C.4 ECPrivateKey, field privateKey). */
export function ecPrivateScalar(key: KeyObject): bigint {
  const der = key.export({ format: "der", type: "sec1" });
  const sequence = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
  const octets = Buffer.from((sequence.value as forge.asn1.Asn1[])[1].value as string, "binary");
  return BigInt(`0x${octets.toString("hex")}`);
}

/** The uncompressed public point (SEC 1 §2.3.3: 0x04, x, y) of an EC private or public key. */
export function ecPublicPoint(key: KeyObject): Buffer {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ format: "der", type: "spki" });
  const spki = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
  // The BIT STRING contents start with the count of unused bits, which is 0 for a point.
  const point = Buffer.from(((spki.value as forge.asn1.Asn1[])[1].value as string), "binary").subarray(1);
  const curve = publicKey.asymmetricKeyDetails!.namedCurve!;
  return point[0] === 4 ? point : (ECDH.convertKey(point, curve, undefined, undefined, "uncompressed") as Buffer);
}

/** Splits an uncompressed point into its coordinates. */
export function pointCoordinates(point: Buffer): { x: bigint; y: bigint } {
  const size = (point.length - 1) / 2;
  return { x: BigInt(`0x${point.subarray(1, 1 + size).toString("hex")}`), y: BigInt(`0x${point.subarray(1 + size).toString("hex")}`) };
}
