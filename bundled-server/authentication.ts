/**
 * Checks the Authentication of a Request Header (§6.6) against the user bound to the client
 * certificate. The certificate authenticates the client at the TLS handshake. A Username and
 * Password Credential (§2.1.2, Table 4) in the request is a second factor, as on the HSMs this
 * server models. §6.6 leaves authentication to server policy, and this server's policy is: no
 * users table, no check; with a table, a request without Authentication runs with the
 * certificate alone, and one with Authentication must carry the bound user's credentials.
 *
 * A Credential that does not match fails with Authentication Not Successful (§6.10: "The
 * authentication information in the request could not be validated, or was not found"), not
 * Permission Denied, which §6.10 and §11.1 keep for a client that is authenticated but not allowed
 * to perform the operation.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { CredentialType, enumName, ResultReason, Tag } from "../src/kmip";
import { ItemType, StructureNode, TtlvNode } from "../src/ttlv/types";
import { KmipResultError } from "./errors";
import { ClientIdentity } from "./identity";
import { optionalText, repeatedFields, requiredEnumeration, requiredStructure, requiredText } from "./payload";

export interface UserCredential {
  username: string;
  password: string;
}

/** Users bound to client certificates: certificate subject Common Name to username and password. */
export type UserTable = Readonly<Record<string, UserCredential>>;

/** Result Message of every authentication failure; the reason goes to the server log only. */
export const AUTHENTICATION_FAILED_MESSAGE = "the credentials in the request could not be validated";

/**
 * Raises KmipResultError (Authentication Not Successful) unless every Credential of the
 * Authentication structure is a Username and Password Credential of the user bound to the
 * client's certificate. Passes when the request has no Authentication or the server no users table.
 */
export function checkAuthentication(authentication: StructureNode | undefined, client: ClientIdentity, users: UserTable | undefined): void {
  if (authentication === undefined || users === undefined) {
    return;
  }

  // §6.6: the Authentication structure SHALL contain one or more Credential structures.
  const credentials = repeatedFields(authentication, Tag.Credential, ItemType.Structure);
  if (credentials.length === 0) {
    throw new KmipResultError(ResultReason.InvalidMessage, "the Authentication structure contains no Credential");
  }

  const user = boundUser(client, users);
  for (const credential of credentials) {
    checkCredential(readCredential(credential), user, client);
  }
}

interface RequestCredential {
  type: number;
  username: string | undefined;
  password: string | undefined;
}

/** Reads one Credential (§2.1.2, Tables 3 and 4); a malformed one is Invalid Message (§11.1: "Error parsing"). */
function readCredential(credential: TtlvNode): RequestCredential {
  try {
    const type = requiredEnumeration(credential, Tag.CredentialType);
    if (type !== CredentialType.UsernameAndPassword) {
      return { type, username: undefined, password: undefined };
    }

    // Table 4: Username is REQUIRED, Password is optional.
    const value = requiredStructure(credential, Tag.CredentialValue);
    return { type, username: requiredText(value, Tag.Username), password: optionalText(value, Tag.Password) };
  } catch (error) {
    if (error instanceof KmipResultError && error.resultReason === ResultReason.MissingData) {
      throw new KmipResultError(ResultReason.InvalidMessage, error.resultMessage);
    }
    throw error;
  }
}

function boundUser(client: ClientIdentity, users: UserTable): UserCredential {
  const name = client.commonName;
  if (name === undefined || !Object.prototype.hasOwnProperty.call(users, name)) {
    throw failure(`no user is bound to the client certificate ${client.subject}`);
  }
  return users[name];
}

function checkCredential(credential: RequestCredential, user: UserCredential, client: ClientIdentity): void {
  if (credential.type !== CredentialType.UsernameAndPassword) {
    const name = enumName("CredentialType", credential.type) ?? `0x${credential.type.toString(16)}`;
    throw failure(`Credential Type ${name} is not supported; this server validates Username and Password credentials only`);
  }

  const username = credential.username ?? "";
  const password = credential.password ?? "";
  if (!sameSecret(username, user.username) || !sameSecret(password, user.password)) {
    throw failure(`the username or password does not match the user bound to ${client.subject}`);
  }
}

/** Compares two strings in time independent of where they differ (SHA-256 gives equal lengths). */
function sameSecret(received: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(received), digest(expected));
}

function failure(detail: string): KmipResultError {
  return new KmipResultError(ResultReason.AuthenticationNotSuccessful, AUTHENTICATION_FAILED_MESSAGE, { detail });
}
