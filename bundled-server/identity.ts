/**
 * Client identities and the objects they own. The server identifies a client by the subject of
 * its TLS client certificate, and every managed object belongs to the identity that created or
 * registered it.
 *
 * Access control follows the default operation policy of §3.18.2, Table 92 (Symmetric Keys,
 * Private Keys, Split Keys, Secret Data, Opaque Objects): Locate, Get, Get Attributes, Get
 * Attribute List, Add, Modify and Delete Attribute, Activate, Revoke and Destroy are "Allowed to
 * owner only". The server keeps one ObjectStore per owner, so another client's object is simply
 * absent: its Unique Identifier gets Item Not Found (§6.10: "A requested object was not found or
 * did not exist") and Locate never returns it. Permission Denied instead would confirm to a
 * stranger that the identifier exists.
 *
 * NOTE: Table 93 allows Locate, Get and Get Attributes of Public Keys and Certificates to all
 * clients. Like the HSM partitions it models, this server isolates those per owner too.
 */
import { PeerCertificate, TLSSocket } from "node:tls";
import { ObjectStore, StoreLimits } from "./store/object-store";

export interface ClientIdentity {
  /** Subject distinguished name of the client certificate, e.g. "O=kmipcheck test, CN=client"; the owner key. */
  subject: string;
  /** Common Name of the subject, which the users table maps to a username and password. */
  commonName: string | undefined;
}

/** Returns the identity of a connection the TLS layer has authorised (requestCert with rejectUnauthorized). */
export function clientIdentity(socket: TLSSocket): ClientIdentity {
  const certificate: PeerCertificate | undefined = socket.getPeerCertificate();
  const subject = certificate?.subject ?? {};
  return { subject: distinguishedName(subject), commonName: firstValue(subject.CN) };
}

function distinguishedName(subject: Record<string, string | string[] | undefined>): string {
  return Object.entries(subject)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : value}`)
    .join(", ");
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One ObjectStore per owner. Each owner's store is created on first use and kept for the life of
 * the server, so streams (kept per store) and Name uniqueness (§3.2) are per owner as well.
 */
export class OwnedStores {
  private readonly stores = new Map<string, ObjectStore>();

  /** Each owner's store gets these limits (defaults of ObjectStore when absent). */
  constructor(private readonly limits: Partial<StoreLimits> = {}) {}

  forOwner(identity: ClientIdentity): ObjectStore {
    let store = this.stores.get(identity.subject);
    if (store === undefined) {
      store = new ObjectStore(this.limits);
      this.stores.set(identity.subject, store);
    }
    return store;
  }
}
