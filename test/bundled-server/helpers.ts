/**
 * Test helpers: a mutual-TLS client on 127.0.0.1 that sends one TTLV message and waits for one
 * response, and builders for request messages.
 */
import { connect, TLSSocket } from "node:tls";
import { startBundledServer, BundledServer, BundledServerOptions } from "../../bundled-server";
import { NameType, ObjectType, Tag, tagName } from "../../src/kmip";
import { createTestPki, TestPki } from "../../src/pki";
import { bytes, child, children, decode, encode, enumeration, FrameAssembler, integer, structure, text } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";

export const RESPONSE_TIMEOUT_MS = 5000;

let sharedPki: TestPki | undefined;

/** Returns one test PKI for the whole run, because RSA key generation is slow. */
export function testPki(): TestPki {
  sharedPki ??= createTestPki({ serverIps: ["127.0.0.1"] });
  return sharedPki;
}

export async function startTestServer(options: Partial<BundledServerOptions> = {}): Promise<BundledServer> {
  const pki = testPki();
  return startBundledServer({ host: "127.0.0.1", port: 0, clientCa: pki.ca.cert, cert: pki.server.cert, key: pki.server.key, ...options });
}

export class TestClient {
  private readonly assembler = new FrameAssembler();
  private readonly pending: Buffer[] = [];
  private waiter: ((message: Buffer) => void) | undefined;

  private constructor(readonly socket: TLSSocket) {
    socket.on("data", (chunk: Buffer) => {
      for (const message of this.assembler.push(chunk)) {
        this.deliver(message);
      }
    });
  }

  static async connect(server: BundledServer, credentials: { cert?: string; key?: string } = testPki().client): Promise<TestClient> {
    const socket = connect({ host: server.host, port: server.port, ca: testPki().ca.cert, cert: credentials.cert, key: credentials.key, servername: "localhost" });
    await new Promise<void>((resolve, reject) => {
      socket.once("secureConnect", () => resolve());
      socket.once("error", reject);
    });
    return new TestClient(socket);
  }

  /** Sends raw bytes and returns the next response message, decoded. */
  async roundTripBytes(request: Buffer): Promise<StructureNode> {
    const next = this.nextMessage();
    this.socket.write(request);
    return decode(await next, { namer: tagName }) as StructureNode;
  }

  roundTrip(request: TtlvNode): Promise<StructureNode> {
    return this.roundTripBytes(encode(request));
  }

  close(): void {
    this.socket.destroy();
  }

  private nextMessage(): Promise<Buffer> {
    const ready = this.pending.shift();
    if (ready !== undefined) {
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const onClose = (): void => reject(new Error("the server closed the connection"));
      const timer = setTimeout(() => reject(new Error(`no response within ${RESPONSE_TIMEOUT_MS} ms`)), RESPONSE_TIMEOUT_MS);
      this.socket.once("close", onClose);
      this.waiter = (message) => {
        clearTimeout(timer);
        this.socket.off("close", onClose);
        resolve(message);
      };
    });
  }

  private deliver(message: Buffer): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter === undefined) {
      this.pending.push(message);
    } else {
      waiter(message);
    }
  }
}

export interface ItemSpec {
  operation: number;
  payload: TtlvNode[];
  uniqueBatchItemId?: Buffer;
}

export interface HeaderSpec {
  major?: number;
  minor?: number;
  batchCount?: number;
  extra?: TtlvNode[];
}

export function requestMessage(items: ItemSpec[], header: HeaderSpec = {}): TtlvNode {
  const version = structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, header.major ?? 1), integer(Tag.ProtocolVersionMinor, header.minor ?? 4)]);
  const headerNode = structure(Tag.RequestHeader, [version, ...(header.extra ?? []), integer(Tag.BatchCount, header.batchCount ?? items.length)]);
  return structure(Tag.RequestMessage, [headerNode, ...items.map(batchItem)]);
}

function batchItem(item: ItemSpec): TtlvNode {
  const fields: TtlvNode[] = [enumeration(Tag.Operation, item.operation)];
  if (item.uniqueBatchItemId !== undefined) {
    fields.push(bytes(Tag.UniqueBatchItemID, item.uniqueBatchItemId));
  }
  fields.push(structure(Tag.RequestPayload, item.payload));
  return structure(Tag.BatchItem, fields);
}

export function attribute(name: string, value: TtlvNode): TtlvNode {
  return structure(Tag.Attribute, [text(Tag.AttributeName, name), { ...value, tag: Tag.AttributeValue } as TtlvNode]);
}

export function uid(value: string): TtlvNode {
  return text(Tag.UniqueIdentifier, value);
}

export function batchItems(response: StructureNode): StructureNode[] {
  return children(response, Tag.BatchItem) as StructureNode[];
}

export function field(node: TtlvNode | undefined, tag: number): TtlvNode["value"] | undefined {
  return node === undefined ? undefined : child(node, tag)?.value;
}

export function payloadOf(item: StructureNode): StructureNode {
  return child(item, Tag.ResponsePayload) as StructureNode;
}

/** Returns the Attribute Values of one attribute in a Get Attributes payload. */
export function attributeValues(payload: StructureNode, name: string): TtlvNode[] {
  return children(payload, Tag.Attribute)
    .filter((node) => child(node, Tag.AttributeName)?.value === name)
    .map((node) => child(node, Tag.AttributeValue)!);
}

export interface KeySpec {
  algorithm: number;
  length: number;
  usageMask: number;
  name?: string;
  extra?: TtlvNode[];
}

/** Create payload for a symmetric key. */
export function createPayload(spec: KeySpec): TtlvNode[] {
  const attributes = [
    attribute("Cryptographic Algorithm", enumeration(0, spec.algorithm)),
    attribute("Cryptographic Length", integer(0, spec.length)),
    attribute("Cryptographic Usage Mask", integer(0, spec.usageMask)),
    ...(spec.name === undefined ? [] : [nameAttribute(spec.name)]),
    ...(spec.extra ?? []),
  ];
  return [enumeration(Tag.ObjectType, ObjectType.SymmetricKey), structure(Tag.TemplateAttribute, attributes)];
}

export function nameAttribute(name: string): TtlvNode {
  return attribute("Name", structure(0, [text(Tag.NameValue, name), enumeration(Tag.NameType, NameType.UninterpretedTextString)]));
}

/** Sends one request with one batch item and returns that item. */
export async function single(client: TestClient, operation: number, payload: TtlvNode[]): Promise<StructureNode> {
  const response = await client.roundTrip(requestMessage([{ operation, payload }]));
  return batchItems(response)[0];
}
