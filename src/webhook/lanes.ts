/**
 * Lane heads: one delivery per (endpoint, conversation) is worked on at a time. A kick says
 * "this lane got something new"; if the lane has no head, its first delivery becomes the head
 * and is due now. (Finishing a head promotes the next one directly, in `settle`.)
 *
 * @module
 */
import { keys } from "./keys.ts";
import type { Lease } from "./settle.ts";

/**
 * Handles up to `batch` kicks: promotes lane heads where there are none.
 *
 * @example
 * ```ts
 * const kv = await Deno.openKv(":memory:");
 * await promoteKicked(kv, Date.now, 1000);
 * kv.close();
 * ```
 */
export async function promoteKicked(
  kv: Deno.Kv,
  now: () => number,
  batch: number,
): Promise<void> {
  for await (const kick of kv.list({ prefix: keys.kicks() }, { limit: batch })) {
    const [, , endpointId, lane] = kick.key as [string, string, string, string];
    const head = await kv.get(keys.head(endpointId, lane));
    const atomic = kv.atomic().check(kick).delete(kick.key);
    if (head.versionstamp === null) {
      const first = kv.list<string>({ prefix: keys.laneOf(endpointId, lane) }, { limit: 1 });
      for await (const entry of first) {
        atomic.check(head).set(head.key, entry.value)
          .set(keys.due(now(), entry.value), { endpointId, lane } satisfies Lease["value"]);
      }
    }
    await atomic.commit(); // a failed check means it changed: the next round looks again
  }
}
