/**
 * Outbox persistence: each send is one entry `["outbox", sid, seq]` holding the already
 * encrypted copies (recipient first, then our own swarm's), written with the `sent` record in
 * one commit. Encrypting once means a retry stores the same bytes, so the swarm answers
 * "already" instead of the recipient getting the message twice.
 *
 * @module
 */
import { deleteParts, joinText, PART_CHARS, setParts, splitText } from "./chunks.ts";
import { deadLetterOp } from "./dead_letters.ts";
import { keys } from "./keys.ts";
import type { TxOp } from "./tx.ts";

/** One encrypted copy to store. */
export interface Copy {
  /** Whose swarm stores it. */
  readonly to: string;
  /** base64 `data`. */
  readonly data: string;
  /** Its storage hash (computed locally). */
  readonly hash: string;
}

/** A send waiting in the outbox. */
export interface Job {
  readonly seq: number;
  /** What it is (`message`, `reaction`, `receipt`…), for logs and dead letters. */
  readonly kind: string;
  /** The recipient. */
  readonly to: string;
  /** Sent timestamp, ms. */
  readonly timestamp: number;
  /** Lifetime in the swarm, ms. */
  readonly ttl: number;
  readonly copies: readonly Copy[];
  /** Copies already stored, failed tries, last failure. */
  readonly stored: number;
  readonly attempts: number;
  readonly lastError?: string;
  readonly versionstamp?: string;
}

type StoredJob = Omit<Job, "seq" | "copies" | "versionstamp"> & {
  readonly data: string;
  readonly parts: number;
  readonly hashes: readonly string[];
  readonly recipients: readonly string[];
};

/** The KV side of the outbox of `sid`. */
export function createOutboxStore(kv: Deno.Kv, sid: string) {
  // Loaded once: concurrent first sends must not each read the same starting number.
  let first: Promise<number> | undefined;
  let nextSeq = 0;

  function pack(job: Job): { value: StoredJob; rest: string[] } {
    const { head, rest } = splitText(job.copies.map((c) => c.data).join("|"));
    const { seq: _s, copies, versionstamp: _v, ...fields } = job;
    const value = {
      ...fields,
      data: head,
      parts: rest.length,
      hashes: copies.map((c) => c.hash),
      recipients: copies.map((c) => c.to),
    };
    return { value, rest };
  }

  /**
   * Writes a new job and its `sent` record (plus `ops`, in the same commit); returns it with its
   * sequence number.
   */
  async function add(
    job: Omit<Job, "seq" | "stored" | "attempts">,
    ops: readonly TxOp[] = [],
  ): Promise<Job> {
    first ??= kv.get<Deno.KvU64>(keys.outboxSeq(sid)).then((e) =>
      nextSeq = Number(e.value?.value ?? 1n)
    );
    await first;
    const full: Job = { ...job, seq: nextSeq++, stored: 0, attempts: 0 };
    const { value, rest } = pack(full);
    const atomic = kv.atomic()
      .set(keys.outbox(sid, full.seq), value)
      .max(keys.outboxSeq(sid), BigInt(full.seq + 1))
      .set(keys.sent(sid, job.timestamp), {
        to: job.to,
        kind: job.kind,
        hash: job.copies[0].hash,
        syncHash: job.copies.find((c) => c.to === sid && job.to !== sid)?.hash,
      }, { expireIn: job.ttl + 86_400_000 });
    setParts(atomic, "outbox", sid, full.seq, rest);
    for (const op of ops) op(atomic); // e.g. `resend` removing the dead letter it re-queues
    const result = await atomic.commit();
    if (!result.ok) throw new Error("outbox write failed");
    return { ...full, versionstamp: result.versionstamp };
  }

  /** Every waiting job, in order. */
  async function list(): Promise<Job[]> {
    const jobs: Job[] = [];
    for await (const entry of kv.list<StoredJob>({ prefix: keys.outbox(sid) })) {
      const seq = entry.key[2] as number;
      const { data, parts, hashes, recipients, ...fields } = entry.value;
      const all = (await joinText(kv, "outbox", sid, seq, data, parts)).split("|");
      const copies = all.map((d, i) => ({ to: recipients[i], data: d, hash: hashes[i] }));
      jobs.push({ ...fields, seq, copies, versionstamp: entry.versionstamp });
    }
    return jobs;
  }

  /** Persists progress (stored copies, attempts); returns the new versionstamp. */
  async function update(job: Job): Promise<Job | null> {
    const { value } = pack(job);
    const key = keys.outbox(sid, job.seq);
    const result = await kv.atomic().check({ key, versionstamp: job.versionstamp ?? null })
      .set(key, value).commit();
    return result.ok ? { ...job, versionstamp: result.versionstamp } : null;
  }

  /** Removes a job that was stored, or moves it to the dead letters. */
  async function finish(job: Job, dead?: { code: string; reason: string }): Promise<void> {
    const atomic = kv.atomic().delete(keys.outbox(sid, job.seq));
    deleteParts(atomic, "outbox", sid, job.seq, pack(job).rest.length);
    if (dead) {
      // Kept for `resend`: the recipient's copy when it fits one value, ours when both do.
      const [first, own] = job.copies;
      const keep = first.data.length <= PART_CHARS;
      const both = keep && own?.to === sid && first.data.length + own.data.length <= PART_CHARS;
      deadLetterOp(sid, "out", String(job.seq), {
        ...dead,
        attempts: job.attempts,
        to: job.to,
        timestamp: job.timestamp,
        kind: job.kind,
        ttl: job.ttl,
        data: keep ? first.data : undefined,
        own: both ? own.data : undefined,
      })(atomic);
    }
    await atomic.commit();
  }

  return { add, list, update, finish };
}

/** The outbox store's type. */
export type OutboxStore = ReturnType<typeof createOutboxStore>;
