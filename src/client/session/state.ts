/**
 * The poll state of one identity: the next inbox sequence number, the node it polls (cursors
 * are per node, core §2.9) and whether the first-start baseline is done. Every intake commit
 * checks its versionstamp, so two pollers sharing one KV cannot both move it.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import { keys } from "./keys.ts";

/** What is stored under `["poll", sid]`. */
export interface PollState {
  /** The sequence number the next inbox entry gets. */
  readonly seq: number;
  /** The node whose cursor we follow. */
  readonly node?: string;
  /** True once history was skipped (or delivered) on the first start. */
  readonly baselined: boolean;
}

/** The state with the versionstamp to check. */
export interface VersionedState {
  readonly value: PollState;
  readonly versionstamp: string | null;
}

/** Reads the poll state (a fresh one when there is none). */
export async function loadState(kv: Deno.Kv, sid: string): Promise<VersionedState> {
  const entry = await kv.get<PollState>(keys.poll(sid));
  return { value: entry.value ?? { seq: 1, baselined: false }, versionstamp: entry.versionstamp };
}

/** The cursor of `node` (undefined: none yet). */
export async function loadCursor(
  kv: Deno.Kv,
  sid: string,
  node: string | undefined,
): Promise<string | undefined> {
  if (!node) return undefined;
  return (await kv.get<string>(keys.cursor(sid, node))).value ?? undefined;
}

/** Another poller moved the state under us. */
export function conflict(sid: string): SessionBotError {
  return new SessionBotError(
    `another process polls ${sid.slice(0, 10)}… with the same KV store: run one poller per ` +
      "identity and store (a second device needs its own KV file)",
    "poll_conflict",
  );
}
