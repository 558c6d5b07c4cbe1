/**
 * The valid requests the fuzzer mutates: the requests of vector files, with placeholders filled
 * by plausible values, or a built-in set when no vector folder is given. Also the probe request
 * that checks the target still works.
 */
import { CryptographicAlgorithm, CryptographicUsageMask, ObjectType, Operation, QueryFunction, Tag } from "../kmip";
import { enumeration, integer, structure, text } from "../ttlv/build";
import { ItemType, type TtlvNode } from "../ttlv/types";
import { findVectorFiles, loadVectorFile, replacePlaceholders, toTtlv, type PlaceholderNode, type TemplateNode } from "../vectors";
import { Prng } from "./prng";

/** One valid request message to start mutations from. */
export interface SeedRequest {
  /** Origin: `builtin:Query`, or `SKLC-M-1-14#2` for a vector name and step index. */
  source: string;
  message: TtlvNode;
}

/** KMIP 1.4, the version every seed and the probe declare in their Request Header. */
const PROTOCOL_VERSION = { major: 1, minor: 4 };

/** Builds a Request Message of one Batch Item. */
export function requestMessage(operation: number, payload: TtlvNode[]): TtlvNode {
  const header = structure(Tag.RequestHeader, [
    structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, PROTOCOL_VERSION.major), integer(Tag.ProtocolVersionMinor, PROTOCOL_VERSION.minor)]),
    integer(Tag.BatchCount, 1),
  ]);
  const batchItem = structure(Tag.BatchItem, [enumeration(Tag.Operation, operation), structure(Tag.RequestPayload, payload)]);
  return structure(Tag.RequestMessage, [header, batchItem]);
}

/** The probe: a Discover Versions request, which every KMIP server must handle with Result Status Success. */
export function probeRequest(): TtlvNode {
  return requestMessage(Operation.DiscoverVersions, []);
}

/** Query, Discover Versions and Create of an AES key: requests every KMIP 1.4 server handles. */
export function builtinSeeds(): SeedRequest[] {
  const query = requestMessage(Operation.Query, [
    enumeration(Tag.QueryFunction, QueryFunction.QueryOperations),
    enumeration(Tag.QueryFunction, QueryFunction.QueryObjects),
  ]);
  const discover = requestMessage(Operation.DiscoverVersions, [
    structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]),
    structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 0)]),
  ]);
  const createAes = requestMessage(Operation.Create, [
    enumeration(Tag.ObjectType, ObjectType.SymmetricKey),
    structure(Tag.TemplateAttribute, [
      attribute("Cryptographic Algorithm", enumeration(Tag.AttributeValue, CryptographicAlgorithm.AES)),
      attribute("Cryptographic Length", integer(Tag.AttributeValue, 256)),
      attribute("Cryptographic Usage Mask", integer(Tag.AttributeValue, CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt)),
    ]),
  ]);

  return [
    { source: "builtin:Query", message: query },
    { source: "builtin:DiscoverVersions", message: discover },
    { source: "builtin:CreateAES", message: createAes },
  ];
}

function attribute(name: string, value: TtlvNode): TtlvNode {
  return structure(Tag.Attribute, [text(Tag.AttributeName, name), value]);
}

/** Options for filling placeholders: the clock (POSIX seconds) and the text of the seed for fresh identifiers. */
export interface FillOptions {
  nowSeconds: number;
  seed: string;
}

/**
 * Reads the request of every step of every *.xml file in the folders, in file order. Each
 * placeholder gets a plausible value of its type, so the message encodes and a server can parse it.
 */
export async function seedsFromVectorFolders(folders: readonly string[], options: FillOptions): Promise<SeedRequest[]> {
  const seeds: SeedRequest[] = [];
  for (const folder of folders) {
    for (const path of await findVectorFiles(folder)) {
      const vector = await loadVectorFile(path);
      for (const step of vector.steps) {
        const source = `${vector.name}#${step.index}`;
        seeds.push({ source, message: fillPlaceholders(step.request, new Prng(`${options.seed}/${source}`), options.nowSeconds) });
      }
    }
  }
  return seeds;
}

/**
 * Replaces each placeholder by a value of its leaf type: `$NOW±N` by the clock plus N seconds, a
 * Text String (e.g. `$UNIQUE_IDENTIFIER_0`) by a fresh identifier, other types by small values.
 */
export function fillPlaceholders(template: TemplateNode, rng: Prng, nowSeconds: number): TtlvNode {
  const filled = replacePlaceholders(template, (leaf) => plausibleLeaf(leaf, rng, nowSeconds));
  return toTtlv(filled);
}

function plausibleLeaf(leaf: PlaceholderNode, rng: Prng, nowSeconds: number): TemplateNode {
  const { tag, type } = leaf;
  switch (type) {
    case ItemType.TextString:
      return { tag, type, value: freshIdentifier(rng) };
    case ItemType.ByteString:
      return { tag, type, value: rng.bytes(16) };
    case ItemType.DateTime:
    case ItemType.LongInteger:
      return { tag, type, value: BigInt(nowSeconds + clockOffset(leaf.value.placeholder)) };
    case ItemType.BigInteger:
      return { tag, type, value: BigInt(rng.int(1, 2 ** 30)) };
    case ItemType.Boolean:
      return { tag, type, value: rng.chance(0.5) };
    default:
      return { tag, type, value: rng.int(0, 1000) };
  }
}

/** Returns N of `$NOW+N` or `$NOW-N` (in seconds), 0 for any other placeholder. */
function clockOffset(placeholder: string): number {
  const match = /^\$NOW([+-]\d+)?$/.exec(placeholder);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

/** Returns a UUID-shaped text built from the generator, so it is fresh yet reproducible. */
function freshIdentifier(rng: Prng): string {
  const hex = rng.bytes(16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
