/**
 * The objects of one vector that the harness knows about: what the vector registered (with its key
 * material), what the server generated, and the key material a Get returned. Rules consult it to
 * decide whether an output can be compared byte for byte, verified, or only checked for length.
 */
import { Tag } from "../kmip";
import { child, children } from "../ttlv/access";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { bytesOf, enumOf, integerOf, operationName } from "./context";

/** How the harness learnt the object: the vector supplied its key material, or the server generated it. */
export type ObjectOrigin = "registered" | "generated";

export interface KnownObject {
  identifier: string;
  origin: ObjectOrigin;
  /** Object Type name, e.g. "SymmetricKey", "PrivateKey". */
  objectType?: string;
  /** Key Format Type name of `keyMaterial`, e.g. "Raw", "PKCS_1", "X_509". */
  keyFormatType?: string;
  /** Byte String Key Material as the vector registered it or a Get returned it. */
  keyMaterial?: Buffer;
  cryptographicAlgorithm?: string;
  cryptographicLength?: number;
  /** The Cryptographic Parameters attribute the object was registered or created with. */
  cryptographicParameters?: TtlvNode;
  /** For a key of a pair made by Create Key Pair: the Unique Identifier of the other key. */
  pairedWith?: string;
}

const KEY_OBJECT_TAGS = [Tag.SymmetricKey, Tag.PublicKey, Tag.PrivateKey, Tag.SecretData, Tag.SplitKey];
const TEMPLATE_TAGS = [Tag.TemplateAttribute, Tag.CommonTemplateAttribute];

export class ObjectLedger {
  private readonly objects = new Map<string, KnownObject>();

  get(identifier: string): KnownObject | undefined {
    return this.objects.get(identifier);
  }

  all(): KnownObject[] {
    return [...this.objects.values()];
  }

  /** Adds or updates an object; fields of `update` replace those already known. */
  record(update: KnownObject): void {
    const known = this.objects.get(update.identifier);
    const defined = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
    this.objects.set(update.identifier, { ...known, ...defined } as KnownObject);
  }

  /** Learns from one request and its response: successful Register, Create, Create Key Pair and Get batch items. */
  recordExchange(request: TtlvNode, response: TtlvNode): void {
    const requestItems = children(request, Tag.BatchItem);

    children(response, Tag.BatchItem).forEach((responseItem, index) => {
      const status = child(responseItem, Tag.ResultStatus);
      const payload = child(responseItem, Tag.ResponsePayload);
      if (status?.value !== 0 || payload === undefined) {
        return;
      }

      const requestPayload = requestItems[index] === undefined ? undefined : child(requestItems[index], Tag.RequestPayload);
      this.recordItem(operationName(responseItem), requestPayload, payload);
    });
  }

  private recordItem(operation: string | undefined, requestPayload: TtlvNode | undefined, payload: TtlvNode): void {
    const identifier = textOf(child(payload, Tag.UniqueIdentifier));

    if (operation === "Register" && identifier !== undefined && requestPayload !== undefined) {
      this.record({ identifier, origin: "registered", objectType: enumOf(child(requestPayload, Tag.ObjectType), "ObjectType"), ...templateFacts(requestPayload, TEMPLATE_TAGS), ...keyBlockFacts(requestPayload) });
    } else if (operation === "Create" && identifier !== undefined && requestPayload !== undefined) {
      this.record({ identifier, origin: "generated", objectType: enumOf(child(requestPayload, Tag.ObjectType), "ObjectType"), ...templateFacts(requestPayload, TEMPLATE_TAGS) });
    } else if (operation === "CreateKeyPair" && requestPayload !== undefined) {
      this.recordKeyPair(requestPayload, payload);
    } else if (operation === "Get" && identifier !== undefined && this.objects.has(identifier)) {
      this.record({ identifier, origin: this.objects.get(identifier)!.origin, ...keyBlockFacts(payload) });
    }
  }

  private recordKeyPair(requestPayload: TtlvNode, payload: TtlvNode): void {
    const privateId = textOf(child(payload, Tag.PrivateKeyUniqueIdentifier));
    const publicId = textOf(child(payload, Tag.PublicKeyUniqueIdentifier));
    if (privateId === undefined || publicId === undefined) {
      return;
    }

    this.record({ identifier: privateId, origin: "generated", objectType: "PrivateKey", pairedWith: publicId, ...templateFacts(requestPayload, [Tag.CommonTemplateAttribute, Tag.PrivateKeyTemplateAttribute]) });
    this.record({ identifier: publicId, origin: "generated", objectType: "PublicKey", pairedWith: privateId, ...templateFacts(requestPayload, [Tag.CommonTemplateAttribute, Tag.PublicKeyTemplateAttribute]) });
  }
}

/** Reads Cryptographic Algorithm, Length and Parameters from the template attributes of a request payload. */
function templateFacts(payload: TtlvNode, templateTags: number[]): Partial<KnownObject> {
  const facts: Partial<KnownObject> = {};

  for (const template of templateTags.flatMap((tag) => children(payload, tag))) {
    for (const attribute of children(template, Tag.Attribute)) {
      const name = textOf(child(attribute, Tag.AttributeName));
      const value = child(attribute, Tag.AttributeValue);
      if (name === "Cryptographic Algorithm") facts.cryptographicAlgorithm = enumOf(value, "CryptographicAlgorithm");
      if (name === "Cryptographic Length") facts.cryptographicLength = integerOf(value);
      if (name === "Cryptographic Parameters" && value?.type === ItemType.Structure) facts.cryptographicParameters = value;
    }
  }

  return facts;
}

/** Reads the Key Block of the managed object in a payload (Register request or Get response). */
function keyBlockFacts(payload: TtlvNode): Partial<KnownObject> {
  const object = KEY_OBJECT_TAGS.map((tag) => child(payload, tag)).find((node) => node !== undefined);
  const keyBlock = object === undefined ? undefined : child(object, Tag.KeyBlock);
  if (keyBlock === undefined) {
    return {};
  }

  const keyValue = child(keyBlock, Tag.KeyValue);
  return {
    keyFormatType: enumOf(child(keyBlock, Tag.KeyFormatType), "KeyFormatType"),
    // A wrapped key's Key Value is a Byte String of ciphertext, not key material.
    keyMaterial: child(keyBlock, Tag.KeyWrappingData) === undefined && keyValue !== undefined ? bytesOf(child(keyValue, Tag.KeyMaterial)) : undefined,
    cryptographicAlgorithm: enumOf(child(keyBlock, Tag.CryptographicAlgorithm), "CryptographicAlgorithm"),
    cryptographicLength: integerOf(child(keyBlock, Tag.CryptographicLength)),
  };
}

function textOf(node: TtlvNode | undefined): string | undefined {
  return node?.type === ItemType.TextString ? node.value : undefined;
}
