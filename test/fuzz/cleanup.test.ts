import { expect } from "chai";
import { createdObjects, removalRequests } from "../../src/fuzz/cleanup";
import { Operation, ResultReason, ResultStatus, RevocationReasonCode, Tag } from "../../src/kmip";
import { child, decode, enumeration, integer, structure, text, type TtlvNode } from "../../src/ttlv";

function response(...batchItems: TtlvNode[]): TtlvNode {
  return structure(Tag.ResponseMessage, [structure(Tag.ResponseHeader, [integer(Tag.BatchCount, batchItems.length)]), ...batchItems]);
}

function batchItem(operation: number, status: number, payload: TtlvNode[] | undefined): TtlvNode {
  const items = [enumeration(Tag.Operation, operation), enumeration(Tag.ResultStatus, status)];
  if (status !== ResultStatus.Success) items.push(enumeration(Tag.ResultReason, ResultReason.InvalidField));
  if (payload !== undefined) items.push(structure(Tag.ResponsePayload, payload));
  return structure(Tag.BatchItem, items);
}

describe("fuzz clean-up", () => {
  it("collects identifiers of created objects", () => {
    const created = response(
      batchItem(Operation.Create, ResultStatus.Success, [enumeration(Tag.ObjectType, 2), text(Tag.UniqueIdentifier, "key-1")]),
      batchItem(Operation.CreateKeyPair, ResultStatus.Success, [text(Tag.PrivateKeyUniqueIdentifier, "private-1"), text(Tag.PublicKeyUniqueIdentifier, "public-1")]),
    );
    expect(createdObjects(created)).to.deep.equal(["key-1", "private-1", "public-1"]);
  });

  it("ignores failures and other operations", () => {
    const other = response(
      batchItem(Operation.Create, ResultStatus.OperationFailed, undefined),
      batchItem(Operation.Locate, ResultStatus.Success, [text(Tag.UniqueIdentifier, "found-1")]),
      batchItem(Operation.Get, ResultStatus.Success, [text(Tag.UniqueIdentifier, "got-1")]),
    );
    expect(createdObjects(other)).to.deep.equal([]);
  });

  it("revokes then destroys", () => {
    const [revoke, destroy] = removalRequests("key-1").map((bytes) => decode(bytes));
    const revokeItem = child(revoke, Tag.BatchItem)!;
    expect(child(revokeItem, Tag.Operation)?.value).to.equal(Operation.Revoke);
    const reason = child(child(child(revokeItem, Tag.RequestPayload)!, Tag.RevocationReason)!, Tag.RevocationReasonCode);
    expect(reason?.value).to.equal(RevocationReasonCode.CessationOfOperation);

    const destroyItem = child(destroy, Tag.BatchItem)!;
    expect(child(destroyItem, Tag.Operation)?.value).to.equal(Operation.Destroy);
    expect(child(child(destroyItem, Tag.RequestPayload)!, Tag.UniqueIdentifier)?.value).to.equal("key-1");
  });
});
