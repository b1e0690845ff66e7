/**
 * Which file server: the mainnet default (core §6.7), and the limits a client applies to what it
 * sends and accepts (extended.md §2.4).
 *
 * @module
 */
import type { ServerTarget } from "../../onion/mod.ts";

/** A file server reachable through onion v4: base URL, X25519 key, optional Ed25519 key. */
export interface FileServerTarget extends ServerTarget {
  /** Ed25519 key, hex: desktop puts it in the URL fragment `p=` for non-default servers. */
  readonly ed25519?: string;
}

/**
 * The Session file server (desktop 2026): `http://filev2.getsession.org`, reached through onion
 * v4 with its X25519 key.
 *
 * @example
 * ```ts
 * const files = createFileServerClient(network, MAINNET_FILE_SERVER);
 * ```
 */
export const MAINNET_FILE_SERVER: FileServerTarget = Object.freeze({
  url: "http://filev2.getsession.org",
  x25519: "09324794aa9c11948189762d198c618148e9136ac9582068180661208927ef34",
  ed25519: "b8eef9821445ae16e2e97ef8aa6fe782fd11ad5253cd6723b281341dba22e371",
});

/**
 * Largest file (encrypted bytes) the client uploads or downloads by default: 10,223,616, the
 * deterministic encryption of libsession's largest regular file. A 10 MB attachment encrypted
 * the legacy way is 10,000,064 bytes.
 */
export const MAX_FILE_BYTES = 10_223_616;

/** The base URL without a trailing slash. */
export function baseUrl(target: ServerTarget): string {
  return target.url.replace(/\/+$/, "");
}

/** Whether two server URLs name the same origin (scheme, host, port). */
export function sameServer(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
