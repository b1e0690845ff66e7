/**
 * Swarm side effects of `markRead` and `unsend`: after-read timers start when we read (the
 * copies in our swarm are shortened to the timer and swept when it runs out), and an unsent
 * message's sync copy leaves our swarm. Both are scheduled in KV first, so a failed network
 * call is retried by the sweeper.
 *
 * @module
 */
import { keys } from "./keys.ts";
import type { MessageRefRecord } from "./refs.ts";
import type { Runtime } from "./runtime.ts";
import { sweep } from "./sweeper.ts";

/** Starts the after-read timers of the messages from `from` sent at `timestamps`. */
export async function startReadTimers(
  rt: Runtime,
  from: string,
  timestamps: readonly number[],
): Promise<void> {
  const refs = await Promise.all(
    timestamps.map((t) => rt.kv.get<MessageRefRecord>(keys.ref(rt.sid, from, t))),
  );
  const now = Date.now();
  const atomic = rt.kv.atomic();
  const byExpiry = new Map<number, string[]>();
  for (const { value } of refs) {
    if (value?.mode !== "afterRead" || !value.seconds) continue;
    const at = now + value.seconds * 1000;
    atomic.set(keys.expiry(rt.sid, at, value.hash), value.hash);
    byExpiry.set(at, [...byExpiry.get(at) ?? [], value.hash]);
  }
  if (byExpiry.size === 0) return;
  await atomic.commit();
  for (const [expiry, hashes] of byExpiry) {
    await rt.network.expire(rt.identity, { hashes, expiry, mode: "shorten" }).catch(() => {});
  }
}

/** Deletes the copy of our message sent at `timestamp` from our own swarm. */
export async function dropOwnCopy(rt: Runtime, timestamp: number): Promise<void> {
  const [sent, ref] = await Promise.all([
    rt.kv.get<{ syncHash?: string }>(keys.sent(rt.sid, timestamp)),
    rt.kv.get<MessageRefRecord>(keys.ref(rt.sid, rt.sid, timestamp)),
  ]);
  const hash = sent.value?.syncHash ?? ref.value?.hash;
  if (!hash) return;
  await rt.kv.set(keys.expiry(rt.sid, 0, hash), hash);
  await sweep(rt.kv, rt.identity, rt.network).catch(() => {});
}
