/**
 * Whether a failed onion request surely never reached its destination. A request that may have
 * arrived (a timeout, an unreadable reply, a relay failing mid-way) must not be sent again
 * blindly when it is not idempotent: a community server would store a second copy of a post.
 *
 * @module
 */
import { OnionError } from "../../core/errors.ts";

/** Failures before anything was sent: no guard, too few nodes, no path. */
const BEFORE_SENDING = new Set(["no_guard", "not_enough_nodes", "no_path"]);
/**
 * A hop refused to pass the request on: these come in the onion layer's own HTTP status, which
 * a server's answer never does (that travels encrypted inside the reply).
 */
const REFUSED_ON_THE_WAY = new Set([
  "next_node_not_found",
  "clock_out_of_sync",
  "invalid_ciphertext",
  "node_not_ready",
]);

/**
 * True when `error` proves the request did not reach the destination: it failed while
 * choosing a path, the guard refused the connection, or a relay refused to forward it.
 *
 * @example
 * ```ts
 * import { OnionError } from "../../core/errors.ts";
 *
 * surelyUndelivered(new OnionError("refused", { code: "unreachable", hop: 0 })); // true
 * surelyUndelivered(new OnionError("timed out", { code: "timeout" })); // false: it may have arrived
 * ```
 */
export function surelyUndelivered(error: unknown): boolean {
  if (error instanceof OnionError) {
    if (BEFORE_SENDING.has(error.code)) return true;
    if (error.code === "unreachable") return error.hop === 0;
    return REFUSED_ON_THE_WAY.has(error.code);
  }
  return false;
}
