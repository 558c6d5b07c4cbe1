/**
 * In-memory store of managed objects, keyed by Unique Identifier. Objects stay after Destroy (their
 * metadata remains readable, §4.21) until the server stops.
 */
import { randomUUID } from "node:crypto";
import { ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";
import { cloneManagedObject, ManagedObject } from "./managed-object";

/** A copy of the whole store, taken before a batch whose Batch Error Continuation Option is Undo. */
export interface StoreSnapshot {
  objects: ManagedObject[];
}

export class ObjectStore {
  private objects = new Map<string, ManagedObject>();

  /** Returns a fresh Unique Identifier (§3.1: it SHOULD be globally unique, so a random UUID). */
  newUniqueIdentifier(): string {
    return randomUUID();
  }

  insert(object: ManagedObject): void {
    this.objects.set(object.uniqueIdentifier, object);
  }

  find(uniqueIdentifier: string): ManagedObject | undefined {
    return this.objects.get(uniqueIdentifier);
  }

  /** Returns the object or raises Item Not Found, the reason every §11 table gives for an unknown Unique Identifier. */
  require(uniqueIdentifier: string): ManagedObject {
    const object = this.objects.get(uniqueIdentifier);
    if (object === undefined) {
      throw new KmipResultError(ResultReason.ItemNotFound, `no object has Unique Identifier "${uniqueIdentifier}"`);
    }
    return object;
  }

  /** Returns all objects in creation order. */
  list(): ManagedObject[] {
    return [...this.objects.values()];
  }

  get size(): number {
    return this.objects.size;
  }

  snapshot(): StoreSnapshot {
    return { objects: this.list().map(cloneManagedObject) };
  }

  restore(snapshot: StoreSnapshot): void {
    this.objects = new Map(snapshot.objects.map((object) => [object.uniqueIdentifier, object]));
  }
}
