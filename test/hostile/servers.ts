/**
 * Hostile KMIP servers for testing the harness: real mutual-TLS listeners on 127.0.0.1 whose
 * behaviour, chosen per test, breaks the protocol in one way. Also the small vector they are run
 * against (two Discover Versions requests with Unique Batch Item IDs) and a well-formed response
 * to it, so a control test can show that the vector passes against a well-behaved server.
 */
import { createServer as createTcpServer, AddressInfo, Server, Socket } from "node:net";
import { createServer as createTlsServer, TLSSocket } from "node:tls";
import { Operation, ResultStatus, Tag, tagName } from "../../src/kmip";
import { TestPki } from "../../src/pki";
import { bytes, child, dateTime, decode, encode, enumeration, FrameAssembler, integer, structure } from "../../src/ttlv";
import { parseVectorXml, type VectorFile } from "../../src/vectors";

const VERSION_XML = `<ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="4"/></ProtocolVersion>`;

function requestXml(id: string): string {
  return `<RequestMessage><RequestHeader>${VERSION_XML}<BatchCount type="Integer" value="1"/></RequestHeader>
    <BatchItem><Operation type="Enumeration" value="DiscoverVersions"/><UniqueBatchItemID type="ByteString" value="${id}"/><RequestPayload/></BatchItem></RequestMessage>`;
}

function responseXml(id: string): string {
  return `<ResponseMessage><ResponseHeader>${VERSION_XML}<TimeStamp type="DateTime" value="$NOW"/><BatchCount type="Integer" value="1"/></ResponseHeader>
    <BatchItem><Operation type="Enumeration" value="DiscoverVersions"/><UniqueBatchItemID type="ByteString" value="${id}"/><ResultStatus type="Enumeration" value="Success"/>
    <ResponsePayload>${VERSION_XML}</ResponsePayload></BatchItem></ResponseMessage>`;
}

/** The vector's XML: two steps, each a Discover Versions request and its expected response. */
export const VECTOR_XML = `<KMIP>\n${requestXml("01")}\n${responseXml("01")}\n${requestXml("02")}\n${responseXml("02")}\n</KMIP>\n`;

export function hostileVector(): VectorFile {
  return parseVectorXml(VECTOR_XML, "HOSTILE-M-1-14.xml");
}

export interface ResponseShape {
  operation?: number;
  /** Unique Batch Item ID to echo; default the request's. */
  uniqueBatchItemId?: Buffer;
}

/** Encodes the response a correct server sends to one of the vector's requests, with the given fields changed. */
export function responseTo(request: Buffer, shape: ResponseShape = {}): Buffer {
  const requestItem = child(decode(request, { namer: tagName }), Tag.BatchItem)!;
  const echoedId = child(requestItem, Tag.UniqueBatchItemID)?.value as Buffer;
  const version = structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]);
  const header = structure(Tag.ResponseHeader, [version, dateTime(Tag.TimeStamp, BigInt(Math.floor(Date.now() / 1000))), integer(Tag.BatchCount, 1)]);
  const item = structure(Tag.BatchItem, [
    enumeration(Tag.Operation, shape.operation ?? Operation.DiscoverVersions),
    bytes(Tag.UniqueBatchItemID, shape.uniqueBatchItemId ?? echoedId),
    enumeration(Tag.ResultStatus, ResultStatus.Success),
    structure(Tag.ResponsePayload, [version]),
  ]);
  return encode(structure(Tag.ResponseMessage, [header, item]));
}

/** What a hostile server does with a connection: the TLS socket and the TCP socket under it. */
export type Behaviour = (socket: TLSSocket, tcp: Socket) => void;

export interface HostileServer {
  port: number;
  close(): Promise<void>;
}

/** Starts a mutual-TLS server (client certificates from the PKI's CA) that hands each connection to the behaviour. */
export function startHostileServer(pki: TestPki, behaviour: Behaviour): Promise<HostileServer> {
  const tcpSockets = new Map<string, Socket>();
  const server = createTlsServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true }, (socket) => {
    socket.on("error", () => undefined);
    behaviour(socket, tcpSockets.get(peerKey(socket))!);
  });
  server.on("tlsClientError", (_error, socket) => socket.destroy());
  server.on("connection", (socket: Socket) => {
    socket.on("error", () => undefined);
    tcpSockets.set(peerKey(socket), socket);
    socket.on("close", () => tcpSockets.delete(peerKey(socket)));
  });
  return listen(server, () => tcpSockets.values());
}

/** Starts a TCP server that accepts connections and never starts TLS. */
export function startSilentTcpServer(): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    socket.on("error", () => undefined);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return listen(server, () => sockets.values());
}

/** Calls onRequest with each whole message the client sends. */
export function onRequests(socket: TLSSocket, onRequest: (request: Buffer) => void): void {
  const assembler = new FrameAssembler();
  socket.on("data", (chunk: Buffer) => {
    for (const request of assembler.push(chunk)) onRequest(request);
  });
}

function peerKey(socket: Socket): string {
  return `${socket.remoteAddress}:${socket.remotePort}`;
}

async function listen(server: Server, openSockets: () => Iterable<Socket>): Promise<HostileServer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const close = async (): Promise<void> => {
    for (const socket of openSockets()) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port, close };
}
