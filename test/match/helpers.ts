/** Builders for match tests: messages written in the XML form of the vectors, parsed by src/vectors. */
import { Bindings, type MatchState } from "../../src/match";
import { toTtlv, parseTtlvXml, type TemplateNode } from "../../src/vectors";
import type { TtlvNode } from "../../src/ttlv";

export const NOW = 1_700_000_000;

export function template(xml: string): TemplateNode {
  const [node] = parseTtlvXml(xml);
  return node;
}

export function actual(xml: string): TtlvNode {
  return toTtlv(template(xml));
}

export function freshState(overrides: Partial<MatchState> = {}): MatchState {
  return {
    bindings: new Bindings(),
    clock: { vectorStartedAt: NOW - 10, sentAt: NOW, receivedAt: NOW + 1 },
    timeWindowSeconds: 60,
    serverCreatedIdentifiers: new Set(),
    ...overrides,
  };
}

/** Wraps batch item fields in a Response Message with one batch item. */
export function response(batchItemXml: string, timeStamp = "$NOW"): string {
  return `<ResponseMessage>
  <ResponseHeader>
    <ProtocolVersion>
      <ProtocolVersionMajor type="Integer" value="1"/>
      <ProtocolVersionMinor type="Integer" value="4"/>
    </ProtocolVersion>
    <TimeStamp type="DateTime" value="${timeStamp}"/>
    <BatchCount type="Integer" value="1"/>
  </ResponseHeader>
  <BatchItem>${batchItemXml}</BatchItem>
</ResponseMessage>`;
}

/** An ISO 8601 time `offset` seconds from NOW. */
export function isoAt(offset: number): string {
  return new Date((NOW + offset) * 1000).toISOString().replace(".000Z", "Z");
}

/** Wraps batch item fields in a Request Message with one batch item, decoded as the replay sends it. */
export function request(batchItemXml: string, minor = 4): TtlvNode {
  return actual(`<RequestMessage>
  <RequestHeader>
    <ProtocolVersion>
      <ProtocolVersionMajor type="Integer" value="1"/>
      <ProtocolVersionMinor type="Integer" value="${minor}"/>
    </ProtocolVersion>
    <BatchCount type="Integer" value="1"/>
  </RequestHeader>
  <BatchItem>${batchItemXml}</BatchItem>
</RequestMessage>`);
}

/** Batch item fields of a successful response. */
export function success(operation: string, payloadXml: string): string {
  return `<Operation type="Enumeration" value="${operation}"/><ResultStatus type="Enumeration" value="Success"/><ResponsePayload>${payloadXml}</ResponsePayload>`;
}

/** Batch item fields of a request. */
export function call(operation: string, payloadXml: string): string {
  return `<Operation type="Enumeration" value="${operation}"/><RequestPayload>${payloadXml}</RequestPayload>`;
}

export const uid = (value: string) => `<UniqueIdentifier type="TextString" value="${value}"/>`;
export const bytesXml = (tag: string, value: Buffer | string) => `<${tag} type="ByteString" value="${typeof value === "string" ? value : value.toString("hex")}"/>`;
export const attributeXml = (name: string, valueXml: string) => `<Attribute><AttributeName type="TextString" value="${name}"/>${valueXml}</Attribute>`;

/** Names of the rules a match applied. */
export function rulesOf(result: { rulesApplied: Array<{ rule: string }> }): string[] {
  return result.rulesApplied.map((applied) => applied.rule);
}
