/**
 * Sign (§4.31) with a Private Key and Signature Verify (§4.32) with a Public Key: RSA PKCS #1
 * v1.5, RSASSA-PSS and ECDSA, over Data or over Digested Data. Errors per §11.32 and §11.33.
 */
import { CryptographicUsageMask, ObjectType, Operation, ResultReason, Tag, ValidityIndicator } from "../../../src/kmip";
import { bytes, enumeration } from "../../../src/ttlv";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { OperationContext } from "../../context";
import { keyObjectOf } from "../../crypto/key-material";
import { effectiveParameters } from "../../crypto/parameters";
import { signatureScheme } from "../../crypto/signature-scheme";
import { createSignature, SignatureInput, verifySignature } from "../../crypto/signatures";
import { Session, wholeMessageSession } from "../../crypto/streams";
import { Usage } from "../../crypto/usage";
import { KmipResultError } from "../../errors";
import { optionalBytes } from "../../payload";
import { ManagedObject } from "../../store/managed-object";
import { runStreamed } from "./streamed";

const SIGN_USAGE: Usage = { operation: "Sign", purpose: "protect", maskBit: CryptographicUsageMask.Sign, objectTypes: [ObjectType.PrivateKey] };
const VERIFY_USAGE: Usage = { operation: "Signature Verify", purpose: "process", maskBit: CryptographicUsageMask.Verify, objectTypes: [ObjectType.PublicKey] };

export function signOperation(payload: StructureNode, context: OperationContext): StructureNode {
  return runStreamed(payload, context, {
    operation: Operation.Sign,
    usage: SIGN_USAGE,
    outputTag: undefined,
    // Table 233: Data is required unless Digested Data is given; signatureSession checks that.
    dataRequired: false,
    begin: (request, key) => ({ session: signatureSession(request, key!, context, "sign"), leadingFields: [] }),
  });
}

export function signatureVerify(payload: StructureNode, context: OperationContext): StructureNode {
  return runStreamed(payload, context, {
    operation: Operation.SignatureVerify,
    usage: VERIFY_USAGE,
    outputTag: undefined,
    dataRequired: false,
    begin: (request, key) => ({ session: signatureSession(request, key!, context, "verify"), leadingFields: [] }),
  });
}

function signatureSession(payload: StructureNode, key: ManagedObject, context: OperationContext, action: "sign" | "verify"): Session {
  const keyObject = keyObjectOf(key);
  const scheme = signatureScheme(effectiveParameters(payload, key), keyObject);
  const digested = optionalBytes(payload, Tag.DigestedData);
  const data = optionalBytes(payload, Tag.Data);
  if (digested !== undefined && data !== undefined) {
    throw new KmipResultError(ResultReason.InvalidField, "give either Data or Digested Data, not both");
  }
  if (digested === undefined && data === undefined && !isStreamStart(payload)) {
    throw new KmipResultError(ResultReason.MissingData, "Data or Digested Data is required in a single-part request");
  }

  return wholeMessageSession((message, finalPayload) => {
    const input: SignatureInput = digested === undefined ? { message } : { digest: digested };
    if (action === "sign") {
      const signature = createSignature(scheme, keyObject, input, (length) => context.rng.generate(length));
      return { output: Buffer.alloc(0), fields: [bytes(Tag.SignatureData, signature)] };
    }
    return { output: Buffer.alloc(0), fields: [validity(verifySignature(scheme, keyObject, input, requiredSignature(finalPayload)))] };
  });
}

function isStreamStart(payload: StructureNode): boolean {
  return payload.value.some((field) => field.tag === Tag.InitIndicator && field.value === true);
}

function requiredSignature(finalPayload: TtlvNode): Buffer {
  const signature = optionalBytes(finalPayload, Tag.SignatureData);
  if (signature === undefined) {
    throw new KmipResultError(ResultReason.MissingData, "Signature Verify needs the Signature Data to verify");
  }
  return signature;
}

function validity(valid: boolean): TtlvNode {
  return enumeration(Tag.ValidityIndicator, valid ? ValidityIndicator.Valid : ValidityIndicator.Invalid);
}
