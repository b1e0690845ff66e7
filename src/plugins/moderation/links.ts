/**
 * The link filter: finds web links in a text (with a scheme, `www.`, or a bare domain with a
 * common top-level domain) and reports the first whose host is not on the allow list.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

/** Top-level domains a bare `name.tld` is taken as a link for (others need a scheme or www.). */
const COMMON_TLDS = [
  "com",
  "net",
  "org",
  "io",
  "co",
  "me",
  "info",
  "biz",
  "xyz",
  "app",
  "dev",
  "gg",
  "ly",
  "to",
  "link",
  "click",
  "top",
  "site",
  "online",
  "shop",
  "ru",
  "cn",
  "tk",
  "live",
  "store",
  "club",
];

const LINK = new RegExp(
  [
    "\\b[a-z][a-z0-9+.-]*://[^\\s<>\"']+", // scheme://…
    "\\bwww\\.[^\\s<>\"']+", // www.…
    `\\b(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${COMMON_TLDS.join("|")})` +
    "(?![\\p{L}\\p{N}-])(?:[/:?#][^\\s<>\"']*)?", // bare name.tld[/path]
  ].join("|"),
  "giu",
);

/**
 * A matcher for links not allowed: it returns the first link's host that is not `allow`ed
 * (an allowed domain covers its subdomains), or `undefined`.
 *
 * @example
 * ```ts
 * import { createLinkFilter } from "./links.ts";
 *
 * const blocked = createLinkFilter(["getsession.org"]);
 * blocked("see https://docs.getsession.org/x"); // undefined: allowed
 * blocked("free stuff at scam.xyz/win"); // "scam.xyz"
 * blocked("version 1.2 of node.js"); // undefined: not a link
 * ```
 */
export function createLinkFilter(
  allow: readonly string[] = [],
): (text: string) => string | undefined {
  const allowed = allow.map((domain, index) => checkDomain(domain, index));
  const isAllowed = (host: string) =>
    allowed.some((domain) => host === domain || host.endsWith(`.${domain}`));
  return function blockedLinkIn(text: string): string | undefined {
    if (typeof text !== "string" || text === "") return undefined;
    for (const match of text.normalize("NFKC").matchAll(LINK)) {
      const host = hostOf(match[0]);
      if (host && !isAllowed(host)) return host;
    }
    return undefined;
  };
}

/** The lowercase host of a found link (scheme, credentials, port and path dropped). */
function hostOf(link: string): string | undefined {
  const rest = link.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const host = rest.split(/[/?#]/)[0].replace(/^[^@]*@/, "").replace(/:\d*$/, "");
  const clean = host.toLowerCase().replace(/[.,;:!)\]}]+$/, "");
  return clean === "" ? undefined : clean;
}

function checkDomain(domain: unknown, index: number): string {
  const clean = typeof domain === "string" ? domain.trim().toLowerCase().replace(/^\*?\./, "") : "";
  if (!/^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)*[\p{L}\p{N}-]+$/u.test(clean)) {
    throw new ValidationError(
      `moderation: allowDomains[${index}] ${JSON.stringify(domain)} is not a domain: give a host ` +
        `name such as "getsession.org" (its subdomains are allowed too)`,
      "invalid_domain",
      `allowDomains.${index}`,
    );
  }
  return clean;
}
