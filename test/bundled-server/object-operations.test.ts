/** Activate, Revoke, Destroy, Get, Locate, Query and Discover Versions handlers with their §11 error cases. */
import { expect } from "chai";
import { CryptographicAlgorithm, CryptographicUsageMask, KeyFormatType, ObjectType, Operation, ProfileName, QueryFunction, ResultReason, RevocationReasonCode, State, Tag } from "../../src/kmip";
import { bool, dateTime, enumeration, integer, structure } from "../../src/ttlv";
import { StructureNode, TtlvNode } from "../../src/ttlv/types";
import { booleanValue } from "../../bundled-server/attributes/values";
import { discoverVersions } from "../../bundled-server/operations/discover-versions";
import { get } from "../../bundled-server/operations/get";
import { activate, destroy, revoke } from "../../bundled-server/operations/lifecycle-operations";
import { locate } from "../../bundled-server/operations/locate";
import { createRouteTable } from "../../bundled-server/operations";
import { query } from "../../bundled-server/operations/query";
import { stateOf } from "../../bundled-server/store/lifecycle";
import { attribute, nameAttribute, uid } from "./helpers";
import { createKey, fieldValue } from "./unit-builders";
import { FIXED_NOW, requestPayload, resultErrorOf, unitContext } from "./unit-context";

const reason = (code: number): TtlvNode => structure(Tag.RevocationReason, [enumeration(Tag.RevocationReasonCode, code)]);
const identifiers = (payload: StructureNode): unknown[] => payload.value.filter((field) => field.tag === Tag.UniqueIdentifier).map((field) => field.value);

