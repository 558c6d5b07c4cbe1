/**
 * Randomised asymmetric outputs. `rsa-oaep-ciphertext`: RSA OAEP encryption draws a random seed,
 * so the ciphertext never recurs; it must have the modulus length, and it must decrypt to the
 * request's Data when the vector registered the private key. `signature-verified`: PSS and ECDSA
 * signatures are randomised, and a signature under a server-generated key or one the vector leaves
 * open ($SIGNATURE_DATA) cannot be compared; each is verified with node:crypto against the public
 * key when the harness has it, else checked by length.
 */
import { constants, verify, type KeyObject } from "node:crypto";
import { Tag } from "../../kmip";
import { child } from "../../ttlv/access";
import { ItemType } from "../../ttlv/types";
import { isPlaceholder } from "../../vectors/types";
import { batchContext, bytesOf, type BatchContext } from "../context";
import { DIGEST_NAMES, effectiveParameters, privateKeyMatching, publicKeyOf, type EffectiveParameters } from "../crypto";
import { oaepDecrypt } from "../oaep";
import type { ItemPair, MatchState, Rule, RuleVerdict } from "../types";
import { operationKey, type OperationKey } from "./operation-key";
import { accepted, checkLength, rejected, ruleDiff } from "./verdicts";

const OAEP = "rsa-oaep-ciphertext";
const SIGNATURE = "signature-verified";

export const rsaOaepCiphertext: Rule = {
  id: OAEP,
  description: "An RSA OAEP ciphertext is checked for the modulus length and, when the vector registered the private key, decrypted and compared with the request's Data.",
  reference: "KMIP Profiles 1.4 test-case variations: outputs of randomised operations (OAEP); RFC 8017 §7.1.1: the ciphertext has the modulus length",
  severity: "fail",

  judge(pair, state) {
    const context = pair.expected.tag === Tag.Data ? batchContext(pair.actualAncestors, state) : undefined;
    if (context?.operation !== "Encrypt" || isPlaceholder(pair.expected.value)) {
      return undefined;
    }

    const key = operationKey(context, state);
    const parameters = effectiveParameters(context.requestPayload, key.object);
    const isRsa = (parameters.cryptographicAlgorithm ?? key.object?.cryptographicAlgorithm) === "RSA";
    return isRsa && parameters.paddingMethod === "OAEP" ? judgeOaep(pair, context, key, parameters, state) : undefined;
  },
};

function judgeOaep(pair: ItemPair, context: BatchContext, key: OperationKey, parameters: EffectiveParameters, state: MatchState): RuleVerdict {
  const ciphertext = bytesOf(pair.actual);
  if (pair.actual.type !== ItemType.ByteString || ciphertext === undefined) {
    return rejected(ruleDiff(OAEP, pair.path, "type", "the OAEP ciphertext must be a ByteString", "ByteString", ItemType[pair.actual.type]));
  }

  const publicKey = publicKeyOf(key.object, state.objects);
  const modulusBytes = modulusLength(publicKey, key);
  const lengthVerdict = checkLength(OAEP, pair, ciphertext.length, modulusBytes === undefined ? undefined : [modulusBytes, modulusBytes]);
  const privateKey = publicKey === undefined ? undefined : privateKeyMatching(publicKey, state.objects);
  const plaintext = context.requestPayload === undefined ? undefined : bytesOf(child(context.requestPayload, Tag.Data));
  if (lengthVerdict.diffs.length > 0 || privateKey === undefined || plaintext === undefined) {
    return lengthVerdict;
  }

  // §3.6 Table 65: the MGF1 hash defaults to SHA-1 and P Source to empty; the OAEP hash defaults to SHA-1 as in RFC 8017 §A.2.1.
  const hash = DIGEST_NAMES[parameters.hashingAlgorithm ?? "SHA_1"];
  const mgfHash = DIGEST_NAMES[parameters.maskGeneratorHashingAlgorithm ?? "SHA_1"];
  const decrypted = oaepDecrypt(privateKey, ciphertext, { hash, mgfHash, label: parameters.pSource ?? Buffer.alloc(0) });
  if (decrypted === undefined || !decrypted.equals(plaintext)) {
    return rejected(ruleDiff(OAEP, pair.path, "value", "the ciphertext does not decrypt to the request's Data with the registered private key", plaintext.toString("hex"), decrypted?.toString("hex") ?? "decryption failed"));
  }

  return accepted(`OAEP ciphertext of ${ciphertext.length} bytes decrypts to the request's Data with the registered private key`);
}

