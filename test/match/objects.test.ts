import { expect } from "chai";
import { ObjectLedger } from "../../src/match";
import { actual, bytesXml, call, isoAt, request, response, success, uid } from "./helpers";

const template = `<TemplateAttribute><Attribute><AttributeName type="TextString" value="Cryptographic Parameters"/><AttributeValue><BlockCipherMode type="Enumeration" value="CBC"/></AttributeValue></Attribute></TemplateAttribute>`;
const keyBlock = `<SymmetricKey><KeyBlock><KeyFormatType type="Enumeration" value="Raw"/><KeyValue>${bytesXml("KeyMaterial", "00".repeat(16))}</KeyValue><CryptographicAlgorithm type="Enumeration" value="AES"/><CryptographicLength type="Integer" value="128"/></KeyBlock></SymmetricKey>`;

describe("ObjectLedger", () => {
  it("records a registered key with its material", () => {
    const ledger = new ObjectLedger();
    ledger.recordExchange(request(call("Register", `<ObjectType type="Enumeration" value="SymmetricKey"/>${template}${keyBlock}`)), actual(response(success("Register", uid("k1")), isoAt(0))));

    const known = ledger.get("k1");
    expect(known).to.include({ origin: "registered", objectType: "SymmetricKey", keyFormatType: "Raw", cryptographicAlgorithm: "AES", cryptographicLength: 128 });
    expect(known?.keyMaterial?.length).to.equal(16);
    expect(known?.cryptographicParameters).to.not.equal(undefined);
  });

  it("records a created key without material until a Get returns it", () => {
    const ledger = new ObjectLedger();
    ledger.recordExchange(request(call("Create", `<ObjectType type="Enumeration" value="SymmetricKey"/>${template}`)), actual(response(success("Create", `<ObjectType type="Enumeration" value="SymmetricKey"/>${uid("k2")}`), isoAt(0))));
    expect(ledger.get("k2")).to.include({ origin: "generated" });
    expect(ledger.get("k2")?.keyMaterial).to.equal(undefined);

    ledger.recordExchange(request(call("Get", uid("k2"))), actual(response(success("Get", `<ObjectType type="Enumeration" value="SymmetricKey"/>${uid("k2")}${keyBlock}`), isoAt(0))));
    expect(ledger.get("k2")).to.include({ origin: "generated", keyFormatType: "Raw" });
    expect(ledger.get("k2")?.keyMaterial?.length).to.equal(16);
  });

  it("ignores failed batch items", () => {
    const ledger = new ObjectLedger();
    const failed = `<Operation type="Enumeration" value="Register"/><ResultStatus type="Enumeration" value="OperationFailed"/><ResultReason type="Enumeration" value="InvalidField"/>`;
    ledger.recordExchange(request(call("Register", `<ObjectType type="Enumeration" value="SymmetricKey"/>${keyBlock}`)), actual(response(failed, isoAt(0))));

    expect(ledger.all()).to.deep.equal([]);
  });
});
