import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { startBundledServer, type BundledServer } from "../../bundled-server";
import { buildAuthentication, loadConfig, resolveTarget, type Credential } from "../../src/config";
import { Operation, ResultStatus, Tag } from "../../src/kmip";
import { fetchServerCertificate } from "../../src/pki/fetch";
import { initPkiDirectory } from "../../src/pki/init";
import { KmipConnection } from "../../src/transport";
import { onlyBatchItem, requestMessage, valueOf } from "../helpers/kmip-requests";
import { makeTempDir, type TempDir } from "./helpers";

describe("config target against the bundled server", function () {
  let temp: TempDir;
  let server: BundledServer;
  let connection: KmipConnection | undefined;

  before(async function () {
    temp = makeTempDir();
    const { files } = initPkiDirectory(join(temp.path, "pki"), { serverIps: ["127.0.0.1"] });
    server = await startBundledServer({ host: "127.0.0.1", port: 0, clientCa: readFileSync(files.caCert, "utf8") });
    temp.write("pinned.pem", (await fetchServerCertificate(server.host, server.port, { timeoutMs: 5000 })).pem);
  });

  afterEach(async function () {
    await connection?.close();
    connection = undefined;
  });

  after(async function () {
    await server.close();
    temp.remove();
  });

  it("connects with a fetched pinned certificate", async function () {
    const target = { host: "127.0.0.1", port: server.port, clientCert: "pki/client.pem", clientKey: "pki/client.key", pinnedServerCertificate: "pinned.pem", credential: { username: "officer", password: "secret" }, tls: { minVersion: "TLSv1.2", maxVersion: "TLSv1.2" }, responseTimeoutMs: 5000 };
    const config = await loadConfig(temp.write("kmipcheck.json", { targets: { bundled: target } }));
    const resolved = await resolveTarget(config, "bundled");

    connection = await KmipConnection.connect(resolved.connection);
    expect(resolved.credential).to.deep.equal({ username: "officer", password: "secret" });
    const credential = buildAuthentication(resolved.credential as Credential);
    const item = onlyBatchItem(await connection.roundTrip(requestMessage(Operation.DiscoverVersions, [], [credential])));

    expect(connection.protocol).to.equal("TLSv1.2");
    expect(valueOf(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
  });

  it("fails the handshake with the wrong pin", async function () {
    const target = { host: "127.0.0.1", port: server.port, clientCert: "pki/client.pem", clientKey: "pki/client.key", pinnedServerCertificate: "pki/server.pem" };
    const config = await loadConfig(temp.write("kmipcheck.json", { targets: { bundled: target } }));
    const resolved = await resolveTarget(config, "bundled");

    let caught: unknown;
    try {
      connection = await KmipConnection.connect(resolved.connection);
    } catch (error) {
      caught = error;
    }

    expect((caught as { code?: string } | undefined)?.code).to.equal("TRANSPORT_TLS_FAILED");
  });
});
