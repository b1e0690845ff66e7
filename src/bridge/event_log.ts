/**
 * `createEventLog`: every event a client received, kept in Deno KV under monotonic cursors, so
 * API callers can page through them (`since`) or follow them live (`subscribe`) and resume
 * exactly where they stopped.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { AttachmentInfo, SessionEvent } from "../client/session/mod.ts";
import { formatCursor, parseCursor, START_CURSOR } from "./cursor.ts";
import type {
  EventLog,
  EventLogOptions,
  EventPage,
  EventPayload,
  LoggedEvent,
  SinceOptions,
  StoredEntry,
} from "./event_log_types.ts";
import { DEFAULT_PREFIX, type LogKeys, logKeys } from "./keys.ts";
import { notifierFor } from "./notifier.ts";
import { eventAttachments, toEventPayload } from "./payload.ts";
import { subscription } from "./subscription.ts";

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * Opens the event log kept in `kv`.
 *
 * @example
 * ```ts
 * import { createEventLog, recordEvents } from "./mod.ts";
 * import { SessionClient } from "../client/session/mod.ts";
 *
 * const kv = await Deno.openKv("./bot.kv");
 * const client = await SessionClient.open({ kv, identityName: "default" });
 * const log = createEventLog(kv, { retentionMs: 3 * 86_400_000 });
 * recordEvents(client, log);
 * await client.start();
 * const { events, next } = await log.since("0", { types: ["message"] });
 * console.log(events.length, next);
 * ```
 */
export function createEventLog(kv: Deno.Kv, options: EventLogOptions = {}): EventLog {
  const retentionMs = checkPositive(options.retentionMs ?? 7 * DAY_MS, "retentionMs");
  const pollMs = checkPositive(options.pollMs ?? 1000, "pollMs");
  const keys = logKeys(options.prefix ?? DEFAULT_PREFIX);
  const notifier = notifierFor(kv);
  // Appends of this process go one at a time: no commit races with itself.
  let appending: Promise<unknown> = Promise.resolve();

  function append(event: SessionEvent): Promise<LoggedEvent> {
    const run = appending.then(() => write(event));
    appending = run.catch(() => {});
    return run;
  }

  async function write(event: SessionEvent): Promise<LoggedEvent> {
    const payload = toEventPayload(event, options.attachmentUrl);
    for (;;) {
      const [seqEntry, idEntry] = await kv.getMany<[Deno.KvU64, bigint]>([
        keys.seq,
        keys.byId(payload.id),
      ]);
      if (idEntry.value !== null) {
        // Logged before (a redelivery): keep the first cursor, hand out what was stored.
        const stored = await kv.get<StoredEntry>(keys.entry(idEntry.value));
        return { cursor: formatCursor(idEntry.value), payload: stored.value?.payload ?? payload };
      }
      const seq = (seqEntry.value?.value ?? 0n) + 1n;
      const expireIn = retentionMs;
      const op = kv.atomic()
        .check(seqEntry, idEntry)
        .set(keys.seq, new Deno.KvU64(seq))
        .set(keys.entry(seq), { payload } satisfies StoredEntry, { expireIn })
        .set(keys.byId(payload.id), seq, { expireIn });
      registerAttachments(op, keys, event, payload.id, expireIn);
      if ((await op.commit()).ok) {
        notifier.notify();
        return { cursor: formatCursor(seq), payload };
      }
    }
  }

  async function since(cursor?: string, sinceOptions: SinceOptions = {}): Promise<EventPage> {
    const after = cursor === undefined ? 0n : parseCursor(cursor);
    const limit = checkLimit(sinceOptions.limit);
    const types = sinceOptions.types?.length ? new Set(sinceOptions.types) : undefined;
    const events: LoggedEvent[] = [];
    // With a type filter, scan a bounded stretch so one call never reads the whole log.
    const scanMax = types ? limit * 10 : limit;
    let scanned = 0;
    let last: bigint | undefined;
    let more = false;
    const entries = kv.list<StoredEntry>(
      { prefix: keys.log, start: keys.entry(after + 1n) },
      { limit: scanMax + 1, batchSize: Math.min(scanMax + 1, 500) },
    );
    for await (const entry of entries) {
      if (scanned === scanMax || events.length === limit) {
        more = true;
        break;
      }
      scanned++;
      const seq = entry.key.at(-1) as bigint;
      last = seq;
      if (!types || types.has(entry.value.payload.type)) {
        events.push({ cursor: formatCursor(seq), payload: entry.value.payload });
      }
    }
    const next = last !== undefined
      ? formatCursor(last)
      : cursor !== undefined
      ? formatCursor(after)
      : (await headSeq()) > 0n
      ? START_CURSOR
      : null;
    return { events, next, more };
  }

  async function headSeq(): Promise<bigint> {
    return (await kv.get<Deno.KvU64>(keys.seq)).value?.value ?? 0n;
  }

  async function head(): Promise<string> {
    return formatCursor(await headSeq());
  }

  async function attachment(id: string): Promise<AttachmentInfo | undefined> {
    if (typeof id !== "string" || id === "" || id.length > 300) return undefined;
    return (await kv.get<AttachmentInfo>(keys.attachment(id))).value ?? undefined;
  }

  async function get(id: string): Promise<EventPayload | undefined> {
    if (typeof id !== "string" || id === "" || id.length > 2000) return undefined;
    const seq = (await kv.get<bigint>(keys.byId(id))).value;
    if (seq === null) return undefined;
    return (await kv.get<StoredEntry>(keys.entry(seq))).value?.payload;
  }

  const subscribe = subscription({ since, head, notifier, pollMs });

  return { append, since, subscribe, attachment, get, head };
}

function registerAttachments(
  op: Deno.AtomicOperation,
  keys: LogKeys,
  event: SessionEvent,
  id: string,
  expireIn: number,
): void {
  eventAttachments(event).forEach((info, index) => {
    op.set(keys.attachment(`${id}.${index}`), info, { expireIn });
  });
}

function checkPositive(value: number, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${field} must be a positive number of ms`, "bad_option", field);
  }
  return value;
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError(
      `limit must be a whole number from 1 to ${MAX_LIMIT}`,
      "invalid_limit",
      "limit",
    );
  }
  return limit;
}
