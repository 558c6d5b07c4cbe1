import { expect } from "chai";
import { matchMessage, ruleDefinitions } from "../../src/match";
import { text } from "../../src/ttlv";
import { Tag } from "../../src/kmip";
import { actual, freshState, isoAt, NOW, response, template } from "./helpers";

function item(operation: string, payloadXml: string): string {
  return `<Operation type="Enumeration" value="${operation}"/><ResultStatus type="Enumeration" value="Success"/><ResponsePayload>${payloadXml}</ResponsePayload>`;
}

const uid = (value: string) => `<UniqueIdentifier type="TextString" value="${value}"/>`;
const attribute = (name: string, valueXml: string) => `<Attribute><AttributeName type="TextString" value="${name}"/>${valueXml}</Attribute>`;

describe("rule time-window", () => {
  it("accepts a Time Stamp inside the window", () => {
    const result = matchMessage(template(response(item("Create", ""))), actual(response(item("Create", ""), isoAt(30))), freshState());

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((applied) => applied.rule)).to.deep.equal(["time-window"]);
    expect(result.rulesApplied[0].path).to.equal("ResponseMessage/ResponseHeader/TimeStamp");
  });

  it("fails a Time Stamp outside the window", () => {
    const { diffs } = matchMessage(template(response(item("Create", ""))), actual(response(item("Create", ""), isoAt(-3600))), freshState());

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ rule: "time-window", kind: "value", path: "ResponseMessage/ResponseHeader/TimeStamp" });
  });

  it("shifts the window by the $NOW offset", () => {
    const date = (value: string) => attribute("Activation Date", `<AttributeValue type="DateTime" value="${value}"/>`);
    const expected = template(response(item("GetAttributes", uid("1") + date("$NOW-3600"))));

    const near = matchMessage(expected, actual(response(item("GetAttributes", uid("1") + date(isoAt(-3600))), isoAt(0))), freshState());
    const far = matchMessage(expected, actual(response(item("GetAttributes", uid("1") + date(isoAt(0))), isoAt(0))), freshState());

    expect(near.diffs).to.deep.equal([]);
    expect(far.diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue"]);
  });

  it("accepts dates set earlier in the vector", () => {
    const date = (value: string) => attribute("Initial Date", `<AttributeValue type="DateTime" value="${value}"/>`);
    const expected = template(response(item("GetAttributes", uid("1") + date("$NOW"))));
    const clock = { vectorStartedAt: NOW - 300, sentAt: NOW, receivedAt: NOW };
    const result = matchMessage(expected, actual(response(item("GetAttributes", uid("1") + date(isoAt(-290))), isoAt(0))), freshState({ clock }));

    expect(result.diffs).to.deep.equal([]);
  });
});

describe("rule bound-identifier", () => {
  it("binds on first sight and compares afterwards", () => {
    const state = freshState();
    const expected = template(response(item("Create", uid("$UNIQUE_IDENTIFIER_0"))));

    const first = matchMessage(expected, actual(response(item("Create", uid("key-1")), isoAt(0))), state);
    const same = matchMessage(expected, actual(response(item("Create", uid("key-1")), isoAt(0))), state);
    const other = matchMessage(expected, actual(response(item("Create", uid("key-2")), isoAt(0))), state);

    expect(first.diffs).to.deep.equal([]);
    expect(state.bindings.get("$UNIQUE_IDENTIFIER_0")?.value).to.equal("key-1");
    expect(first.rulesApplied.map((applied) => applied.rule)).to.include("bound-identifier");
    expect(same.diffs).to.deep.equal([]);
    expect(other.diffs).to.have.length(1);
    expect(other.diffs[0]).to.include({ rule: "bound-identifier", path: "ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier", actual: "key-2" });
  });

  it("rejects one identifier for two placeholders", () => {
    const state = freshState();
    state.bindings.bind("$UNIQUE_IDENTIFIER_0", text(Tag.UniqueIdentifier, "key-1"));
    const { diffs } = matchMessage(template(response(item("Create", uid("$UNIQUE_IDENTIFIER_1")))), actual(response(item("Create", uid("key-1")), isoAt(0))), state);

    expect(diffs).to.have.length(1);
    expect(diffs[0].message).to.contain("already bound to $UNIQUE_IDENTIFIER_0");
    expect(state.bindings.has("$UNIQUE_IDENTIFIER_1")).to.equal(false);
  });

  it("rejects a placeholder of another type", () => {
    const { diffs } = matchMessage(template(response(item("Create", uid("$UNIQUE_IDENTIFIER_0")))), actual(response(item("Create", `<UniqueIdentifier type="Integer" value="1"/>`), isoAt(0))), freshState());

    expect(diffs[0]).to.include({ kind: "type", expected: "TextString", actual: "Integer" });
  });
});

