/**
 * `kmipcheck serve --users FILE --max-connections N`: the options reach the bundled server, which
 * then checks request Credentials against the user bound to the client certificate and drops
 * connections beyond the limit.
 */
import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAuthentication } from "../../src/config";
import { enumName, QueryFunction, Tag, tagName, withAuthentication } from "../../src/kmip";
import { child, decode, encode, type TtlvNode } from "../../src/ttlv";
import { KmipConnection, type ConnectOptions } from "../../src/transport";
import { query, requestMessage } from "../../suites/support/requests";
import { startCommand, type RunningCommand } from "../helpers/kmipcheck-process";

/** Sends Query with the credential and returns the Result Status and Result Reason names. */
async function queryWith(connection: KmipConnection, password: string): Promise<{ status?: string; reason?: string }> {
  const request = withAuthentication(requestMessage([query(QueryFunction.QueryOperations)]), buildAuthentication({ username: "operator", password }));
  const response = decode(await connection.roundTrip(encode(request)), { namer: tagName });
  const item = child(response, Tag.BatchItem) as TtlvNode;
  const status = child(item, Tag.ResultStatus)?.value as number | undefined;
  const reason = child(item, Tag.ResultReason)?.value as number | undefined;
  return { status: status === undefined ? undefined : enumName("ResultStatus", status), reason: reason === undefined ? undefined : enumName("ResultReason", reason) };
}

describe("kmipcheck serve limits and users", function () {
  this.timeout(60_000);
  let folder: string;
  let serving: RunningCommand;
  let options: ConnectOptions;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), "kmipcheck-serve-limits-"));
    const users = join(folder, "users.json");
    // createPkiFolder names the client certificate "kmipcheck".
    await writeFile(users, JSON.stringify({ kmipcheck: { username: "operator", password: "right" } }));
    const pkiDir = join(folder, "pki");
    serving = await startCommand(["serve", "--port", "0", "--pki-dir", pkiDir, "--users", users, "--max-connections", "1"]);

    const read = (name: string) => readFile(join(pkiDir, name), "utf8");
    options = { host: "127.0.0.1", port: serving.port, ca: await read("ca.pem"), cert: await read("client.pem"), key: await read("client.key"), responseTimeoutMs: 10_000 };
  });

  after(async () => {
    await serving?.stop();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("checks credentials against the users file", async () => {
    const connection = await KmipConnection.connect(options);
    try {
      expect(await queryWith(connection, "right")).to.deep.equal({ status: "Success", reason: undefined });
      expect(await queryWith(connection, "wrong")).to.deep.equal({ status: "OperationFailed", reason: "AuthenticationNotSuccessful" });
    } finally {
      await connection.close();
    }
  });

  it("drops connections beyond --max-connections", async () => {
    const first = await KmipConnection.connect(options);
    try {
      const second = KmipConnection.connect(options).then(async (connection) => {
        try {
          return await queryWith(connection, "right");
        } finally {
          await connection.close();
        }
      });

      const error = await second.then(() => undefined, (caught: Error) => caught);
      expect(error, "the second connection was served").to.be.instanceOf(Error);
      expect(await queryWith(first, "right")).to.deep.equal({ status: "Success", reason: undefined });
    } finally {
      await first.close();
    }
  });
});
