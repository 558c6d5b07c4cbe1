/**
 * Test targets for the fuzzer on 127.0.0.1: the bundled server, and a fake KMIP server over real
 * TLS that handles the probe correctly but hangs, sends garbage or stops on any other message.
 */
import { mkdtempSync } from "node:fs";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, TLSSocket } from "node:tls";
import { probeRequest } from "../../src/fuzz";
import { Operation, ResultStatus, Tag } from "../../src/kmip";
import { createTestPki, type TestPki } from "../../src/pki";
import { dateTime, encode, enumeration, FrameAssembler, integer, structure } from "../../src/ttlv";
import type { ConnectOptions } from "../../src/transport";

let sharedPki: TestPki | undefined;

/** Returns one test PKI shared by all fuzz tests, because RSA key generation is slow. */
export function fuzzPki(): TestPki {
  sharedPki ??= createTestPki({ serverIps: ["127.0.0.1"] });
  return sharedPki;
}

export function clientOptions(port: number): ConnectOptions {
  const pki = fuzzPki();
  return { host: "127.0.0.1", port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key };
}

export function temporaryReportDir(): string {
  return mkdtempSync(join(tmpdir(), "kmipcheck-fuzz-"));
}

/** What the fake server does with any message other than the probe. */
export type FakeBehaviour = "hang" | "garbage" | "die";

export interface FakeServer {
  port: number;
  /** Messages received other than the probe. */
  otherMessages: number;
  close(): Promise<void>;
}

const PROBE = encode(probeRequest());

/** A well-formed Discover Versions response with Result Status Success and version 1.4. */
function probeResponse(): Buffer {
  const version = structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]);
  return encode(
    structure(Tag.ResponseMessage, [
      structure(Tag.ResponseHeader, [version, dateTime(Tag.TimeStamp, new Date()), integer(Tag.BatchCount, 1)]),
      structure(Tag.BatchItem, [enumeration(Tag.Operation, Operation.DiscoverVersions), enumeration(Tag.ResultStatus, ResultStatus.Success), structure(Tag.ResponsePayload, [version])]),
    ]),
  );
}

/** A whole TTLV frame (a ResponseMessage of Length 16) whose only item has the unknown type 0x0B. */
const GARBAGE = Buffer.from("42007b01000000104200000b000000040000000100000000", "hex");

export async function startFakeServer(behaviour: FakeBehaviour): Promise<FakeServer> {
  const pki = fuzzPki();
  const sockets = new Set<TLSSocket>();
  const server = createServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    serve(socket);
  });
  server.on("tlsClientError", () => undefined);

  const state: FakeServer = { port: 0, otherMessages: 0, close };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;

  function serve(socket: TLSSocket): void {
    const assembler = new FrameAssembler();
    socket.on("data", (chunk: Buffer) => {
      let messages: Buffer[];
      try {
        messages = assembler.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const message of messages) handle(socket, message);
    });
  }

  function handle(socket: TLSSocket, message: Buffer): void {
    if (message.equals(PROBE)) {
      socket.write(probeResponse());
      return;
    }

    state.otherMessages += 1;
    if (behaviour === "garbage") socket.write(GARBAGE);
    if (behaviour === "die") void close();
  }

  async function close(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
