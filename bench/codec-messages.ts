/**
 * The three messages of the codec benchmark, built with kmipcheck's TTLV builders. PyKMIP builds
 * the same messages from the same values with its own classes (bench/pykmip_codec.py), and the
 * benchmark checks that both encodings are byte for byte equal before timing either side.
 */
import { CertificateType, CryptographicAlgorithm, CryptographicUsageMask, NameType, ObjectType, Operation, ResultStatus, State, Tag } from "../src/kmip";
import { attribute, batchItem, protocolVersion, requestMessage, templateAttribute } from "../src/load/requests";
import { createSelfSignedCertificate } from "../src/pki";
import { bytes, dateTime, enumeration, integer, structure, text } from "../src/ttlv/build";
import type { TtlvNode } from "../src/ttlv/types";
import forge from "node-forge";

/** Values both sides put in the messages. Names match the keys pykmip_codec.py reads. */
export interface CodecMessageValues {
  /** POSIX seconds for Time Stamp, Initial Date and Last Change Date. */
  time_stamp: number;
  unique_identifier: string;
  name: string;
  /** DER of an X.509 certificate of at least 4096 bytes, as hex. */
  certificate_hex: string;
}

export type CodecMessageName = "createRequest" | "getAttributesResponse" | "registerRequest";

export const CODEC_MESSAGE_NAMES: readonly CodecMessageName[] = ["createRequest", "getAttributesResponse", "registerRequest"];

export const CODEC_MESSAGE_LABELS: Record<CodecMessageName, string> = {
  createRequest: "Create request, 3 attributes",
  getAttributesResponse: "Get Attributes response, 9 attributes",
  registerRequest: "Register request, 4 KiB certificate",
};

const TARGET_CERTIFICATE_SIZE = 4096;
const ENCRYPT_DECRYPT = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;

/** Builds the values, with a fresh self-signed certificate padded by subjectAltNames to 4 KiB or more. */
export function createCodecMessageValues(): CodecMessageValues {
  return {
    time_stamp: 1_700_000_000,
    unique_identifier: "1f165d65-cbbd-4bd6-9867-80e0b390acf9",
    name: "kmipcheck-bench-key",
    certificate_hex: largeCertificateDer().toString("hex"),
  };
}

function largeCertificateDer(): Buffer {
  // Each name adds about 40 bytes of DER, so 110 names give a certificate of about 5 KiB.
  const names = Array.from({ length: 110 }, (_, index) => `host-${String(index).padStart(3, "0")}.kmip-bench.example.com`);
  const pem = createSelfSignedCertificate({ commonName: "kmipcheck bench", names }).cert;
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(), "binary");

  if (der.length < TARGET_CERTIFICATE_SIZE) {
    throw new Error(`bench certificate is ${der.length} bytes, expected at least ${TARGET_CERTIFICATE_SIZE}: add names`);
  }
  return der;
}

export function buildCodecMessage(name: CodecMessageName, values: CodecMessageValues): TtlvNode {
  switch (name) {
    case "createRequest":
      return createRequest();
    case "getAttributesResponse":
      return getAttributesResponse(values);
    case "registerRequest":
      return registerRequest(values);
  }
}

function createRequest(): TtlvNode {
  const template = templateAttribute([
    attribute("Cryptographic Algorithm", enumeration(0, CryptographicAlgorithm.AES)),
    attribute("Cryptographic Length", integer(0, 256)),
    attribute("Cryptographic Usage Mask", integer(0, ENCRYPT_DECRYPT)),
  ]);
  const payload = [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), template];
  return requestMessage([batchItem(Operation.Create, payload)]);
}

function getAttributesResponse(values: CodecMessageValues): TtlvNode {
  const stamp = BigInt(values.time_stamp);
  const name = structure(0, [text(Tag.NameValue, values.name), enumeration(Tag.NameType, NameType.UninterpretedTextString)]);
  const attributes = [
    attribute("Unique Identifier", text(0, values.unique_identifier)),
    attribute("Object Type", enumeration(0, ObjectType.SymmetricKey)),
    attribute("Cryptographic Algorithm", enumeration(0, CryptographicAlgorithm.AES)),
    attribute("Cryptographic Length", integer(0, 256)),
    attribute("Cryptographic Usage Mask", integer(0, ENCRYPT_DECRYPT)),
    attribute("State", enumeration(0, State.PreActive)),
    attribute("Initial Date", dateTime(0, stamp)),
    attribute("Last Change Date", dateTime(0, stamp)),
    attribute("Name", name),
  ];

  const header = structure(Tag.ResponseHeader, [protocolVersion(), dateTime(Tag.TimeStamp, stamp), integer(Tag.BatchCount, 1)]);
  const item = structure(Tag.BatchItem, [
    enumeration(Tag.Operation, Operation.GetAttributes),
    enumeration(Tag.ResultStatus, ResultStatus.Success),
    structure(Tag.ResponsePayload, [text(Tag.UniqueIdentifier, values.unique_identifier), ...attributes]),
  ]);
  return structure(Tag.ResponseMessage, [header, item]);
}

function registerRequest(values: CodecMessageValues): TtlvNode {
  const template = templateAttribute([attribute("Cryptographic Usage Mask", integer(0, CryptographicUsageMask.Verify))]);
  const certificate = structure(Tag.Certificate, [
    enumeration(Tag.CertificateType, CertificateType.X_509),
    bytes(Tag.CertificateValue, Buffer.from(values.certificate_hex, "hex")),
  ]);
  const payload = [enumeration(Tag.ObjectType, ObjectType.Certificate), template, certificate];
  return requestMessage([batchItem(Operation.Register, payload)]);
}
