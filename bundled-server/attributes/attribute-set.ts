/**
 * The attribute instances of one managed object. Each instance keeps the Attribute Index the
 * server assigned. §2.1.1: indices start at 0, and an instance's index SHALL NOT change when
 * other instances are added or deleted.
 */
import { TtlvNode } from "../../src/ttlv/types";

export interface AttributeInstance {
  index: number;
  /** The Attribute Value item, tagged AttributeValue. Never mutated: changes replace the node. */
  value: TtlvNode;
}

export class AttributeSet {
  private readonly instances = new Map<string, AttributeInstance[]>();
  private readonly nextIndex = new Map<string, number>();

  /** Names of the attributes that have at least one instance, in insertion order. */
  names(): string[] {
    return [...this.instances.keys()];
  }

  has(name: string): boolean {
    return this.instances.has(name);
  }

  all(name: string): readonly AttributeInstance[] {
    return this.instances.get(name) ?? [];
  }

  first(name: string): TtlvNode | undefined {
    return this.instances.get(name)?.[0]?.value;
  }

  find(name: string, index: number): AttributeInstance | undefined {
    return this.all(name).find((instance) => instance.index === index);
  }

  /** Replaces every instance with one value at index 0 (the server setting a single-instance attribute). */
  set(name: string, value: TtlvNode): void {
    this.instances.set(name, [{ index: 0, value }]);
    this.nextIndex.set(name, 1);
  }

  /** Adds an instance and returns its new Attribute Index. */
  add(name: string, value: TtlvNode): number {
    const index = this.nextIndex.get(name) ?? 0;
    this.nextIndex.set(name, index + 1);

    const list = this.instances.get(name) ?? [];
    list.push({ index, value });
    this.instances.set(name, list);
    return index;
  }

  /** Replaces the value of one instance; returns false when no instance has that index. */
  replace(name: string, index: number, value: TtlvNode): boolean {
    const instance = this.find(name, index);
    if (instance === undefined) {
      return false;
    }
    instance.value = value;
    return true;
  }

  /** Deletes one instance and returns it, or undefined when no instance has that index. */
  remove(name: string, index: number): AttributeInstance | undefined {
    const list = this.instances.get(name);
    const position = list?.findIndex((instance) => instance.index === index) ?? -1;
    if (list === undefined || position < 0) {
      return undefined;
    }

    const [removed] = list.splice(position, 1);
    if (list.length === 0) {
      this.instances.delete(name);
    }
    return removed;
  }

  /** Copies the set; values are shared because they are never mutated. */
  clone(): AttributeSet {
    const copy = new AttributeSet();
    for (const [name, list] of this.instances) {
      copy.instances.set(name, list.map((instance) => ({ ...instance })));
    }
    for (const [name, index] of this.nextIndex) {
      copy.nextIndex.set(name, index);
    }
    return copy;
  }
}
