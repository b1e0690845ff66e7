/** Shared setup of the community e2e tests: a devnet with its lobby, and clients on it. */
import { Identity } from "../../../src/crypto/mod.ts";
import type { SessionClient, SessionEvent } from "../../../src/client/session/mod.ts";

/** Fast polls and retries for tests. */
export const FAST = {
  pollInterval: { min: 50, max: 200 },
  retry: { attempts: 3, backoffMs: [20, 40] },
  sendRetry: { attempts: 3, backoffMs: [50, 100] },
  networkOptions: {
    timeoutMs: 4000,
    guardTimeoutMs: 1000,
    seed: { timeoutMs: 2000, backoffMs: 50 },
  },
} as const;

/** Room poll interval for tests. */
export const ROOM_POLL = { min: 50, max: 150 } as const;

/** What a test gets; runs `fn` on a fresh devnet (with its lobby) and stops it all after. */
export type { Env } from "../session/_setup.ts";
export { withDevnet } from "../session/_setup.ts";

/** Records every event of `client` whose type starts with `community:` (and errors). */
export function record(client: SessionClient): SessionEvent[] {
  const seen: SessionEvent[] = [];
  client.on("*", (e) => void (e.type.startsWith("community:") && seen.push(e)));
  client.on("error", (e) => void seen.push(e));
  return seen;
}

/** Waits until `pick` finds something in `events` (checked every 20 ms), or fails after `ms`. */
export async function waitFor<T>(
  events: readonly SessionEvent[],
  pick: (e: SessionEvent) => T | undefined | false,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const e of events) {
      const found = pick(e);
      if (found) return found;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}; saw ${events.map((e) => e.type).join(", ")}`);
}

/** Deterministic identities. */
export function identity(byte: number): Identity {
  return Identity.fromSeed(new Uint8Array(16).fill(byte));
}
