/**
 * `--profile auto`: ask the server which profiles it claims (Query with Query Profiles, KMIP 1.4
 * §4.25) and map each Profile Name (§9.1.3.2.42) to the profiles kmipcheck tests.
 */
import { child, children, decode, encode, type TtlvNode } from "../ttlv";
import { enumName, QueryFunction, Tag, tagName, withAuthentication } from "../kmip";
import { PROFILES } from "../replay";
import { KmipConnection, type ConnectOptions } from "../transport";
import { query, requestMessage } from "../../suites/support/requests";

export interface ClaimedProfiles {
  /** kmipcheck profile names, in the order of the profile list. */
  profiles: string[];
  /** Profile Names the server claims that kmipcheck has no tests for, e.g. client profiles. */
  unmapped: string[];
}

/** Profile Names of the message encoding profiles, which kmipcheck tests together. */
const MESSAGE_ENCODING_PREFIXES = ["HTTPSServer", "JSONServer", "XMLServer"];

/** The target of the query: where to connect, and the header fields its requests carry. */
export interface QueryTarget {
  connection: ConnectOptions;
  protocolVersion: { major: number; minor: number };
  authentication?: TtlvNode;
}

/** Sends Query Profiles and maps the response. Raises TransportError or TtlvDecodeError when the exchange fails. */
export async function queryClaimedProfiles(target: QueryTarget): Promise<ClaimedProfiles> {
  const { major, minor } = target.protocolVersion;
  const built = requestMessage([query(QueryFunction.QueryProfiles)], { version: [major, minor] });
  const request = target.authentication === undefined ? built : withAuthentication(built, target.authentication);

  const client = await KmipConnection.connect(target.connection);
  let response: Buffer;
  try {
    response = await client.roundTrip(encode(request));
  } finally {
    await client.close();
  }

  const message = decode(response, { namer: tagName, allowNonZeroPadding: true });
  const payloads = children(message, Tag.BatchItem).flatMap((item) => children(item, Tag.ResponsePayload));
  const names = payloads
    .flatMap((payload) => children(payload, Tag.ProfileInformation))
    .map((information) => child(information, Tag.ProfileName)?.value)
    .map((value) => (typeof value === "number" ? (enumName("ProfileName", value) ?? `0x${value.toString(16)}`) : String(value)));
  return mapProfileNames(names);
}

/**
 * Maps Profile Names such as SymmetricKeyLifecycleServerKMIPV1_4 to kmipcheck profiles by their
 * titles. Baseline Server Basic and TLS v1.2 both map to baseline, and Complete Server to every profile.
 */
export function mapProfileNames(names: ReadonlyArray<string>): ClaimedProfiles {
  const selected = new Set<string>();
  const unmapped: string[] = [];

  for (const name of names) {
    const found = profilesOfName(name);
    found.forEach((profile) => selected.add(profile));
    if (found.length === 0) {
      unmapped.push(name);
    }
  }

  return { profiles: PROFILES.map((profile) => profile.name).filter((profile) => selected.has(profile)), unmapped };
}

function profilesOfName(name: string): string[] {
  const stem = name.replace(/KMIPV\d+_\d+$/, "").replace(/(Basic|TLSV1_2)$/, "");
  if (!stem.endsWith("Server")) {
    return [];
  }

  if (stem === "CompleteServer") {
    return PROFILES.map((profile) => profile.name);
  }

  if (MESSAGE_ENCODING_PREFIXES.includes(stem)) {
    return ["message-encoding"];
  }

  const key = comparable(stem);
  return PROFILES.filter((profile) => comparable(profile.title) === key).map((profile) => profile.name);
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}
