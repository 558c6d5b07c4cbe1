import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Tag } from "../../src/kmip";
import { encode, integer, structure, text, toHex } from "../../src/ttlv";
import { runCli } from "./spawn";

const MESSAGE = encode(structure(Tag.ResponseMessage, [structure(Tag.BatchItem, [text(Tag.UniqueIdentifier, "key-1"), integer(Tag.CryptographicLength, 256)])]));
const EXPECTED_XML = `<ResponseMessage>
  <BatchItem>
    <UniqueIdentifier type="TextString" value="key-1"/>
    <CryptographicLength type="Integer" value="256"/>
  </BatchItem>
</ResponseMessage>
`;

describe("kmipcheck decode", function () {
  this.timeout(30_000);

  it("decodes hex from the argument", async () => {
    const result = await runCli(["decode", toHex(MESSAGE)]);

    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.equal(EXPECTED_XML);
  });

  it("decodes hex from standard input", async () => {
    const spaced = toHex(MESSAGE).replace(/(..)/g, "$1 ");
    const result = await runCli(["decode", "-"], { input: spaced });

    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.equal(EXPECTED_XML);
  });

  it("decodes raw bytes from a file", async () => {
    const folder = await mkdtemp(join(tmpdir(), "kmipcheck-decode-"));
    try {
      await writeFile(join(folder, "message.ttlv"), MESSAGE);
      const result = await runCli(["decode", join(folder, "message.ttlv")]);

      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.equal(EXPECTED_XML);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("lists violations and exits 1", async () => {
    const broken = Buffer.from(MESSAGE);
    // The Cryptographic Length item is the last 16 bytes; give it Length 5 instead of 4.
    broken.writeUInt32BE(5, broken.length - 12);
    const result = await runCli(["decode", toHex(broken)]);

    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^violation: TTLV_\w+: CryptographicLength at ResponseMessage\/BatchItem\/CryptographicLength \(offset 0x\w+\): /m);
    expect(result.stdout).to.contain("<UniqueIdentifier type=\"TextString\" value=\"key-1\"/>");
  });

  it("names each violation's place once", async () => {
    const result = await runCli(["decode", "42006901000000"]);
    const [line] = result.stderr.split("\n");

    expect(result.code).to.equal(1);
    expect(line).to.match(/^violation: TTLV_TRUNCATED: /);
    expect(line.match(/offset 0x/g)).to.have.length(1);
  });

  it("states invalid hex once", async () => {
    const result = await runCli(["decode", "420"]);

    expect(result.code).to.equal(2);
    expect(result.stderr).to.equal("kmipcheck: the argument is not valid hex text: 3 hex digits is an odd number, so the last byte is incomplete\n");
  });
});
