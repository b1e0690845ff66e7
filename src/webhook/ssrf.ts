/**
 * The SSRF guard: a webhook target must be an http(s) URL whose host is, and resolves only
 * to, public unicast addresses. Checked when an endpoint is added or changed and again before
 * every attempt (a name can be re-pointed at an internal address later: DNS rebinding).
 *
 * What it cannot close: `fetch` resolves the name once more itself, so a resolver answering
 * differently within milliseconds can still win; run the worker where internal services are
 * firewalled off for defence in depth.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { NetworkError } from "../core/errors.ts";
import { blockedReason, isIpLiteral } from "./ip.ts";

/** Resolves a host name to IP addresses. */
export type ResolveHost = (host: string) => Promise<string[]>;

/**
 * The default resolver: DNS A and AAAA records through `Deno.resolveDns` (which does not read
 * `/etc/hosts`; `localhost` is refused before resolving anyway).
 *
 * @example
 * ```ts
 * const addresses = await resolveHostDns("example.com");
 * ```
 */
export async function resolveHostDns(host: string): Promise<string[]> {
  const answers = await Promise.allSettled([
    Deno.resolveDns(host, "A"),
    Deno.resolveDns(host, "AAAA"),
  ]);
  const addresses = answers.flatMap((a) => a.status === "fulfilled" ? a.value : []);
  if (addresses.length === 0) {
    const reason = answers.find((a) => a.status === "rejected") as PromiseRejectedResult;
    throw new NetworkError(
      `cannot resolve '${host}': ${reason?.reason?.message ?? "no A or AAAA records"}`,
      "dns_failed",
      { cause: reason?.reason },
    );
  }
  return addresses;
}

const WEBHOOK_HINT = "webhook targets must be public addresses (set allowPrivate: true on the " +
  "endpoint to allow this one on purpose)";

function refuse(message: string, hint: string): never {
  throw new ValidationError(`${message}; ${hint}`, "ssrf_refused", "url");
}

/**
 * Parses and checks a webhook URL's form: http(s), a host, no credentials. Returns the URL.
 *
 * @example
 * ```ts
 * const url = parseTargetUrl("https://example.com/hooks/session");
 * ```
 */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(
      `'${text}' is not an absolute URL; use e.g. https://example.com/hooks/session`,
      "invalid_url",
      "url",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ValidationError(
      `webhook URLs use https: (or http:), not ${url.protocol}`,
      "invalid_url",
      "url",
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new ValidationError(
      "webhook URLs cannot carry credentials (user:password@); verify the signature headers " +
        "instead, or put a token in the path or query",
      "invalid_url",
      "url",
    );
  }
  return url;
}

/**
 * Refuses (ValidationError, code `ssrf_refused`, field `url`; the message ends with `hint`, by
 * default how to allow a webhook target) a URL whose host is or resolves to a non-public
 * address. IP literals are normalised by the URL parser first, so forms like
 * `http://2130706433/` or `http://0x7f.1/` are caught as 127.0.0.1. Returns the checked
 * addresses: connect to one of them (`pinnedFetch`), not to a fresh resolution of the name.
 *
 * @example
 * ```ts
 * const [address] = await assertPublicTarget(new URL("https://example.com/hook"), resolveHostDns);
 * ```
 */
export async function assertPublicTarget(
  url: URL,
  resolveHost: ResolveHost,
  hint: string = WEBHOOK_HINT,
): Promise<string[]> {
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (isIpLiteral(host)) {
    const why = blockedReason(host);
    if (why) refuse(`${host} is ${why}`, hint);
    return [host];
  }
  if (host === "localhost" || host.endsWith(".localhost")) refuse(`'${host}' is loopback`, hint);
  let addresses: string[];
  try {
    addresses = await resolveHost(host);
  } catch (error) {
    throw new ValidationError(
      `cannot resolve '${host}' (${error instanceof Error ? error.message : error}); check ` +
        `the URL's host name`,
      "unresolvable_host",
      "url",
      { cause: error },
    );
  }
  if (!Array.isArray(addresses) || addresses.length === 0) {
    throw new ValidationError(
      `'${host}' resolves to no address; check the URL's host name`,
      "unresolvable_host",
      "url",
    );
  }
  for (const address of addresses) {
    let why: string | undefined;
    try {
      why = blockedReason(address);
    } catch {
      why = "not an IP address";
    }
    if (why) refuse(`'${host}' resolves to ${address}, which is ${why}`, hint);
  }
  return addresses;
}
