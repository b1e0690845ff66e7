/**
 * `SessionClient.open` options, their defaults and checks.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { Identity } from "../../crypto/identity.ts";
import type { FileServerTarget } from "../files/mod.ts";
import type { Network, NetworkOptions } from "../network/mod.ts";
import { type Retry, type RetryPolicy, retryPolicy } from "./backoff.ts";

/** Options of `SessionClient.open`. */
export interface SessionClientOptions {
  /** The Deno KV store: an open one (left open by `stop()`) or a path (opened and closed). */
  readonly kv: Deno.Kv | string;
  /** The identity to run as… */
  readonly identity?: Identity;
  /** …or its name in the keyring of `kv`, with `passphrase` when it is encrypted. */
  readonly identityName?: string;
  /** Passphrase of an encrypted keyring identity. */
  readonly passphrase?: string;
  /**
   * The network: a seed URL (a devnet's `https://127.0.0.1:PORT/json_rpc`), or a `Network`
   * shared with other clients (not closed by `stop()`). Default: mainnet.
   */
  readonly network?: string | Network;
  /** Options of the network this client creates. */
  readonly networkOptions?: NetworkOptions;
  /** File server for attachments and avatars (default mainnet; `devnet.fileServer` on a devnet). */
  readonly fileServer?: FileServerTarget;
  /** Poll interval bounds, ms: `min` right after activity, growing to `max` when idle. */
  readonly pollInterval?: { readonly min?: number; readonly max?: number };
  /** Deliver messages already in the swarm on start (default false: only new ones). */
  readonly history?: boolean;
  /** Display name sent with messages (kept in the profile; see `setProfile`). */
  readonly displayName?: string;
  /** Handler retries before a dead letter (default 5 tries: 250 ms, 1 s, 4 s, 15 s apart). */
  readonly retry?: RetryPolicy;
  /** Store retries before a send is dead-lettered (default 8 tries, up to 60 s apart). */
  readonly sendRetry?: RetryPolicy;
  /** Inbox entries in memory at once (default 256). */
  readonly maxInFlight?: number;
  /** Largest stored message accepted, bytes (default 76,800, the node limit). */
  readonly maxMessageBytes?: number;
  /** Messages per retrieve (default 500). */
  readonly pageSize?: number;
}

/** Options with defaults. */
export interface ClientConfig {
  readonly interval: { readonly min: number; readonly max: number };
  readonly history: boolean;
  readonly retry: Retry;
  readonly sendRetry: Retry;
  readonly maxInFlight: number;
  readonly maxMessageBytes: number;
  readonly pageSize: number;
}

/** Checks `options` and fills in defaults. */
export function clientConfig(options: SessionClientOptions): ClientConfig {
  const min = options.pollInterval?.min ?? 1000;
  const max = options.pollInterval?.max ?? Math.max(min, 5000);
  if (!(min >= 10 && max >= min)) {
    throw new ValidationError(
      `pollInterval needs 10 ≤ min ≤ max (ms), got min ${min}, max ${max}`,
      "bad_option",
      "pollInterval",
    );
  }
  const ints = {
    maxInFlight: options.maxInFlight ?? 256,
    maxMessageBytes: options.maxMessageBytes ?? 76_800,
    pageSize: options.pageSize ?? 500,
  };
  for (const [field, value] of Object.entries(ints)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ValidationError(`${field} must be a positive integer`, "bad_option", field);
    }
  }
  return {
    interval: { min, max },
    history: options.history ?? false,
    retry: retryPolicy(options.retry, { attempts: 5, backoffMs: [250, 1000, 4000, 15_000] }),
    sendRetry: retryPolicy(options.sendRetry, {
      attempts: 8,
      backoffMs: [500, 2000, 5000, 15_000, 30_000, 60_000],
    }),
    ...ints,
  };
}
