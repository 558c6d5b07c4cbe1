import { expect } from "chai";
import { tagName, Tag, withAuthentication } from "../../src/kmip";
import { bool, dateTime, integer, structure, text, type TtlvNode } from "../../src/ttlv";

const AUTHENTICATION = structure(Tag.Authentication, [structure(Tag.Credential, [text(Tag.Username, "alice")])]);

function request(headerFields: TtlvNode[]): TtlvNode {
  const version = structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 4)]);
  return structure(Tag.RequestMessage, [structure(Tag.RequestHeader, [version, ...headerFields]), structure(Tag.BatchItem, [])]);
}

function headerNames(message: TtlvNode): string[] {
  const header = (message.value as TtlvNode[])[0];
  return (header.value as TtlvNode[]).map((field) => tagName(field.tag) ?? String(field.tag));
}

describe("withAuthentication", () => {
  it("puts Authentication before Batch Count", () => {
    const result = withAuthentication(request([integer(Tag.BatchCount, 1)]), AUTHENTICATION);

    expect(headerNames(result)).to.deep.equal(["ProtocolVersion", "Authentication", "BatchCount"]);
  });

  it("follows Table 282 among optional fields", () => {
    const fields = [integer(Tag.MaximumResponseSize, 4096), bool(Tag.AsynchronousIndicator, false), bool(Tag.BatchOrderOption, true), dateTime(Tag.TimeStamp, 0n), integer(Tag.BatchCount, 1)];
    const result = withAuthentication(request(fields), AUTHENTICATION);

    expect(headerNames(result)).to.deep.equal(["ProtocolVersion", "MaximumResponseSize", "AsynchronousIndicator", "Authentication", "BatchOrderOption", "TimeStamp", "BatchCount"]);
  });

  it("replaces an existing Authentication", () => {
    const old = structure(Tag.Authentication, [structure(Tag.Credential, [text(Tag.Username, "bob")])]);
    const result = withAuthentication(request([old, integer(Tag.BatchCount, 1)]), AUTHENTICATION);
    const header = (result.value as TtlvNode[])[0].value as TtlvNode[];

    expect(headerNames(result)).to.deep.equal(["ProtocolVersion", "Authentication", "BatchCount"]);
    expect(header[1]).to.equal(AUTHENTICATION);
  });

  it("leaves the input message unchanged", () => {
    const message = request([integer(Tag.BatchCount, 1)]);
    withAuthentication(message, AUTHENTICATION);

    expect(headerNames(message)).to.deep.equal(["ProtocolVersion", "BatchCount"]);
  });

  it("leaves a message without a header alone", () => {
    const message = structure(Tag.RequestMessage, [structure(Tag.BatchItem, [])]);

    expect(withAuthentication(message, AUTHENTICATION)).to.equal(message);
  });
});
