/** --https-url: parsing and the targets it applies to. */
import { expect } from "chai";
import { parseHttpsUrl, planHttpsEndpoint } from "../../src/cli/https-endpoint";
import type { TargetPlan } from "../../src/cli/target";
import { UsageError } from "../../src/cli/usage";

const BUNDLED: TargetPlan = { kind: "bundled", faults: [], timeouts: {}, protocolVersion: { major: 1, minor: 4 } };
const REMOTE: TargetPlan = { kind: "remote", name: "device", connection: { host: "127.0.0.1", port: 5696, cert: "", key: "" }, protocolVersion: { major: 1, minor: 4 } };

describe("--https-url", () => {
  it("parses host, port and path", () => {
    expect(parseHttpsUrl("https://127.0.0.1:8443/kmip/v1")).to.deep.equal({ host: "127.0.0.1", port: 8443, path: "/kmip/v1" });
  });

  it("defaults the path and port", () => {
    expect(parseHttpsUrl("https://kmip.example.com")).to.deep.equal({ host: "kmip.example.com", port: 443, path: "/kmip" });
    expect(parseHttpsUrl("https://kmip.example.com:5696/")).to.deep.equal({ host: "kmip.example.com", port: 5696, path: "/" });
  });

  it("parses an IPv6 host", () => {
    expect(parseHttpsUrl("https://[::1]:9000/kmip").host).to.equal("::1");
  });

  it("rejects other schemes and junk", () => {
    for (const text of ["http://127.0.0.1/kmip", "127.0.0.1:5696", "https://127.0.0.1/kmip?x=1"]) {
      expect(() => parseHttpsUrl(text), text).to.throw(UsageError, /invalid --https-url/);
    }
  });

  it("applies to remote targets only", () => {
    expect(planHttpsEndpoint(REMOTE, "https://127.0.0.1:1/kmip")?.port).to.equal(1);
    expect(planHttpsEndpoint(REMOTE, undefined)).to.equal(undefined);
    expect(() => planHttpsEndpoint(BUNDLED, "https://127.0.0.1:1/kmip")).to.throw(UsageError, /remote target/);
  });
});
