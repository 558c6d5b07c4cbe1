/** Discover Versions (§4.26): the protocol versions both sides speak. §11.27 defines no errors. */
import { Tag } from "../../src/kmip";
import { integer, structure } from "../../src/ttlv";
import { ItemType, StructureNode, TtlvNode } from "../../src/ttlv/types";
import { OperationContext, ProtocolVersion } from "../context";
import { optionalInteger, repeatedFields } from "../payload";
import { responsePayload } from "./common";

/** Versions this server speaks, most preferred first. */
export const SUPPORTED_VERSIONS: readonly ProtocolVersion[] = [4, 3, 2, 1, 0].map((minor) => ({ major: 1, minor }));

/**
 * §4.26: with no versions in the request the server lists all it supports. Otherwise it lists
 * those of the request it supports, in the request's order, which is the client's preference.
 */
export function discoverVersions(payload: StructureNode, _context: OperationContext): StructureNode {
  const offered = repeatedFields(payload, Tag.ProtocolVersion, ItemType.Structure).map(readVersion);
  const answer = offered.length === 0 ? SUPPORTED_VERSIONS : offered.filter(isSupported);
  return responsePayload(answer.map(versionNode));
}

function readVersion(node: TtlvNode): ProtocolVersion {
  return { major: optionalInteger(node, Tag.ProtocolVersionMajor) ?? -1, minor: optionalInteger(node, Tag.ProtocolVersionMinor) ?? -1 };
}

function isSupported(version: ProtocolVersion): boolean {
  return SUPPORTED_VERSIONS.some((supported) => supported.major === version.major && supported.minor === version.minor);
}

export function versionNode(version: ProtocolVersion): TtlvNode {
  return structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, version.major), integer(Tag.ProtocolVersionMinor, version.minor)]);
}
