/**
 * What the runtime knows about each peer (extended.md §6): whether we accepted them, whether
 * they accepted us, the block list, their last profile and the conversation's disappearing
 * timer. Kept in memory and written to `["contact", sid, peer]` either with the commit that
 * removes the message that changed it, or at once for API calls.
 *
 * @module
 */
import type { ProfileInfo } from "./events.ts";
import { keys } from "./keys.ts";
import type { TxOp } from "./tx.ts";

/** Disappearing-messages setting of a conversation. */
export interface TimerSetting {
  /** Counted from sending, or from reading. */
  readonly mode: "afterSend" | "afterRead";
  /** Timer, seconds (0: off). */
  readonly seconds: number;
}

/** One peer. */
export interface Contact {
  /** The peer's Session ID. */
  readonly id: string;
  /** We accepted them (or wrote to them first). */
  readonly approved: boolean;
  /** They accepted us (a `MessageRequestResponse`, or a message to us). */
  readonly approvedMe: boolean;
  /** Their messages are dropped. */
  readonly blocked: boolean;
  /** When their pending message request arrived, ms; cleared by accept or decline. */
  readonly requestedAt?: number;
  /** Their last known profile. */
  readonly profile?: ProfileInfo;
  /** The conversation's disappearing timer, as the peer last set it. */
  readonly timer?: TimerSetting;
}

/** The contact store of one identity. */
export interface Contacts {
  /** The peer's record (a blank one for strangers). */
  get(peer: string): Promise<Contact>;
  /** Changes the cached record; returns the new one. Persist with `op` or `save`. */
  update(peer: string, change: Partial<Omit<Contact, "id">>): Contact;
  /** An op writing the cached record as it is at commit time. */
  op(peer: string): TxOp;
  /** A number that changes with every `update` of `peer` (to write only what changed). */
  revision(peer: string): number;
  /** Writes the cached record now. */
  save(peer: string): Promise<void>;
  /** Every stored record. */
  list(): Promise<Contact[]>;
}

/** Creates the contact store of `sid`. */
export function createContacts(kv: Deno.Kv, sid: string): Contacts {
  const cache = new Map<string, Contact>();
  const revisions = new Map<string, number>();
  const blank = (id: string): Contact => ({
    id,
    approved: false,
    approvedMe: false,
    blocked: false,
  });

  async function get(peer: string): Promise<Contact> {
    const cached = cache.get(peer);
    if (cached) return cached;
    const stored = (await kv.get<Contact>(keys.contact(sid, peer))).value;
    const contact = cache.get(peer) ?? stored ?? blank(peer);
    cache.set(peer, contact);
    return contact;
  }

  function update(peer: string, change: Partial<Omit<Contact, "id">>): Contact {
    const next = { ...(cache.get(peer) ?? blank(peer)), ...change, id: peer };
    cache.set(peer, next);
    revisions.set(peer, (revisions.get(peer) ?? 0) + 1);
    return next;
  }

  async function list(): Promise<Contact[]> {
    const found = new Map<string, Contact>();
    for await (const entry of kv.list<Contact>({ prefix: keys.contact(sid) })) {
      found.set(entry.value.id, entry.value);
    }
    for (const [id, contact] of cache) found.set(id, contact);
    return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  return {
    get,
    update,
    revision: (peer) => revisions.get(peer) ?? 0,
    op: (peer) => (a) => void a.set(keys.contact(sid, peer), cache.get(peer) ?? blank(peer)),
    save: async (peer) =>
      void await kv.set(keys.contact(sid, peer), cache.get(peer) ?? blank(peer)),
    list,
  };
}
