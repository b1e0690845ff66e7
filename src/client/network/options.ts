/**
 * `createNetwork` options, their defaults and checks.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { EncType, Random, SnodeFetcher } from "../../onion/mod.ts";
import { MAINNET_SEEDS, type SeedNode } from "./seeds.ts";

/** Options for `createNetwork`. */
export interface NetworkOptions {
  /**
   * A single seed URL, e.g. a devnet's `https://127.0.0.1:PORT/json_rpc` (the CLI's
   * `--network <url>`). Its certificate is not verified (test networks are self-signed).
   */
  readonly network?: string;
  /** Seeds to bootstrap from (default: mainnet, with pinned certificates). */
  readonly seeds?: readonly (string | SeedNode)[];
  /** `"onion"` (default: 3 hops, nobody sees both who and what) or `"direct"` HTTPS. */
  readonly transport?: "onion" | "direct";
  /** Onion hop encryption: `"aes-gcm"` (default) or `"xchacha20"`. */
  readonly encType?: EncType;
  /** Per-attempt timeout, ms (default 15 000 onion, 10 000 direct). */
  readonly timeoutMs?: number;
  /** Failed attempts before a request gives up (default 3, each on another member). */
  readonly attempts?: number;
  /**
   * Whole-call budget, ms, retries and path building included (default 4 × `timeoutMs`):
   * past it a call rejects with its last error, whatever the network does.
   */
  readonly deadlineMs?: number;
  /** Guard candidate test timeout, ms (default 10 000). */
  readonly guardTimeoutMs?: number;
  /** Seed requests: timeout (5000 ms), rounds (4) and first back-off (1000 ms). */
  readonly seed?: {
    readonly timeoutMs?: number;
    readonly attempts?: number;
    readonly backoffMs?: number;
  };
  /** Pool tuning: refill at or below `minSize` (8), refresh every `refreshMs` (2 h). */
  readonly pool?: { readonly minSize?: number; readonly refreshMs?: number };
  /** Largest reply accepted, bytes (default 16 MiB). */
  readonly maxResponseBytes?: number;
  /** Random source for node and path choices (default `Math.random`; tests inject one). */
  readonly random?: Random;
  /** The local clock (default `Date.now`; tests inject a skewed one). */
  readonly now?: () => number;
  /**
   * Wraps the HTTPS client used for snode and onion traffic (default: a keep-alive
   * `SnodeAgent`); receives that client. Tests use it to corrupt or delay replies.
   */
  readonly wrapFetch?: (fetch: SnodeFetcher) => SnodeFetcher;
}

/** Options with defaults filled in. */
export interface NetworkConfig {
  readonly seeds: readonly SeedNode[];
  readonly transport: "onion" | "direct";
  readonly encType?: EncType;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly deadlineMs: number;
  readonly guardTimeoutMs: number;
  readonly random: Random;
}

/** Checks `options` and fills in the defaults. */
export function networkConfig(options: NetworkOptions): NetworkConfig {
  const transport = options.transport ?? "onion";
  if (transport !== "onion" && transport !== "direct") {
    throw new ValidationError('transport must be "onion" or "direct"', "bad_option", "transport");
  }
  const timeoutMs = options.timeoutMs ?? (transport === "onion" ? 15_000 : 10_000);
  const deadlineMs = options.deadlineMs ?? 4 * timeoutMs;
  const checked = [["timeoutMs", timeoutMs], ["attempts", options.attempts ?? 3], [
    "deadlineMs",
    deadlineMs,
  ]];
  for (const [field, value] of checked) {
    if (!Number.isInteger(value) || (value as number) < 1) {
      throw new ValidationError(`${field} must be a positive integer`, "bad_option", String(field));
    }
  }
  return {
    seeds: seedList(options),
    transport,
    encType: options.encType,
    timeoutMs,
    attempts: options.attempts ?? 3,
    deadlineMs,
    guardTimeoutMs: options.guardTimeoutMs ?? 10_000,
    random: options.random ?? Math.random,
  };
}

/** `network` wins, then `seeds`, then mainnet. */
function seedList(options: NetworkOptions): readonly SeedNode[] {
  const given = options.network !== undefined ? [options.network] : options.seeds;
  if (given === undefined) return MAINNET_SEEDS;
  if (given.length === 0) {
    throw new ValidationError("seeds must list at least one seed", "bad_option", "seeds");
  }
  return given.map((seed) => {
    const url = typeof seed === "string" ? seed : seed?.url;
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !["http:", "https:"].includes(parsed.protocol)) {
      throw new ValidationError(
        `a seed must be an http(s) URL, e.g. https://127.0.0.1:22000/json_rpc; got ${
          JSON.stringify(url)
        }`,
        "bad_option",
        options.network !== undefined ? "network" : "seeds",
      );
    }
    return typeof seed === "string" ? { url: seed } : seed;
  });
}
