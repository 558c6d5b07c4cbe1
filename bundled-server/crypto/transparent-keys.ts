/**
 * Transparent RSA key structures (§2.1.7.3 and §2.1.7.4: Big Integer fields) converted to and
 * from JSON Web Keys (RFC 7518 §6.3), the form node:crypto imports and exports field by field.
 */
import { JsonWebKey, KeyObject } from "node:crypto";
import { ResultReason, Tag } from "../../src/kmip";
import { bigInteger, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { optionalField } from "../payload";

// JWK member names of the RSA fields, in the order of the Transparent RSA Private Key table.
const PRIVATE_FIELDS: ReadonlyArray<readonly [number, string]> = [
  [Tag.Modulus, "n"],
  [Tag.PrivateExponent, "d"],
  [Tag.PublicExponent, "e"],
  [Tag.P, "p"],
  [Tag.Q, "q"],
  [Tag.PrimeExponentP, "dp"],
  [Tag.PrimeExponentQ, "dq"],
  [Tag.CRTCoefficient, "qi"],
];
const PUBLIC_FIELDS = PRIVATE_FIELDS.filter(([, name]) => name === "n" || name === "e");

export function bigintToBase64Url(value: bigint): string {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, "hex").toString("base64url");
}

export function base64UrlToBigint(text: string): bigint {
  return BigInt(`0x${Buffer.from(text, "base64url").toString("hex") || "0"}`);
}

/**
 * Builds the JWK of a Transparent RSA key. node:crypto needs every CRT field of a private key,
 * so a private key without them is Key Format Type Not Supported.
 */
export function transparentRsaJwk(material: StructureNode, isPrivate: boolean): JsonWebKey {
  const jwk: JsonWebKey = { kty: "RSA" };
  for (const [tag, name] of isPrivate ? PRIVATE_FIELDS : PUBLIC_FIELDS) {
    const value = optionalField(material, tag, ItemType.BigInteger)?.value as bigint | undefined;
    if (value === undefined) {
      const reason = isPrivate && name !== "n" ? ResultReason.KeyFormatTypeNotSupported : ResultReason.InvalidField;
      throw new KmipResultError(reason, `the Transparent RSA key lacks field "${name}"; this server needs all of ${(isPrivate ? PRIVATE_FIELDS : PUBLIC_FIELDS).map(([, field]) => field).join(", ")}`);
    }
    jwk[name] = bigintToBase64Url(value);
  }
  return jwk;
}

/** Key Material structure of a Transparent RSA Private or Public Key for an RSA KeyObject. */
export function transparentRsaMaterial(keyObject: KeyObject): TtlvNode {
  const jwk = keyObject.export({ format: "jwk" });
  const fields = keyObject.type === "private" ? PRIVATE_FIELDS : PUBLIC_FIELDS;
  return structure(
    Tag.KeyMaterial,
    fields.map(([tag, name]) => bigInteger(tag, base64UrlToBigint(jwk[name] as string))),
  ) as StructureNode;
}