export const signatureVerified: Rule = {
  id: SIGNATURE,
  description: "A Sign output that cannot equal the vector's (PSS or ECDSA, a server-generated key, or a $SIGNATURE_DATA placeholder) is verified with node:crypto against the public key when the vector registered it or a Get returned it, else checked by length.",
  reference: "KMIP Profiles 1.4 test-case variations: outputs of randomised operations (PSS, ECDSA) and server-generated key material; KMIP 1.4 spec §4.31 Sign",
  severity: "fail",

  judge(pair, state) {
    const context = pair.expected.tag === Tag.SignatureData ? batchContext(pair.actualAncestors, state) : undefined;
    if (context?.operation !== "Sign") {
      return undefined;
    }

    const key = operationKey(context, state);
    const parameters = effectiveParameters(context.requestPayload, key.object);
    const algorithm = parameters.cryptographicAlgorithm ?? key.object?.cryptographicAlgorithm;
    const randomised = parameters.paddingMethod === "PSS" || algorithm === "ECDSA" || algorithm === "EC";
    if (!randomised && !key.serverGenerated && !isPlaceholder(pair.expected.value)) {
      return undefined;
    }

    return judgeSignature(pair, context, key, parameters, state);
  },
};

function judgeSignature(pair: ItemPair, context: BatchContext, key: OperationKey, parameters: EffectiveParameters, state: MatchState): RuleVerdict {
  const signature = bytesOf(pair.actual);
  if (pair.actual.type !== ItemType.ByteString || signature === undefined) {
    return rejected(ruleDiff(SIGNATURE, pair.path, "type", "the Signature Data must be a ByteString", "ByteString", ItemType[pair.actual.type]));
  }

  if (isPlaceholder(pair.expected.value)) {
    state.bindings.bind(pair.expected.value.placeholder, pair.actual);
  }

  const publicKey = publicKeyOf(key.object, state.objects);
  const data = context.requestPayload === undefined ? undefined : bytesOf(child(context.requestPayload, Tag.Data));
  if (publicKey === undefined || data === undefined) {
    const isRsa = (parameters.cryptographicAlgorithm ?? key.object?.cryptographicAlgorithm) === "RSA";
    const modulusBytes = isRsa ? modulusLength(undefined, key) : undefined;
    return checkLength(SIGNATURE, pair, signature.length, modulusBytes === undefined ? undefined : [modulusBytes, modulusBytes]);
  }

  if (!verifies(publicKey, parameters, data, signature)) {
    return rejected(ruleDiff(SIGNATURE, pair.path, "value", `the signature does not verify against the public key of ${key.identifier}`, "a valid signature", signature.toString("hex")));
  }

  return accepted(`signature of ${signature.length} bytes verifies against the public key of ${key.identifier}`);
}

/**
 * Verifies RSA (PKCS#1 v1.5 or PSS) and ECDSA (DER or IEEE P1363) signatures over Data. PSS uses
 * the signature hash for MGF1 too, as the Profiles' signature test cases were recorded.
 */
function verifies(publicKey: KeyObject, parameters: EffectiveParameters, data: Buffer, signature: Buffer): boolean {
  // NOTE: Digested Data and a Digital Signature Algorithm without Hashing Algorithm are not read, so SHA-256 is assumed there.
  const digest = DIGEST_NAMES[parameters.hashingAlgorithm ?? "SHA_256"];
  if (publicKey.asymmetricKeyType === "ec") {
    return [("der" as const), ("ieee-p1363" as const)].some((dsaEncoding) => attempt(() => verify(digest, data, { key: publicKey, dsaEncoding }, signature)) === true);
  }

  const pss = parameters.paddingMethod === "PSS";
  const options = pss ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: parameters.saltLength ?? constants.RSA_PSS_SALTLEN_AUTO } : { key: publicKey, padding: constants.RSA_PKCS1_PADDING };
  return attempt(() => verify(digest, data, options, signature)) === true;
}

/** The RSA modulus length in bytes, from the key itself or else from its Cryptographic Length. */
function modulusLength(publicKey: KeyObject | undefined, key: OperationKey): number | undefined {
  const bits = publicKey?.asymmetricKeyDetails?.modulusLength ?? key.object?.cryptographicLength;
  return bits === undefined ? undefined : Math.ceil(bits / 8);
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
