/**
 * What to do with one claimed delivery: drop it (endpoint removed or disabled), refuse it
 * (the SSRF guard, checked again before every attempt), or attempt it — connected to the
 * address the guard checked — and turn the HTTP outcome into a verdict for `settle`.
 *
 * @module
 */
import { attemptDelivery } from "./attempt.ts";
import type { Verdict } from "./settle.ts";
import type { PinnedLease, PinnedPool } from "./pinned.ts";
import { assertPublicTarget, type ResolveHost } from "./ssrf.ts";
import type { StoredDelivery } from "./store.ts";
import type { WebhookEndpoint } from "./types.ts";

/** What deciding needs. */
export interface DecideDeps {
  readonly fetch: typeof fetch;
  readonly resolveHost: ResolveHost;
  readonly now: () => number;
  /** Pinned clients for guarded endpoints, reused across attempts. */
  readonly pins: PinnedPool;
}

/** One claimed delivery, as read. */
export interface Claimed {
  readonly record: StoredDelivery;
  readonly body: string | undefined;
  /** The endpoint as it is now (undefined: removed). */
  readonly endpoint: WebhookEndpoint | undefined;
  /** Aborted when the worker stops. */
  readonly signal: AbortSignal;
}

/**
 * Decides (and, when it comes to that, makes) the attempt of a claimed delivery.
 *
 * @example
 * ```ts
 * declare const deps: DecideDeps;
 * declare const claimed: Claimed;
 * const verdict = await decide(deps, claimed); // { kind: "delivered", status: 200 }, …
 * ```
 */
export async function decide(deps: DecideDeps, claimed: Claimed): Promise<Verdict> {
  const { record, body, endpoint } = claimed;
  if (!endpoint) return { kind: "dropped", error: "endpoint removed" };
  if (!endpoint.enabled) {
    const why = endpoint.disabledReason ? `: ${endpoint.disabledReason}` : "";
    return { kind: "dropped", error: `endpoint disabled${why}` };
  }
  if (body === undefined) return { kind: "dropped", error: "payload missing from the store" };
  let pinned: PinnedLease | undefined;
  if (!endpoint.allowPrivate) {
    const url = new URL(endpoint.url);
    try {
      const [address] = await assertPublicTarget(url, deps.resolveHost);
      // Connect to the address just checked, not to a fresh resolution (DNS rebinding).
      pinned = deps.pins.acquire(url, address, deps.fetch);
    } catch (error) {
      return { kind: "failed", error: error instanceof Error ? error.message : String(error) };
    }
  }
  const outcome = await attemptDelivery(pinned?.fetch ?? deps.fetch, {
    url: endpoint.url,
    secret: endpoint.secret,
    messageId: record.messageId,
    deliveryId: record.id,
    type: record.type,
    attempt: record.attempts + 1,
    body,
    timeoutMs: endpoint.timeoutMs,
    signal: claimed.signal,
  }, deps.now()).finally(() => pinned?.release());
  switch (outcome.kind) {
    case "aborted":
      return { kind: "release" };
    case "gone":
      return {
        kind: "gone",
        status: 410,
        reason: `the receiver answered 410 Gone at ${new Date(deps.now()).toISOString()}`,
      };
    default:
      return outcome;
  }
}
