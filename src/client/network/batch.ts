/**
 * `batch` and `sequence` (core §4.4.10): up to 20 sub-requests to one swarm in one round trip,
 * each with its own signature; `sequence` stops at the first failure.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { readBatch } from "./replies.ts";
import type { BatchItem, StorageRequest } from "./types.ts";

/** Most sub-requests a node takes in one batch. */
export const MAX_BATCH = 20;

/**
 * Wraps `requests` (all for one pubkey) into a `batch` (run in any order) or `sequence`.
 * When every sub-request answers 421 the whole batch is handled as a wrong swarm; when any
 * answers 406 the clock is resynced and the batch retried once.
 *
 * @example
 * ```ts
 * const results = await network.send(
 *   batchRequest("batch", [retrieveRequest(me, { namespace: 0 }), retrieveRequest(me, { namespace: 2 })]),
 * );
 * ```
 */
export function batchRequest(
  kind: "batch" | "sequence",
  requests: readonly StorageRequest[],
): StorageRequest<BatchItem[]> {
  if (!Array.isArray(requests) || requests.length < 1 || requests.length > MAX_BATCH) {
    throw new ValidationError(
      `a ${kind} takes 1 to ${MAX_BATCH} requests; split bigger ones`,
      "bad_batch",
      "requests",
    );
  }
  const pubkey = requests[0].pubkey;
  for (const request of requests) {
    if (["batch", "sequence", "ifelse"].includes(request.method)) {
      throw new ValidationError(
        `a ${kind} cannot contain a ${request.method}`,
        "bad_batch",
        "requests",
      );
    }
    if (request.pubkey !== pubkey) {
      throw new ValidationError(
        `every request in a ${kind} must address one swarm (${pubkey.slice(0, 8)}…)`,
        "bad_batch",
        "requests",
      );
    }
  }
  return {
    method: kind,
    pubkey,
    params: (now) => ({
      requests: requests.map((r) => ({ method: r.method, params: r.params(now) })),
    }),
    read: (body) => readBatch(body, requests.length),
    outcome(body) {
      let results: BatchItem[];
      try {
        results = readBatch(body, requests.length);
      } catch {
        return undefined; // read() reports it
      }
      if (results.length > 0 && results.every((r) => r.code === 421)) {
        return { status: 421, body: results[0].body };
      }
      const clock = results.find((r) => r.code === 406 || r.code === 425);
      return clock ? { status: 406, body: clock.body } : undefined;
    },
  };
}