describe("rule bound-response-value", () => {
  it("binds a server-generated IV", () => {
    const state = freshState();
    const expected = template(response(item("Encrypt", uid("1") + `<IVCounterNonce type="ByteString" value="$IV_COUNTER_NONCE"/>`)));
    const result = matchMessage(expected, actual(response(item("Encrypt", uid("1") + `<IVCounterNonce type="ByteString" value="a1b2"/>`), isoAt(0))), state);

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((applied) => applied.rule)).to.include("bound-response-value");
    expect((state.bindings.get("IV_COUNTER_NONCE")?.value as Buffer).toString("hex")).to.equal("a1b2");
  });
});

describe("rule usage-mask-bitset", () => {
  const mask = (names: string) => attribute("Cryptographic Usage Mask", `<AttributeValue type="Integer" value="${names}"/>`);

  it("ignores the order of names", () => {
    const result = matchMessage(template(response(item("GetAttributes", mask("Decrypt Encrypt")))), actual(response(item("GetAttributes", mask("Encrypt Decrypt")), isoAt(0))), freshState());

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((applied) => applied.rule)).to.include("usage-mask-bitset");
  });

  it("names missing and extra bits", () => {
    const { diffs } = matchMessage(template(response(item("GetAttributes", mask("Decrypt Encrypt")))), actual(response(item("GetAttributes", mask("Encrypt Sign")), isoAt(0))), freshState());

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ rule: "usage-mask-bitset", path: "ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue" });
    expect(diffs[0].message).to.contain("missing Decrypt").and.to.contain("unexpected Sign");
  });
});

describe("rule result-message-text", () => {
  const failure = (message?: string) => `<Operation type="Enumeration" value="Destroy"/><ResultStatus type="Enumeration" value="OperationFailed"/><ResultReason type="Enumeration" value="PermissionDenied"/>${message === undefined ? "" : `<ResultMessage type="TextString" value="${message}"/>`}`;

  it("accepts other text", () => {
    const result = matchMessage(template(response(failure("DENIED"))), actual(response(failure("object is active"), isoAt(0))), freshState());

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((applied) => applied.rule)).to.include("result-message-text");
  });

  it("accepts a missing Result Message", () => {
    const result = matchMessage(template(response(failure("DENIED"))), actual(response(failure(), isoAt(0))), freshState());

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((applied) => applied.rule)).to.include("result-message-text");
  });

  it("still checks the Result Reason", () => {
    const { diffs } = matchMessage(template(response(failure("DENIED"))), actual(response(failure("DENIED").replace("PermissionDenied", "ItemNotFound"), isoAt(0))), freshState());

    expect(diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem/ResultReason"]);
  });
});

