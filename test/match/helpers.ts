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
