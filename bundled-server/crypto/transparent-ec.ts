/**
 * Transparent EC key structures (§2.1.7.14 and §2.1.7.15, and the deprecated ECDSA, ECDH and ECMQV
 * forms of §2.1.7.8 to §2.1.7.13, which have the same fields): Recommended Curve with D (private)
 * or Q String (public). They are read into node:crypto KeyObjects through SEC 1 ECPrivateKey and
 * SubjectPublicKeyInfo DER, which OpenSSL completes (it derives the public point of a private key).
 */
import { createPrivateKey, createPublicKey, KeyObject } from "node:crypto";
import { KeyFormatType, RecommendedCurve, ResultReason, Tag } from "../../src/kmip";
import { bigInteger, bytes, enumeration, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { KmipResultError } from "../errors";
import { optionalField, requiredEnumeration } from "../payload";
import { ecPrivateScalar, ecPublicPoint } from "./ec-points";

interface Curve {
  recommendedCurve: number;
  /** Curve name in node:crypto (OpenSSL). */
  nodeName: string;
  /** DER of the named curve's OBJECT IDENTIFIER. */
  oid: string;
  /** Size of a field element and of D, in bytes. */
  size: number;
}

// RFC 5480 §2.1.1.1 and SEC 2 give the object identifiers.
const CURVES: readonly Curve[] = [
  { recommendedCurve: RecommendedCurve.P_192, nodeName: "prime192v1", oid: "06082a8648ce3d030101", size: 24 },
  { recommendedCurve: RecommendedCurve.P_224, nodeName: "secp224r1", oid: "06052b81040021", size: 28 },
  { recommendedCurve: RecommendedCurve.P_256, nodeName: "prime256v1", oid: "06082a8648ce3d030107", size: 32 },
  { recommendedCurve: RecommendedCurve.P_384, nodeName: "secp384r1", oid: "06052b81040022", size: 48 },
  { recommendedCurve: RecommendedCurve.P_521, nodeName: "secp521r1", oid: "06052b81040023", size: 66 },
  { recommendedCurve: RecommendedCurve.SECP256K1, nodeName: "secp256k1", oid: "06052b8104000a", size: 32 },
];

// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1).
const EC_PUBLIC_KEY_OID = "06072a8648ce3d0201";

export const TRANSPARENT_EC_PRIVATE_FORMATS: readonly number[] = [
  KeyFormatType.TransparentECPrivateKey, KeyFormatType.TransparentECDSAPrivateKey, KeyFormatType.TransparentECDHPrivateKey, KeyFormatType.TransparentECMQVPrivateKey,
];
export const TRANSPARENT_EC_PUBLIC_FORMATS: readonly number[] = [
  KeyFormatType.TransparentECPublicKey, KeyFormatType.TransparentECDSAPublicKey, KeyFormatType.TransparentECDHPublicKey, KeyFormatType.TransparentECMQVPublicKey,
];

export function isTransparentEcFormat(format: number): boolean {
  return TRANSPARENT_EC_PRIVATE_FORMATS.includes(format) || TRANSPARENT_EC_PUBLIC_FORMATS.includes(format);
}

/** Reads a Transparent EC Key Material structure; an unsupported curve is Key Format Type Not Supported. */
export function transparentEcKeyObject(material: StructureNode, isPrivate: boolean): KeyObject {
  const curve = curveOf(requiredEnumeration(material, Tag.RecommendedCurve));
  if (isPrivate) {
    const d = requiredValue(material, Tag.D, ItemType.BigInteger, "D") as bigint;
    const fields = [der(0x02, [Buffer.from([1])]), der(0x04, [fixedLength(d, curve.size)]), der(0xa0, [Buffer.from(curve.oid, "hex")])];
    // OpenSSL derives the public point of a key without one but would export the key without it, so it is added.
    const point = ecPublicPoint(createPrivateKey({ key: der(0x30, fields), format: "der", type: "sec1" }));
    const complete = der(0x30, [...fields, der(0xa1, [der(0x03, [Buffer.from([0]), point])])]);
    return createPrivateKey({ key: complete, format: "der", type: "sec1" });
  }

  const q = requiredValue(material, Tag.QString, ItemType.ByteString, "Q String") as Buffer;
  const algorithm = der(0x30, [Buffer.from(EC_PUBLIC_KEY_OID, "hex"), Buffer.from(curve.oid, "hex")]);
  const subjectPublicKeyInfo = der(0x30, [algorithm, der(0x03, [Buffer.from([0]), q])]);
  return createPublicKey({ key: subjectPublicKeyInfo, format: "der", type: "spki" });
}

/** Key Material structure of a Transparent EC key: D for a private key, the uncompressed point (SEC 1 §2.3.3) for a public one. */
export function transparentEcMaterial(keyObject: KeyObject): TtlvNode {
  const curve = CURVES.find((candidate) => candidate.nodeName === keyObject.asymmetricKeyDetails?.namedCurve);
  if (curve === undefined) {
    throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, `curve ${keyObject.asymmetricKeyDetails?.namedCurve ?? "(unknown)"} has no Recommended Curve this server maps`);
  }

  const fields: TtlvNode[] = [enumeration(Tag.RecommendedCurve, curve.recommendedCurve)];
  if (keyObject.type === "private") {
    fields.push(bigInteger(Tag.D, ecPrivateScalar(keyObject)));
  } else {
    fields.push(bytes(Tag.QString, ecPublicPoint(keyObject)));
  }
  return structure(Tag.KeyMaterial, fields);
}

function curveOf(recommendedCurve: number): Curve {
  const curve = CURVES.find((candidate) => candidate.recommendedCurve === recommendedCurve);
  if (curve === undefined) {
    const supported = CURVES.map((candidate) => candidate.nodeName).join(", ");
    throw new KmipResultError(ResultReason.KeyFormatTypeNotSupported, `Recommended Curve 0x${recommendedCurve.toString(16)} is not supported (supported: ${supported})`);
  }
  return curve;
}

function requiredValue(material: StructureNode, tag: number, type: ItemType, name: string): unknown {
  const field = optionalField(material, tag, type);
  if (field === undefined) {
    throw new KmipResultError(ResultReason.InvalidField, `the Transparent EC key lacks its ${name}`);
  }
  return field.value;
}

/** Big-endian bytes of `value`, left-padded with zeros to `size`. */
function fixedLength(value: bigint, size: number): Buffer {
  const hex = value.toString(16);
  const raw = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, "hex");
  if (raw.length > size) {
    throw new KmipResultError(ResultReason.InvalidField, `the EC value has ${raw.length} bytes; the curve allows ${size}`);
  }
  return Buffer.concat([Buffer.alloc(size - raw.length), raw]);
}

/** Encodes one DER element: tag, definite length (X.690 §8.1.3), contents. */
function der(tag: number, contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  return length < 0x100 ? Buffer.from([0x81, length]) : Buffer.from([0x82, length >> 8, length & 0xff]);
}