describe("rule server-generated-digest", () => {
  const digest = (algorithm: string, value: string) =>
    attribute("Digest", `<AttributeValue><HashingAlgorithm type="Enumeration" value="${algorithm}"/><DigestValue type="ByteString" value="${value}"/><KeyFormatType type="Enumeration" value="Raw"/></AttributeValue>`);
  const recorded = "aa".repeat(32);
  const expected = template(response(item("GetAttributes", uid("$UNIQUE_IDENTIFIER_0") + digest("SHA_256", recorded))));

  it("checks length for server-created keys", () => {
    const state = freshState({ serverCreatedIdentifiers: new Set(["key-1"]) });
    const result = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + digest("SHA_256", "bb".repeat(32))), isoAt(0))), state);

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((applied) => applied.rule)).to.include("server-generated-digest");
  });

  it("fails a digest of the wrong length", () => {
    const state = freshState({ serverCreatedIdentifiers: new Set(["key-1"]) });
    const { diffs } = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + digest("SHA_256", "bb".repeat(20))), isoAt(0))), state);

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ rule: "server-generated-digest", path: "ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue/DigestValue" });
  });

  it("fails another hashing algorithm", () => {
    const state = freshState({ serverCreatedIdentifiers: new Set(["key-1"]) });
    const { diffs } = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + digest("SHA_1", "bb".repeat(20))), isoAt(0))), state);

    expect(diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue/HashingAlgorithm"]);
  });

  it("fails an extra or repeated field", () => {
    const state = freshState({ serverCreatedIdentifiers: new Set(["key-1"]) });
    const extra = `<DigestValue type="ByteString" value="00"/><CryptographicLength type="Integer" value="128"/>`;
    const got = digest("SHA_256", "bb".repeat(32)).replace("</AttributeValue>", `${extra}</AttributeValue>`);
    const { diffs } = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + got), isoAt(0))), state);

    const base = "ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue";
    expect(diffs.map((diff) => diff.path)).to.deep.equal([`${base}/DigestValue[2]`, `${base}/CryptographicLength`]);
    expect(diffs.map((diff) => diff.kind)).to.deep.equal(["unexpected", "unexpected"]);
  });

  it("fails a Key Format Type of another type", () => {
    const state = freshState({ serverCreatedIdentifiers: new Set(["key-1"]) });
    const got = digest("SHA_256", "bb".repeat(32)).replace('<KeyFormatType type="Enumeration" value="Raw"/>', '<KeyFormatType type="TextString" value="Raw"/>');
    const { diffs } = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + got), isoAt(0))), state);

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ kind: "type", path: "ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue/KeyFormatType" });
  });

  it("fails a missing Key Format Type", () => {
    const state = freshState({ serverCreatedIdentifiers: new Set(["key-1"]) });
    const got = digest("SHA_256", "bb".repeat(32)).replace('<KeyFormatType type="Enumeration" value="Raw"/>', "");
    const { diffs } = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + got), isoAt(0))), state);

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ kind: "missing", path: "ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue/KeyFormatType" });
  });

  it("accepts another Key Format Type", () => {
    const state = freshState({ serverCreatedIdentifiers: new Set(["key-1"]) });
    const got = digest("SHA_256", "bb".repeat(32)).replace('value="Raw"', 'value="TransparentSymmetricKey"');
    const { diffs } = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + got), isoAt(0))), state);

    expect(diffs).to.deep.equal([]);
  });

  it("compares registered keys byte for byte", () => {
    const result = matchMessage(expected, actual(response(item("GetAttributes", uid("key-1") + digest("SHA_256", "bb".repeat(32))), isoAt(0))), freshState());

    expect(result.rulesApplied.map((applied) => applied.rule)).not.to.include("server-generated-digest");
    expect(result.diffs.map((diff) => diff.path)).to.deep.equal(["ResponseMessage/BatchItem/ResponsePayload/Attribute/AttributeValue/DigestValue"]);
  });
});

describe("rule registry", () => {
  it("describes every rule", () => {
    for (const rule of ruleDefinitions()) {
      expect(rule.id, "id").to.match(/^[a-z-]+$/);
      expect(rule.description, rule.id).to.not.equal("");
      expect(rule.reference, rule.id).to.not.equal("");
    }
  });
});

describe("rule server-generated-key-material", () => {
  const key = (material: string) => `<SymmetricKey><KeyBlock><KeyFormatType type="Enumeration" value="Raw"/><KeyValue><KeyMaterial type="ByteString" value="${material}"/></KeyValue></KeyBlock></SymmetricKey>`;
  const got = (material: string) => actual(response(item("Get", uid("key-1") + `<ObjectType type="Enumeration" value="SymmetricKey"/>` + key(material)), isoAt(0)));
  const expected = template(response(item("Get", uid("$UNIQUE_IDENTIFIER_0") + `<ObjectType type="Enumeration" value="SymmetricKey"/>` + key("11".repeat(16)))));
  const path = "ResponseMessage/BatchItem/ResponsePayload/SymmetricKey/KeyBlock/KeyValue/KeyMaterial";

  it("accepts other bytes of equal length", () => {
    const result = matchMessage(expected, got("22".repeat(16)), freshState({ serverCreatedIdentifiers: new Set(["key-1"]) }));

    expect(result.diffs).to.deep.equal([]);
    expect(result.rulesApplied.map((applied) => applied.rule)).to.include("server-generated-key-material");
  });

  it("fails another length", () => {
    const { diffs } = matchMessage(expected, got("22".repeat(24)), freshState({ serverCreatedIdentifiers: new Set(["key-1"]) }));

    expect(diffs).to.have.length(1);
    expect(diffs[0]).to.include({ rule: "server-generated-key-material", path, expected: "16 bytes", actual: "24 bytes" });
  });

  it("compares registered keys byte for byte", () => {
    const { diffs } = matchMessage(expected, got("22".repeat(16)), freshState());

    expect(diffs.map((diff) => diff.path)).to.deep.equal([path]);
  });
});
