/** The route table of every operation the server serves. */
import { Operation } from "../../src/kmip";
import { OperationHandler, RouteTable } from "../route-table";
import { addAttribute } from "./add-attribute";
import { check } from "./check";
import { create } from "./create";
import { deleteAttribute } from "./delete-attribute";
import { discoverVersions } from "./discover-versions";
import { get } from "./get";
import { getAttributeList, getAttributes } from "./get-attributes";
import { activate, destroy, revoke } from "./lifecycle-operations";
import { getUsageAllocation, obtainLease } from "./lease-allocation";
import { locate } from "./locate";
import { modifyAttribute } from "./modify-attribute";
import { query } from "./query";
import { reKey } from "./re-key";
import { register } from "./register";
import { createKeyPair } from "./crypto/create-key-pair";
import { decrypt, encrypt } from "./crypto/encrypt-decrypt";
import { hash } from "./crypto/hash";
import { mac, macVerify } from "./crypto/mac";
import { rngRetrieve, rngSeed } from "./crypto/rng";
import { signatureVerify, signOperation } from "./crypto/sign-verify";

export const DEFAULT_ROUTES: ReadonlyArray<readonly [number, OperationHandler]> = [
  [Operation.Create, create],
  [Operation.Register, register],
  [Operation.ReKey, reKey],
  [Operation.Locate, locate],
  [Operation.Check, check],
  [Operation.Get, get],
  [Operation.GetAttributes, getAttributes],
  [Operation.GetAttributeList, getAttributeList],
  [Operation.AddAttribute, addAttribute],
  [Operation.ModifyAttribute, modifyAttribute],
  [Operation.DeleteAttribute, deleteAttribute],
  [Operation.ObtainLease, obtainLease],
  [Operation.GetUsageAllocation, getUsageAllocation],
  [Operation.Activate, activate],
  [Operation.Revoke, revoke],
  [Operation.Destroy, destroy],
  [Operation.Query, query],
  [Operation.DiscoverVersions, discoverVersions],
  [Operation.CreateKeyPair, createKeyPair],
  [Operation.Encrypt, encrypt],
  [Operation.Decrypt, decrypt],
  [Operation.Sign, signOperation],
  [Operation.SignatureVerify, signatureVerify],
  [Operation.MAC, mac],
  [Operation.MACVerify, macVerify],
  [Operation.Hash, hash],
  [Operation.RNGRetrieve, rngRetrieve],
  [Operation.RNGSeed, rngSeed],
];

export function createRouteTable(extra: ReadonlyArray<readonly [number, OperationHandler]> = []): RouteTable {
  return new RouteTable([...DEFAULT_ROUTES, ...extra]);
}