describe("Activate handler", () => {
  it("rejects an unknown Unique Identifier", async () => {
    expect((await resultErrorOf(activate, [uid("missing")], unitContext())).resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects an object not Pre-Active", async () => {
    const context = unitContext();
    const id = createKey(context);
    await activate(requestPayload([uid(id)]), context);
    expect((await resultErrorOf(activate, [uid(id)], context)).resultReason).to.equal(ResultReason.PermissionDenied);
  });

  it("sets the Activation Date to now", async () => {
    const context = unitContext();
    const id = createKey(context);
    await activate(requestPayload([uid(id)]), context);
    expect(context.store.require(id).attributes.first("Activation Date")?.value).to.equal(FIXED_NOW);
  });
});

describe("Revoke handler", () => {
  it("rejects an unrecognized Revocation Reason Code", async () => {
    const context = unitContext();
    const id = createKey(context);
    expect((await resultErrorOf(revoke, [uid(id), reason(0x55)], context)).resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects a missing Revocation Reason", async () => {
    const context = unitContext();
    const id = createKey(context);
    expect((await resultErrorOf(revoke, [uid(id)], context)).resultReason).to.equal(ResultReason.MissingData);
  });

  it("rejects an occurrence date without compromise", async () => {
    const context = unitContext();
    const id = createKey(context);
    await activate(requestPayload([uid(id)]), context);
    const fields = [uid(id), reason(RevocationReasonCode.Superseded), dateTime(Tag.CompromiseOccurrenceDate, 5n)];
    expect((await resultErrorOf(revoke, fields, context)).resultReason).to.equal(ResultReason.InvalidField);
  });

  it("rejects deactivating a Pre-Active key", async () => {
    const context = unitContext();
    const id = createKey(context);
    expect((await resultErrorOf(revoke, [uid(id), reason(RevocationReasonCode.Superseded)], context)).resultReason).to.equal(ResultReason.PermissionDenied);
  });

  it("defaults the occurrence date to the Initial Date", async () => {
    const context = unitContext();
    const id = createKey(context);
    await revoke(requestPayload([uid(id), reason(RevocationReasonCode.KeyCompromise)]), context);
    const object = context.store.require(id);
    expect(stateOf(object)).to.equal(State.Compromised);
    expect(object.attributes.first("Compromise Occurrence Date")?.value).to.equal(FIXED_NOW);
  });

  it("marks a destroyed key compromised", async () => {
    const context = unitContext();
    const id = createKey(context);
    await destroy(requestPayload([uid(id)]), context);
    await revoke(requestPayload([uid(id), reason(RevocationReasonCode.CACompromise)]), context);
    expect(stateOf(context.store.require(id))).to.equal(State.DestroyedCompromised);
  });
});

describe("Destroy handler", () => {
  it("rejects an unknown Unique Identifier", async () => {
    expect((await resultErrorOf(destroy, [uid("missing")], unitContext())).resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects an Active key", async () => {
    const context = unitContext();
    const id = createKey(context);
    await activate(requestPayload([uid(id)]), context);
    const error = await resultErrorOf(destroy, [uid(id)], context);
    expect(error.resultReason).to.equal(ResultReason.PermissionDenied);
    expect(error.resultMessage).to.equal("DENIED");
  });

  it("rejects a second Destroy", async () => {
    const context = unitContext();
    const id = createKey(context);
    await destroy(requestPayload([uid(id)]), context);
    expect((await resultErrorOf(destroy, [uid(id)], context)).resultReason).to.equal(ResultReason.PermissionDenied);
  });
});

describe("Get handler", () => {
  it("rejects an unknown Unique Identifier", async () => {
    expect((await resultErrorOf(get, [uid("missing")], unitContext())).resultReason).to.equal(ResultReason.ItemNotFound);
  });

  it("rejects a destroyed key", async () => {
    const context = unitContext();
    const id = createKey(context);
    await destroy(requestPayload([uid(id)]), context);
    expect((await resultErrorOf(get, [uid(id)], context)).resultReason).to.equal(ResultReason.IllegalOperation);
  });

  it("rejects an unsupported Key Format Type", async () => {
    const context = unitContext();
    const id = createKey(context);
    const error = await resultErrorOf(get, [uid(id), enumeration(Tag.KeyFormatType, KeyFormatType.PKCS_1)], context);
    expect(error.resultReason).to.equal(ResultReason.KeyFormatTypeNotSupported);
  });

  it("rejects a Sensitive key", async () => {
    const context = unitContext();
    const id = createKey(context, { extra: [attribute("Sensitive", bool(0, true))] });
    expect((await resultErrorOf(get, [uid(id)], context)).resultReason).to.equal(ResultReason.Sensitive);
  });

  it("returns Transparent Symmetric Key on request", async () => {
    const context = unitContext();
    const id = createKey(context);
    const payload = await get(requestPayload([uid(id), enumeration(Tag.KeyFormatType, KeyFormatType.TransparentSymmetricKey)]), context);
    const keyBlock = (fieldValue(payload, Tag.SymmetricKey) as TtlvNode[])[0] as StructureNode;
    expect(fieldValue(keyBlock, Tag.KeyFormatType)).to.equal(KeyFormatType.TransparentSymmetricKey);
  });

  it("clears Fresh once served", async () => {
    const context = unitContext();
    const id = createKey(context);
    await get(requestPayload([uid(id)]), context);
    expect(booleanValue(context.store.require(id).attributes.first("Fresh"))).to.equal(false);
  });
});

describe("Locate handler", () => {
  const objectType = attribute("Object Type", enumeration(0, ObjectType.SymmetricKey));

  it("rejects an unknown attribute", async () => {
    const error = await resultErrorOf(locate, [attribute("Flavour", integer(0, 1))], unitContext());
    expect(error.resultReason).to.equal(ResultReason.InvalidField);
  });

  it("matches every given attribute", async () => {
    const context = unitContext();
    createKey(context, { name: "alpha" });
    const beta = createKey(context, { name: "beta" });
    const payload = await locate(requestPayload([objectType, nameAttribute("beta")]), context);
    expect(identifiers(payload)).to.deep.equal([beta]);
    expect(context.batch.idPlaceholder).to.equal(beta);
  });

  it("compares usage masks as bit sets", async () => {
    const context = unitContext();
    const both = createKey(context, { usageMask: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt });
    createKey(context, { usageMask: CryptographicUsageMask.Decrypt });
    const payload = await locate(requestPayload([attribute("Cryptographic Usage Mask", integer(0, CryptographicUsageMask.Encrypt))]), context);
    expect(identifiers(payload)).to.deep.equal([both]);
  });

  it("applies Maximum Items and Offset Items", async () => {
    const context = unitContext();
    const ids = [createKey(context), createKey(context), createKey(context)];
    const payload = await locate(requestPayload([integer(Tag.MaximumItems, 1), integer(Tag.OffsetItems, 1)]), context);
    expect(identifiers(payload)).to.deep.equal([ids[1]]);
  });

  it("empties the ID Placeholder on several matches", async () => {
    const context = unitContext();
    createKey(context, { algorithm: CryptographicAlgorithm.AES });
    createKey(context, { algorithm: CryptographicAlgorithm.AES });
    await locate(requestPayload([objectType]), context);
    expect(context.batch.idPlaceholder).to.equal(undefined);
  });

  it("matches a date range", async () => {
    const context = unitContext();
    const id = createKey(context);
    const range = [attribute("Initial Date", dateTime(0, FIXED_NOW - 10n)), attribute("Initial Date", dateTime(0, FIXED_NOW + 10n))];
    expect(identifiers(await locate(requestPayload(range), context))).to.deep.equal([id]);
  });

  it("skips destroyed objects", async () => {
    const context = unitContext();
    const id = createKey(context, { name: "gone" });
    await destroy(requestPayload([uid(id)]), context);
    expect(identifiers(await locate(requestPayload([nameAttribute("gone")]), context))).to.deep.equal([]);
  });
});

describe("Query handler", () => {
  it("lists operations, objects and profiles", async () => {
    const functions = [QueryFunction.QueryOperations, QueryFunction.QueryObjects, QueryFunction.QueryProfiles].map((value) => enumeration(Tag.QueryFunction, value));
    const payload = await query(requestPayload(functions), unitContext());
    const operations = payload.value.filter((field) => field.tag === Tag.Operation).map((field) => field.value);
    const profiles = payload.value.filter((field) => field.tag === Tag.ProfileInformation).map((field) => fieldValue(field as StructureNode, Tag.ProfileName));

    expect(operations).to.include.members([Operation.Create, Operation.Locate, Operation.Query]);
    expect(operations).to.deep.equal(createRouteTable().operations());
    const objectTypes = payload.value.filter((field) => field.tag === Tag.ObjectType).map((field) => field.value);
    expect(objectTypes).to.have.members([ObjectType.Certificate, ObjectType.SymmetricKey, ObjectType.PublicKey, ObjectType.PrivateKey, ObjectType.Template, ObjectType.SecretData, ObjectType.OpaqueObject]);
    expect(profiles).to.include(ProfileName.SymmetricKeyLifecycleServerKMIPV1_4);
  });

  it("answers server information", async () => {
    const payload = await query(requestPayload([enumeration(Tag.QueryFunction, QueryFunction.QueryServerInformation)]), unitContext());
    expect(fieldValue(payload, Tag.VendorIdentification)).to.equal("test");
  });
});

describe("Discover Versions handler", () => {
  const version = (major: number, minor: number): TtlvNode =>
    structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, major), integer(Tag.ProtocolVersionMinor, minor)]);
  const minors = (payload: StructureNode): unknown[] => payload.value.map((node) => fieldValue(node as StructureNode, Tag.ProtocolVersionMinor));

  it("lists every version without an offer", async () => {
    expect(minors(await discoverVersions(requestPayload([]), unitContext()))).to.deep.equal([4, 3, 2, 1, 0]);
  });

  it("keeps supported offered versions in order", async () => {
    const payload = await discoverVersions(requestPayload([version(2, 0), version(1, 2), version(1, 4)]), unitContext());
    expect(minors(payload)).to.deep.equal([2, 4]);
  });
});
