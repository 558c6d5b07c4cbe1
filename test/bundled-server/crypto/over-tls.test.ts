/**
 * Cryptographic operations through a real mutual-TLS connection to startBundledServer, sent with
 * the harness's own KmipConnection. A created key pair signs and verifies, and a registered AES
 * key encrypts GCM in two requests that share a Correlation Value.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import { expect } from "chai";
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, HashingAlgorithm, KeyFormatType, ObjectType, Operation, ResultReason, ResultStatus, Tag, tagName, ValidityIndicator } from "../../../src/kmip";
import { bytes, child, dateTime, decode, encode, enumeration, integer, structure } from "../../../src/ttlv";
import { StructureNode, TtlvNode } from "../../../src/ttlv/types";
import { KmipConnection } from "../../../src/transport";
import { BundledServer } from "../../../bundled-server";
import { attribute, batchItems, ItemSpec, payloadOf, requestMessage, startTestServer, testPki } from "../helpers";
import { bytesField, data, fieldOf, finalIndicator, hashing, initIndicator, iv, maskAttribute, mode, parameters, uid } from "./builders";

describe("cryptographic operations over TLS", () => {
  let server: BundledServer;
  let connection: KmipConnection;

  before(async () => {
    server = await startTestServer();
    const pki = testPki();
    connection = await KmipConnection.connect({ host: "127.0.0.1", port: server.port, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, servername: "localhost", connectTimeoutMs: 5000, responseTimeoutMs: 10000 });
  });

  after(async () => {
    await connection?.close();
    await server?.close();
  });

  async function send(items: ItemSpec[]): Promise<StructureNode[]> {
    const response = decode(await connection.roundTrip(encode(requestMessage(items))), { namer: tagName }) as StructureNode;
    return batchItems(response);
  }

  async function succeed(operation: number, payload: TtlvNode[]): Promise<StructureNode> {
    const [item] = await send([{ operation, payload }]);
    expect(child(item, Tag.ResultStatus)?.value, `${tagName(operation)} result`).to.equal(ResultStatus.Success);
    return payloadOf(item);
  }

  const activeNow = (): TtlvNode => attribute("Activation Date", dateTime(0, BigInt(Math.floor(Date.now() / 1000) - 60)));

  it("creates a key pair, signs and verifies", async () => {
    const common = [attribute("Cryptographic Algorithm", enumeration(0, CryptographicAlgorithm.RSA)), attribute("Cryptographic Length", integer(0, 2048)), activeNow()];
    const created = await succeed(Operation.CreateKeyPair, [
      structure(Tag.CommonTemplateAttribute, common),
      structure(Tag.PrivateKeyTemplateAttribute, [maskAttribute(CryptographicUsageMask.Sign)]),
      structure(Tag.PublicKeyTemplateAttribute, [maskAttribute(CryptographicUsageMask.Verify)]),
    ]);
    const publicId = fieldOf(created, Tag.PublicKeyUniqueIdentifier) as string;

    // A Sign request without a Unique Identifier falls back to the ID Placeholder, which lasts one request only.
    const message = Buffer.from("signed over TLS");
    const scheme = parameters([hashing(HashingAlgorithm.SHA_256)]);
    const [signItem] = await send([{ operation: Operation.Sign, payload: [scheme, data(message)] }]);
    expect(child(signItem, Tag.ResultStatus)?.value).to.equal(ResultStatus.OperationFailed);
    expect(child(signItem, Tag.ResultReason)?.value, "the ID Placeholder does not outlive its request").to.equal(ResultReason.MissingData);

    const signed = await succeed(Operation.Sign, [uid(fieldOf(created, Tag.PrivateKeyUniqueIdentifier) as string), scheme, data(message)]);
    const verified = await succeed(Operation.SignatureVerify, [uid(publicId), scheme, data(message), bytes(Tag.SignatureData, bytesField(signed, Tag.SignatureData))]);
    expect(fieldOf(verified, Tag.ValidityIndicator)).to.equal(ValidityIndicator.Valid);
  });

  it("encrypts GCM in two requests like node:crypto", async () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const plaintext = randomBytes(48);
    const keyBlock = structure(Tag.KeyBlock, [
      enumeration(Tag.KeyFormatType, KeyFormatType.Raw),
      structure(Tag.KeyValue, [bytes(Tag.KeyMaterial, key)]),
      enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      integer(Tag.CryptographicLength, 256),
    ]);
    const registered = await succeed(Operation.Register, [
      enumeration(Tag.ObjectType, ObjectType.SymmetricKey),
      structure(Tag.TemplateAttribute, [maskAttribute(CryptographicUsageMask.Encrypt), activeNow()]),
      structure(Tag.SymmetricKey, [keyBlock]),
    ]);
    const id = fieldOf(registered, Tag.UniqueIdentifier) as string;
    const gcm = parameters([mode(BlockCipherMode.GCM), integer(Tag.TagLength, 16)]);

    const first = await succeed(Operation.Encrypt, [uid(id), gcm, data(plaintext.subarray(0, 30)), iv(nonce), initIndicator()]);
    const correlation = bytes(Tag.CorrelationValue, bytesField(first, Tag.CorrelationValue));
    const last = await succeed(Operation.Encrypt, [uid(id), gcm, data(plaintext.subarray(30)), correlation, finalIndicator()]);

    const reference = createCipheriv("aes-256-gcm", key, nonce);
    const expected = Buffer.concat([reference.update(plaintext), reference.final()]);
    expect(Buffer.concat([bytesField(first, Tag.Data), bytesField(last, Tag.Data)]).toString("hex")).to.equal(expected.toString("hex"));
    expect(bytesField(last, Tag.AuthenticatedEncryptionTag).toString("hex")).to.equal(reference.getAuthTag().toString("hex"));
  });
});
