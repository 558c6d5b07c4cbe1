/**
 * The named request mixes of `kmipcheck load`. One iteration of a mix is a fixed sequence of
 * requests; objects a mix creates are destroyed in the same iteration or in its cleanup.
 */
import { randomBytes } from "node:crypto";
import { Operation, Tag } from "../kmip";
import type { LoadSession } from "./session";
import * as payloads from "./payloads";
import { requiredText } from "./responses";

export interface LoadMix<Fixture = unknown> {
  name: string;
  description: string;
  /** Runs once on the first connection before timing starts; returns what `iterate` needs. */
  prepare(session: LoadSession): Promise<Fixture>;
  iterate(session: LoadSession, fixture: Fixture): Promise<void>;
  /** Runs once after timing ends, even after errors, to destroy what `prepare` made. */
  cleanup(session: LoadSession, fixture: Fixture): Promise<void>;
}

const ENCRYPT_DATA_BYTES = 1024;
const GCM_NONCE_BYTES = 12;
const SIGN_DATA_BYTES = 256;
const AES_KEY_BYTES = 32;

const queryMix: LoadMix<undefined> = {
  name: "query",
  description: "Query (Query Operations, Query Objects)",
  prepare: async () => undefined,
  iterate: async (session) => {
    await session.request("Query", Operation.Query, payloads.queryPayload());
  },
  cleanup: async () => {},
};

const symmetricMix: LoadMix<undefined> = {
  name: "symmetric",
  description: "Create AES-256 key, Get Attributes, Destroy",
  prepare: async () => undefined,
  iterate: async (session) => {
    const created = await session.request("Create", Operation.Create, payloads.createAesKeyPayload());
    const identifier = requiredText(created, Tag.UniqueIdentifier, "Unique Identifier");

    // The key is destroyed even when Get Attributes fails, so a run leaves no objects behind.
    try {
      await session.request("GetAttributes", Operation.GetAttributes, payloads.identifierPayload(identifier));
    } finally {
      await session.request("Destroy", Operation.Destroy, payloads.identifierPayload(identifier));
    }
  },
  cleanup: async () => {},
};

const encryptMix: LoadMix<string> = {
  name: "encrypt",
  description: "AES-256-GCM Encrypt of 1 KiB with a registered, active key",
  prepare: async (session) => {
    const registered = await session.request("Register", Operation.Register, payloads.registerAesKeyPayload(randomBytes(AES_KEY_BYTES)));
    const identifier = requiredText(registered, Tag.UniqueIdentifier, "Unique Identifier");
    await activateOrDestroy(session, identifier);
    return identifier;
  },
  iterate: async (session, identifier) => {
    const payload = payloads.encryptGcmPayload(identifier, randomBytes(ENCRYPT_DATA_BYTES), randomBytes(GCM_NONCE_BYTES));
    await session.request("Encrypt", Operation.Encrypt, payload);
  },
  cleanup: async (session, identifier) => revokeAndDestroy(session, identifier),
};

interface KeyPair {
  privateKey: string;
  publicKey: string;
}

const signMix: LoadMix<KeyPair> = {
  name: "sign",
  description: "RSA-2048 Sign (PKCS #1 v1.5, SHA-256) of 256 bytes",
  prepare: async (session) => {
    const created = await session.request("CreateKeyPair", Operation.CreateKeyPair, payloads.createRsaKeyPairPayload());
    const pair = {
      privateKey: requiredText(created, Tag.PrivateKeyUniqueIdentifier, "Private Key Unique Identifier"),
      publicKey: requiredText(created, Tag.PublicKeyUniqueIdentifier, "Public Key Unique Identifier"),
    };

    try {
      await session.request("Activate", Operation.Activate, payloads.identifierPayload(pair.privateKey));
    } catch (error) {
      await destroyQuietly(session, pair.privateKey);
      await destroyQuietly(session, pair.publicKey);
      throw error;
    }
    return pair;
  },
  iterate: async (session, pair) => {
    await session.request("Sign", Operation.Sign, payloads.signRsaPayload(pair.privateKey, randomBytes(SIGN_DATA_BYTES)));
  },
  cleanup: async (session, pair) => {
    await revokeAndDestroy(session, pair.privateKey);
    await session.request("Destroy", Operation.Destroy, payloads.identifierPayload(pair.publicKey));
  },
};

async function activateOrDestroy(session: LoadSession, identifier: string): Promise<void> {
  try {
    await session.request("Activate", Operation.Activate, payloads.identifierPayload(identifier));
  } catch (error) {
    await destroyQuietly(session, identifier);
    throw error;
  }
}

/** §4.21: a cryptographic object may only be destroyed in the Pre-Active or Deactivated state, so an Active one is revoked first. */
async function revokeAndDestroy(session: LoadSession, identifier: string): Promise<void> {
  await session.request("Revoke", Operation.Revoke, payloads.revokePayload(identifier));
  await session.request("Destroy", Operation.Destroy, payloads.identifierPayload(identifier));
}

/** Destroys an object on a path that is already failing; the first error is the one raised. */
async function destroyQuietly(session: LoadSession, identifier: string): Promise<void> {
  await session.request("Destroy", Operation.Destroy, payloads.identifierPayload(identifier)).catch(() => undefined);
}

export const LOAD_MIXES: ReadonlyMap<string, LoadMix> = new Map<string, LoadMix>(
  [queryMix, symmetricMix, encryptMix, signMix].map((mix) => [mix.name, mix as LoadMix]),
);
