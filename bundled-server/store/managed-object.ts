/**
 * A managed object as the server stores it (spec §2.2): its identity, its content as Get returns it
 * and its attributes (§3).
 */
import { TtlvNode } from "../../src/ttlv/types";
import { AttributeSet } from "../attributes/attribute-set";

export interface ManagedObject {
  uniqueIdentifier: string;
  /** Object Type enumeration value (§9.1.3.2.12). */
  objectType: number;
  /**
   * The object structure tagged by its type (e.g. Symmetric Key holding a Key Block), as Get
   * returns it. Undefined once Destroy has removed the key material (§4.21 lets the server keep
   * the metadata).
   */
  content: TtlvNode | undefined;
  attributes: AttributeSet;
}

export function cloneManagedObject(object: ManagedObject): ManagedObject {
  return { ...object, attributes: object.attributes.clone() };
}
