import { CredentialType, Tag } from "../kmip";
import { enumeration, structure, text } from "../ttlv";
import type { TtlvNode } from "../ttlv";
import type { Credential } from "./types";

/**
 * Builds the Authentication structure of a request header (KMIP 1.4 §6.6: one or more Credential
 * structures) holding one Username and Password Credential (§2.1.2, Tables 3 and 4: Username is
 * required, Password optional).
 */
export function buildAuthentication(credential: Credential): TtlvNode {
  const value = [text(Tag.Username, credential.username)];
  if (credential.password !== undefined) {
    value.push(text(Tag.Password, credential.password));
  }

  return structure(Tag.Authentication, [
    structure(Tag.Credential, [
      enumeration(Tag.CredentialType, CredentialType.UsernameAndPassword),
      structure(Tag.CredentialValue, value),
    ]),
  ]);
}
