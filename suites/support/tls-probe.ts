/**
 * A TLS client for the negative TLS checks: it connects with the given client credentials (or
 * none), sends one valid request and reports whether the server rejected the connection, sent a
 * response or stayed silent. It does not verify the server certificate, because the check is about the
 * server rejecting this client, not about who the server is.
 */
import { isIP } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import type { SuiteTarget } from "./target";

export interface ProbeResult {
  outcome: "rejected" | "answered" | "silent";
  /** Description of the outcome, e.g. "the connection failed: ... alert certificate required". */
  detail: string;
  /** Bytes the server sent before the connection ended. */
  bytesReceived: number;
}

export function probeClient(target: SuiteTarget, request: Buffer, credentials?: { cert: string; key: string }): Promise<ProbeResult> {
  const { host, port, servername } = target.connection;

  return new Promise<ProbeResult>((resolve) => {
    let received = 0;
    let settled = false;
    const socket: TLSSocket = connect({ host, port, servername: servername ?? (isIP(host) === 0 ? host : undefined), rejectUnauthorized: false, minVersion: "TLSv1.2", ...credentials });

    const finish = (outcome: ProbeResult["outcome"], detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ outcome, detail, bytesReceived: received });
    };

    const timer = setTimeout(() => finish("silent", `no response and no close within ${target.responseTimeoutMs} ms`), target.responseTimeoutMs);
    socket.once("secureConnect", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      finish("answered", `the server sent ${received} bytes of response over ${socket.getProtocol() ?? "TLS"}`);
    });
    socket.once("error", (error: Error) => finish("rejected", `the connection failed: ${error.message}`));
    socket.once("close", () => finish("rejected", "the server closed the connection without a response"));
  });
}
