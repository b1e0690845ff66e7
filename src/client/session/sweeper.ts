/**
 * Honouring disappearing timers and unsend on our side: copies in our swarm whose timer ran
 * out (or whose author took them back) are deleted from the swarm, so a later device or a
 * restart with `history` never sees them. Runs after each poll round; failures are retried
 * the next round.
 *
 * @module
 */
import type { Identity } from "../../crypto/identity.ts";
import type { Network } from "../network/mod.ts";
import { keys } from "./keys.ts";

/** Deletes the due copies; returns how many. */
export async function sweep(
  kv: Deno.Kv,
  identity: Identity,
  network: Pick<Network, "deleteMessages">,
): Promise<number> {
  const sid = identity.sessionId;
  const due: Deno.KvKey[] = [];
  const hashes: string[] = [];
  const iter = kv.list<string>(
    { start: keys.expiry(sid, 0), end: keys.expiry(sid, Date.now() + 1) },
    { limit: 100 },
  );
  for await (const entry of iter) {
    due.push(entry.key);
    hashes.push(entry.value);
  }
  if (hashes.length === 0) return 0;
  await network.deleteMessages(identity, hashes);
  const atomic = kv.atomic();
  for (const key of due) atomic.delete(key);
  await atomic.commit();
  return hashes.length;
}
