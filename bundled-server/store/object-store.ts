/**
 * In-memory store of managed objects, keyed by Unique Identifier. Objects stay after Destroy (their
 * metadata remains readable, §4.21), but the store is bounded: at most maxObjects objects that are
 * not destroyed, and at most maxDestroyedObjects destroyed ones, the oldest destroyed evicted first.
 */
import { randomUUID } from "node:crypto";
import { ResultReason } from "../../src/kmip";
import { KmipResultError } from "../errors";
import { isDestroyed, stateOf } from "./lifecycle";
import { cloneManagedObject, ManagedObject } from "./managed-object";

/** Maximum number of objects, not counting destroyed ones, in one store (one client identity). */
export const DEFAULT_MAX_OBJECTS = 10_000;
/** Maximum number of destroyed objects one store keeps readable. The oldest destroyed is evicted first. */
export const DEFAULT_MAX_DESTROYED_OBJECTS = 1_000;

export interface StoreLimits {
  maxObjects: number;
  maxDestroyedObjects: number;
}

/** A copy of the whole store, taken before a batch whose Batch Error Continuation Option is Undo. */
export interface StoreSnapshot {
  objects: ManagedObject[];
}

export class ObjectStore {
  private objects = new Map<string, ManagedObject>();
  /** Unique Identifiers of destroyed objects, oldest destruction first. */
  private destroyed = new Set<string>();
  private readonly limits: StoreLimits;

  constructor(limits: Partial<StoreLimits> = {}) {
    this.limits = {
      maxObjects: limits.maxObjects ?? DEFAULT_MAX_OBJECTS,
      maxDestroyedObjects: limits.maxDestroyedObjects ?? DEFAULT_MAX_DESTROYED_OBJECTS,
    };
  }

  /** Returns a fresh Unique Identifier (§3.1: it SHOULD be globally unique, so a random UUID). */
  newUniqueIdentifier(): string {
    return randomUUID();
  }

  /**
   * Raises General Failure when `count` more objects would exceed maxObjects. §11 has no reason
   * for a full store, so General Failure (§6.10: "any other error") carries a message that explains it.
   */
  requireRoom(count = 1): void {
    const live = this.objects.size - this.destroyed.size;
    if (live + count > this.limits.maxObjects) {
      throw new KmipResultError(ResultReason.GeneralFailure, `the store is full: this client holds ${live} objects, the maximum is ${this.limits.maxObjects}; destroy objects before creating more`);
    }
  }

  insert(object: ManagedObject): void {
    if (!this.objects.has(object.uniqueIdentifier)) {
      this.requireRoom();
    }
    this.objects.set(object.uniqueIdentifier, object);
  }

  /** Records that Destroy removed the object's content; evicts the oldest destroyed objects beyond maxDestroyedObjects. */
  markDestroyed(object: ManagedObject): void {
    this.destroyed.add(object.uniqueIdentifier);
    for (const oldest of this.destroyed) {
      if (this.destroyed.size <= this.limits.maxDestroyedObjects) {
        break;
      }
      this.destroyed.delete(oldest);
      this.objects.delete(oldest);
    }
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

  get destroyedCount(): number {
    return this.destroyed.size;
  }

  snapshot(): StoreSnapshot {
    return { objects: this.list().map(cloneManagedObject) };
  }

  restore(snapshot: StoreSnapshot): void {
    this.objects = new Map(snapshot.objects.map((object) => [object.uniqueIdentifier, object]));
    this.destroyed = new Set(snapshot.objects.filter(wasDestroyed).map((object) => object.uniqueIdentifier));
  }
}

/** Destroy removes the content (§4.21) and moves a cryptographic object to a destroyed State. */
function wasDestroyed(object: ManagedObject): boolean {
  const state = stateOf(object);
  return isDestroyed(state) || (state === undefined && object.content === undefined);
}
