/** Objects per client certificate and Username and Password credentials, over real TLS on 127.0.0.1. */
import { expect } from "chai";
import forge from "node-forge";
import { BundledServer } from "../../bundled-server";
import { CredentialType, CryptographicAlgorithm, CryptographicUsageMask, Operation, ResultReason, ResultStatus, Tag } from "../../src/kmip";
import { Pem } from "../../src/pki";
import { issueCertificate } from "../../src/pki/certificate";
import { clientExtensions } from "../../src/pki/extensions";
import { generateRsaKeyPair } from "../../src/pki/keys";
import { bytes, enumeration, structure, text } from "../../src/ttlv";
import { TtlvNode } from "../../src/ttlv/types";
import { batchItems, createPayload, field, payloadOf, requestMessage, single, startTestServer, TestClient, testPki, uid } from "./helpers";

const KEY = { algorithm: CryptographicAlgorithm.AES, length: 128, usageMask: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt };
/** Common Name of testPki().client. */
const FIRST_CLIENT = "kmipcheck";
const SECOND_CLIENT = "second client";

let secondClientPem: Pem | undefined;

/** Issues a second client certificate from the test CA, so the server trusts both clients alike. */
function secondClient(): Pem {
  if (secondClientPem === undefined) {
    const ca = testPki().ca;
    const issuer = { certificate: forge.pki.certificateFromPem(ca.cert), privateKey: forge.pki.privateKeyFromPem(ca.key) as forge.pki.rsa.PrivateKey };
    const keyPair = generateRsaKeyPair();
    const certificate = issueCertificate({ commonName: SECOND_CLIENT, keyPair, extensions: clientExtensions(), days: 1, issuer });
    secondClientPem = { cert: forge.pki.certificateToPem(certificate), key: keyPair.privateKeyPem };
  }
  return secondClientPem;
}

function usernamePassword(username: string, password?: string): TtlvNode {
  const value = [text(Tag.Username, username), ...(password === undefined ? [] : [text(Tag.Password, password)])];
  return structure(Tag.Credential, [enumeration(Tag.CredentialType, CredentialType.UsernameAndPassword), structure(Tag.CredentialValue, value)]);
}

function authentication(...credentials: TtlvNode[]): TtlvNode {
  return structure(Tag.Authentication, credentials);
}

