/**
 * Baseline Server: transport. The server authenticates clients by certificate, rejecting a client
 * without one or with one from a CA it does not trust, and accepts TLS 1.2.
 */
import { QueryFunction, ResultStatus } from "../../src/kmip";
import { createTestPki } from "../../src/pki";
import { encode } from "../../src/ttlv";
import { CHECKS, type CheckDefinition } from "../support/checks";
import { useSuiteTarget } from "../support/fixture";
import { recorder } from "../support/recorder";
import { query, requestMessage } from "../support/requests";
import { KmipSession } from "../support/session";
import type { SuiteTarget } from "../support/target";
import { probeClient } from "../support/tls-probe";
import { batchItemPath, failed, resultOf, resultStatusName, verify } from "../support/verify";

const QUERY = requestMessage([query(QueryFunction.QueryOperations)]);

async function expectRejected(target: SuiteTarget, check: CheckDefinition, label: string, credentials?: { cert: string; key: string }): Promise<void> {
  const bytes = encode(QUERY);
  const step = recorder.addStep(["TLS handshake", "Query"], "the server rejects the client: the handshake fails or the connection closes without a response");
  step.requestBytes = bytes;

  const startedMs = Date.now();
  const result = await probeClient(target, bytes, credentials);
  step.durationMs = Date.now() - startedMs;

  verify(check, "TLS", result.outcome === "rejected", `${label}: ${result.detail}`, {
    kind: "unexpected",
    message: `${label}: the server did not reject the client (${result.detail})`,
    expected: "handshake failure or close",
    actual: result.outcome,
  });
}

describe("Baseline Server: TLS client authentication", () => {
  const target = useSuiteTarget();

  it("no client certificate is rejected", async () => {
    await expectRejected(target(), CHECKS.tlsNoClientCertificate, "a client without a certificate");
  });

  it("certificate from another CA is rejected", async () => {
    const stranger = createTestPki({ clientName: "kmipcheck-untrusted-client" });
    await expectRejected(target(), CHECKS.tlsUntrustedClientCertificate, "a client whose certificate another CA signed", stranger.client);
  });

  it("TLS 1.2 is accepted", async () => {
    const session = await openTls12(target());
    try {
      const { items } = await session.exchange(QUERY, "Success over TLS 1.2");
      verify(CHECKS.tlsVersion12, "TLS", session.protocol === "TLSv1.2", `negotiated ${session.protocol}`, { message: `a client limited to TLS 1.2 negotiated ${session.protocol}`, expected: "TLSv1.2", actual: session.protocol });

      const { status } = resultOf(items[0]);
      verify(CHECKS.tlsVersion12, `${batchItemPath(0, items.length)}/ResultStatus`, status === ResultStatus.Success, "Query answered over TLS 1.2", { message: `Query over TLS 1.2 got ${resultStatusName(status)}`, expected: "Success", actual: resultStatusName(status) });
    } finally {
      await session.close();
    }
  });
});

/** Connects with TLS 1.2 only; a failed handshake fails the check rather than erring the test. */
async function openTls12(target: SuiteTarget): Promise<KmipSession> {
  recorder.addStep(["TLS handshake"], "a TLS 1.2 handshake with the client certificate succeeds");
  try {
    return await KmipSession.open(target, { minVersion: "TLSv1.2", maxVersion: "TLSv1.2" });
  } catch (error) {
    failed(CHECKS.tlsVersion12, "TLS", { message: `a client limited to TLS 1.2 could not connect: ${(error as Error).message}`, expected: "TLSv1.2", actual: "handshake failed" });
  }
}
