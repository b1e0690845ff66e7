/**
 * Which server a file URL lives on, as a v4 target: the client's own server, the mainnet one,
 * or (as desktop) the server named by the URL with its Ed25519 key in the `p=` fragment.
 *
 * @module
 */
import { fromHex, toHex } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import { ed25519ToX25519PublicKey } from "../../crypto/x25519.ts";
import { type FileServerTarget, MAINNET_FILE_SERVER, sameServer } from "./target.ts";
import type { FileUrl } from "./url.ts";

/** The v4 target that serves `url`, given the client's own `target`. */
export function serverFor(url: FileUrl, target: FileServerTarget): FileServerTarget {
  if (sameServer(url.server, target.url)) return target;
  if (sameServer(url.server, MAINNET_FILE_SERVER.url)) return MAINNET_FILE_SERVER;
  if (url.pubkey !== undefined) {
    try {
      const x25519 = toHex(ed25519ToX25519PublicKey(fromHex(url.pubkey)));
      return { url: url.server, x25519, ed25519: url.pubkey };
    } catch {
      // not an Ed25519 key: fall through to the error below
    }
  }
  throw new ValidationError(
    `the file is on ${url.server}, a server this client does not know the key of: create a ` +
      "file server client for that server (url and x25519 key)",
    "unknown_file_server",
    "url",
  );
}
