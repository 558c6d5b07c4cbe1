/**
 * Order in which the server lists all of an object's attributes (Get Attributes without names,
 * Get Attribute List): the identifying attributes first, then the others by name, as the HSM this
 * server models lists them.
 */
import { ManagedObject } from "../store/managed-object";

const LEADING = ["Unique Identifier", "Object Type", "Cryptographic Algorithm", "Cryptographic Length"];

export function orderedAttributeNames(object: ManagedObject): string[] {
  const present = object.attributes.names();
  const leading = LEADING.filter((name) => present.includes(name));
  const rest = present.filter((name) => !LEADING.includes(name)).sort(compareNames);
  return [...leading, ...rest];
}

function compareNames(left: string, right: string): number {
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}
