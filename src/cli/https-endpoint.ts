/**
 * The KMIP over HTTPS endpoint of the target, for the vectors the replay sends over HTTPS (the
 * MSGENC vectors): the bundled server's own listener, or `--https-url` for a remote target.
 */
import { DEFAULT_KMIP_HTTPS_PATH } from "../transport";
import type { HttpsEndpoint } from "../replay";
import type { TargetPlan } from "./target";
import { UsageError } from "./usage";

/** Port of an https: URL without one. */
const HTTPS_DEFAULT_PORT = 443;

/** Checks `--https-url` before the target opens; returns its endpoint, or undefined when the flag is absent. */
export function planHttpsEndpoint(plan: TargetPlan, urlText: string | undefined): HttpsEndpoint | undefined {
  if (urlText === undefined) {
    return undefined;
  }

  if (plan.kind === "bundled") {
    throw new UsageError("--https-url applies to a remote target; the bundled target serves KMIP over HTTPS itself, so leave it out or pass --target NAME or HOST:PORT");
  }
  return parseHttpsUrl(urlText);
}

/** Parses https://HOST[:PORT][/PATH]; without a path the target URI is /kmip, the one servers SHOULD support. */
export function parseHttpsUrl(text: string): HttpsEndpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidUrl(text, "it is not a URL");
  }

  if (url.protocol !== "https:") {
    throw invalidUrl(text, `the scheme is ${url.protocol.slice(0, -1)}, but KMIP over HTTPS needs https`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw invalidUrl(text, "it has a query, fragment or user name; give only host, port and path");
  }

  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === "" ? HTTPS_DEFAULT_PORT : Number(url.port);
  const hasPath = /^https:\/\/[^/]+\//i.test(text);
  return { host, port, path: hasPath ? url.pathname : DEFAULT_KMIP_HTTPS_PATH };
}

function invalidUrl(text: string, reason: string): UsageError {
  return new UsageError(`invalid --https-url ${text}: ${reason}; give https://HOST:PORT/PATH, e.g. https://kmip.example.com:5696/kmip`);
}
