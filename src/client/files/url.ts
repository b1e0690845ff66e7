/**
 * File URLs as pointers and profiles carry them (extended.md §2.4):
 * `http://host/file/<id>` (or the legacy `/files/<id>`), with an optional fragment of
 * `p=<server key hex>` and/or `d` (deterministic encryption), joined with `&`.
 *
 * @module
 */
import { isHex } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import { baseUrl, type FileServerTarget, MAINNET_FILE_SERVER, sameServer } from "./target.ts";

/** A parsed file URL. */
export interface FileUrl {
  /** The server's origin, e.g. `http://filev2.getsession.org`. */
  readonly server: string;
  /** The file id (last path segment). */
  readonly id: string;
  /** Whether the fragment carries `d`: the file uses the deterministic `'S'` format. */
  readonly deterministic: boolean;
  /** The `p=` server key (64 hex, lower case), when present. */
  readonly pubkey?: string;
}

const FILE_PATH = /^\/files?\/([A-Za-z0-9_-]{1,128})$/;

/**
 * Parses a file URL.
 *
 * @throws {ValidationError} (`code: "bad_file_url"`, `field: "url"`) for anything that is not
 *   `http(s)://host[:port]/file/<id>[#…]`.
 *
 * @example
 * ```ts
 * parseFileUrl("http://filev2.getsession.org/file/123#d");
 * // { server: "http://filev2.getsession.org", id: "123", deterministic: true }
 * ```
 */
export function parseFileUrl(url: string): FileUrl {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === "string" ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  const id = parsed?.pathname.match(FILE_PATH)?.[1];
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || id === undefined) {
    throw new ValidationError(
      `not a file server URL: ${JSON.stringify(url)?.slice(0, 120)}; expected ` +
        "http(s)://host/file/<id>, as in an attachment pointer or a profile",
      "bad_file_url",
      "url",
    );
  }
  const fragment = new URLSearchParams(parsed.hash.slice(1));
  const p = fragment.get("p") ?? undefined;
  return {
    server: parsed.origin,
    id,
    deterministic: fragment.has("d"),
    ...(isHex(p, 32) ? { pubkey: p.toLowerCase() } : {}),
  };
}

/**
 * The URL of file `id` on `target`: `<url>/file/<id>`, plus `#p=<Ed25519>` for servers other
 * than the mainnet one (as desktop does) and `d` for deterministic files.
 *
 * @example
 * ```ts
 * fileUrl(MAINNET_FILE_SERVER, "abc"); // "http://filev2.getsession.org/file/abc"
 * ```
 */
export function fileUrl(
  target: FileServerTarget,
  id: string,
  options: { readonly deterministic?: boolean } = {},
): string {
  const fragment: string[] = [];
  if (target.ed25519 && !sameServer(target.url, MAINNET_FILE_SERVER.url)) {
    fragment.push(`p=${target.ed25519.toLowerCase()}`);
  }
  if (options.deterministic) fragment.push("d");
  const hash = fragment.length > 0 ? `#${fragment.join("&")}` : "";
  return `${baseUrl(target)}/file/${encodeURIComponent(id)}${hash}`;
}