async function createKey(client: TestClient): Promise<string> {
  const item = await single(client, Operation.Create, createPayload(KEY));
  expect(field(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
  return field(payloadOf(item), Tag.UniqueIdentifier) as string;
}

async function locateAll(client: TestClient): Promise<unknown[]> {
  const item = await single(client, Operation.Locate, []);
  return payloadOf(item).value.map((node) => node.value);
}

describe("bundled server object ownership", function () {
  this.timeout(30000);
  let server: BundledServer;
  let owner: TestClient;
  let stranger: TestClient;
  let ownedId: string;

  before(async () => {
    server = await startTestServer();
    owner = await TestClient.connect(server);
    stranger = await TestClient.connect(server, secondClient());
    ownedId = await createKey(owner);
  });

  after(async () => {
    owner.close();
    stranger.close();
    await server.close();
  });

  it("hides objects from Locate of another client", async () => {
    const strangersId = await createKey(stranger);

    expect(await locateAll(owner)).to.include(ownedId);
    expect(await locateAll(owner)).to.not.include(strangersId);
    expect(await locateAll(stranger)).to.deep.equal([strangersId]);
  });

  const crossIdentityCases: Array<[string, number, () => TtlvNode[]]> = [
    ["Get", Operation.Get, () => [uid(ownedId)]],
    ["Get Attributes", Operation.GetAttributes, () => [uid(ownedId)]],
    ["Get Attribute List", Operation.GetAttributeList, () => [uid(ownedId)]],
    ["Modify Attribute", Operation.ModifyAttribute, () => [uid(ownedId), structure(Tag.Attribute, [text(Tag.AttributeName, "Cryptographic Length"), { tag: Tag.AttributeValue, type: 2, value: 256 } as TtlvNode])]],
    ["Activate", Operation.Activate, () => [uid(ownedId)]],
    ["Encrypt", Operation.Encrypt, () => [uid(ownedId), bytes(Tag.Data, Buffer.alloc(16))]],
    ["Destroy", Operation.Destroy, () => [uid(ownedId)]],
  ];

  for (const [name, operation, payload] of crossIdentityCases) {
    it(`answers ${name} of another's object with Item Not Found`, async () => {
      const item = await single(stranger, operation, payload());

      expect(field(item, Tag.ResultStatus)).to.equal(ResultStatus.OperationFailed);
      expect(field(item, Tag.ResultReason)).to.equal(ResultReason.ItemNotFound);
    });
  }

  it("keeps the object intact for its owner", async () => {
    const item = await single(owner, Operation.Get, [uid(ownedId)]);

    expect(field(item, Tag.ResultStatus)).to.equal(ResultStatus.Success);
    expect(field(payloadOf(item), Tag.UniqueIdentifier)).to.equal(ownedId);
  });

  it("finds the objects again on a new connection", async () => {
    const again = await TestClient.connect(server);
    try {
      expect(await locateAll(again)).to.include(ownedId);
    } finally {
      again.close();
    }
  });
});

describe("bundled server credentials", function () {
  this.timeout(30000);
  let server: BundledServer;
  let client: TestClient;

  before(async () => {
    server = await startTestServer({ users: { [FIRST_CLIENT]: { username: "officer", password: "s3cret" } }, log: () => undefined });
    client = await TestClient.connect(server);
  });

  after(async () => {
    client.close();
    await server.close();
  });

  async function queryWith(auth: TtlvNode | undefined, connection: TestClient = client): Promise<TtlvNode[]> {
    const header = { extra: auth === undefined ? [] : [auth] };
    const request = requestMessage([{ operation: Operation.Query, payload: [], uniqueBatchItemId: Buffer.from("01", "hex") }, { operation: Operation.DiscoverVersions, payload: [], uniqueBatchItemId: Buffer.from("02", "hex") }], header);
    return batchItems(await connection.roundTrip(request));
  }

  it("accepts the bound user's credential", async () => {
    const items = await queryWith(authentication(usernamePassword("officer", "s3cret")));

    expect(items.map((item) => field(item, Tag.ResultStatus))).to.deep.equal([ResultStatus.Success, ResultStatus.Success]);
  });

  it("accepts a request without Authentication", async () => {
    const items = await queryWith(undefined);

    expect(items.map((item) => field(item, Tag.ResultStatus))).to.deep.equal([ResultStatus.Success, ResultStatus.Success]);
  });

  const mismatches: Array<[string, TtlvNode]> = [
    ["a wrong password", authentication(usernamePassword("officer", "wrong"))],
    ["a missing password", authentication(usernamePassword("officer"))],
    ["another username", authentication(usernamePassword("auditor", "s3cret"))],
    ["one wrong credential of two", authentication(usernamePassword("officer", "s3cret"), usernamePassword("officer", "wrong"))],
    ["a Device credential", authentication(structure(Tag.Credential, [enumeration(Tag.CredentialType, CredentialType.Device), structure(Tag.CredentialValue, [text(Tag.DeviceSerialNumber, "1")])]))],
  ];

  for (const [name, auth] of mismatches) {
    it(`fails every item for ${name}`, async () => {
      const items = await queryWith(auth);

      expect(items).to.have.length(2);
      for (const item of items) {
        expect(field(item, Tag.ResultStatus)).to.equal(ResultStatus.OperationFailed);
        expect(field(item, Tag.ResultReason)).to.equal(ResultReason.AuthenticationNotSuccessful);
      }
      expect(items.map((item) => field(item, Tag.Operation))).to.deep.equal([Operation.Query, Operation.DiscoverVersions]);
      expect(items.map((item) => (field(item, Tag.UniqueBatchItemID) as Buffer).toString("hex"))).to.deep.equal(["01", "02"]);
    });
  }

  it("fails a credential from an unbound certificate", async () => {
    const other = await TestClient.connect(server, secondClient());
    try {
      const items = await queryWith(authentication(usernamePassword("officer", "s3cret")), other);

      expect(field(items[0], Tag.ResultReason)).to.equal(ResultReason.AuthenticationNotSuccessful);
      expect(field(items[0], Tag.ResultMessage)).to.not.include("s3cret");
    } finally {
      other.close();
    }
  });

  it("rejects a Credential without Username as Invalid Message", async () => {
    const malformed = structure(Tag.Credential, [enumeration(Tag.CredentialType, CredentialType.UsernameAndPassword), structure(Tag.CredentialValue, [text(Tag.Password, "s3cret")])]);
    const items = await queryWith(authentication(malformed));

    expect(field(items[0], Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
  });

  it("rejects an empty Authentication as Invalid Message", async () => {
    const items = await queryWith(authentication());

    expect(field(items[0], Tag.ResultReason)).to.equal(ResultReason.InvalidMessage);
  });

  it("ignores credentials without a users table", async () => {
    const open = await startTestServer();
    const connection = await TestClient.connect(open);
    try {
      const items = await queryWith(authentication(usernamePassword("anyone", "anything")), connection);

      expect(field(items[0], Tag.ResultStatus)).to.equal(ResultStatus.Success);
    } finally {
      connection.close();
      await open.close();
    }
  });
});
