/** A symmetric key's life over real TLS: create, read attributes, activate, revoke, destroy. */
import { createHash } from "node:crypto";
import { expect } from "chai";
import { BundledServer } from "../../bundled-server";
import { CryptographicAlgorithm, CryptographicUsageMask, Operation, ResultReason, ResultStatus, RevocationReasonCode, State, Tag } from "../../src/kmip";
import { dateTime, enumeration, structure, text } from "../../src/ttlv";
import { StructureNode } from "../../src/ttlv/types";
import { attribute, attributeValues, createPayload, field, payloadOf, single, startTestServer, TestClient, uid } from "./helpers";

describe("bundled server key lifecycle", function () {
  this.timeout(20000);
  let server: BundledServer;
  let client: TestClient;

  before(async () => {
    server = await startTestServer();
    client = await TestClient.connect(server);
  });

  after(async () => {
    client.close();
    await server.close();
  });

  async function createKey(name: string, length = 192): Promise<string> {
    const usageMask = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt | CryptographicUsageMask.MACGenerate;
    const item = await single(client, Operation.Create, createPayload({ algorithm: CryptographicAlgorithm.AES, length, usageMask, name }));
    expect(field(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
    expect(field(payloadOf(item), Tag.ObjectType)).to.equal(2);
    return field(payloadOf(item), Tag.UniqueIdentifier) as string;
  }

  async function getAttributes(id: string, names: string[] = []): Promise<StructureNode> {
    const item = await single(client, Operation.GetAttributes, [uid(id), ...names.map((name) => text(Tag.AttributeName, name))]);
    expect(field(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
    return payloadOf(item);
  }

  it("creates a Pre-Active key with server-set attributes", async () => {
    const id = await createKey("lifecycle-first");
    const payload = await getAttributes(id, ["Cryptographic Length", "State", "Activation Date", "Object Type"]);

    const names = payload.value.filter((node) => node.tag === Tag.Attribute).map((node) => field(node, Tag.AttributeName));
    expect(names).to.deep.equal(["Cryptographic Length", "State", "Object Type"]);
    expect(attributeValues(payload, "State")[0].value).to.equal(State.PreActive);
    expect(attributeValues(payload, "Cryptographic Length")[0].value).to.equal(192);
  });

  it("records the SHA-256 digest of the Raw key", async () => {
    const id = await createKey("lifecycle-digest", 128);
    const got = await single(client, Operation.Get, [uid(id)]);
    const keyBlock = field(payloadOf(got), Tag.SymmetricKey) as StructureNode["value"];
    const key = ((keyBlock[0] as StructureNode).value.find((node) => node.tag === Tag.KeyValue) as StructureNode).value[0].value as Buffer;
    expect(key.length).to.equal(16);

    const digest = attributeValues(await getAttributes(id, ["Digest"]), "Digest")[0];
    expect(field(digest, Tag.DigestValue)).to.deep.equal(createHash("sha256").update(key).digest());
  });

  it("lists every attribute identifying ones first, then by name", async () => {
    const id = await createKey("lifecycle-all");
    const payload = await getAttributes(id);
    const names = payload.value.filter((node) => node.tag === Tag.Attribute).map((node) => field(node, Tag.AttributeName) as string);

    expect(names.slice(0, 4)).to.deep.equal(["Unique Identifier", "Object Type", "Cryptographic Algorithm", "Cryptographic Length"]);
    expect(names.slice(4)).to.deep.equal([...names.slice(4)].sort());
    expect(names).to.include.members(["Digest", "Fresh", "Initial Date", "Lease Time", "Name", "Random Number Generator", "State"]);
  });

  it("refuses to destroy an Active key, then destroys it once compromised", async () => {
    const id = await createKey("lifecycle-destroy");
    expect(field(await single(client, Operation.Activate, [uid(id)]), Tag.ResultStatus)).to.equal(ResultStatus.Success);

    const refused = await single(client, Operation.Destroy, [uid(id)]);
    expect(field(refused, Tag.ResultStatus)).to.equal(ResultStatus.OperationFailed);
    expect(field(refused, Tag.ResultReason)).to.equal(ResultReason.PermissionDenied);

    const reason = structure(Tag.RevocationReason, [enumeration(Tag.RevocationReasonCode, RevocationReasonCode.KeyCompromise)]);
    const revoked = await single(client, Operation.Revoke, [uid(id), reason, dateTime(Tag.CompromiseOccurrenceDate, 42n)]);
    expect(field(revoked, Tag.ResultStatus)).to.equal(ResultStatus.Success);

    const compromised = await getAttributes(id, ["State", "Compromise Occurrence Date"]);
    expect(attributeValues(compromised, "State")[0].value).to.equal(State.Compromised);
    expect(attributeValues(compromised, "Compromise Occurrence Date")[0].value).to.equal(42n);

    expect(field(await single(client, Operation.Destroy, [uid(id)]), Tag.ResultStatus)).to.equal(ResultStatus.Success);
    const destroyed = await getAttributes(id, ["State", "Destroy Date"]);
    expect(attributeValues(destroyed, "State")[0].value).to.equal(State.DestroyedCompromised);
    expect(attributeValues(destroyed, "Destroy Date")).to.have.length(1);
  });

  it("refuses to move the Activation Date of an Active key", async () => {
    const id = await createKey("lifecycle-activation");
    await single(client, Operation.Activate, [uid(id)]);

    const modify = await single(client, Operation.ModifyAttribute, [uid(id), attribute("Activation Date", dateTime(0, 1000n))]);
    expect(field(modify, Tag.ResultReason)).to.equal(ResultReason.PermissionDenied);
    expect(field(modify, Tag.ResultMessage)).to.equal("DENIED");
  });

  it("deactivates on a revocation that is not a compromise", async () => {
    const id = await createKey("lifecycle-deactivate");
    await single(client, Operation.Activate, [uid(id)]);
    const reason = structure(Tag.RevocationReason, [enumeration(Tag.RevocationReasonCode, RevocationReasonCode.CessationOfOperation)]);
    await single(client, Operation.Revoke, [uid(id), reason]);

    const payload = await getAttributes(id, ["State", "Deactivation Date"]);
    expect(attributeValues(payload, "State")[0].value).to.equal(State.Deactivated);
    expect(attributeValues(payload, "Deactivation Date")).to.have.length(1);
    expect(field(await single(client, Operation.Destroy, [uid(id)]), Tag.ResultStatus)).to.equal(ResultStatus.Success);
  });
});
