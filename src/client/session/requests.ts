/**
 * Message requests and the block list (extended.md §6): decline forgets a pending request
 * (nothing is sent; the next message opens a new one), block drops everything the peer sends,
 * and the lists of pending requests and blocked peers.
 *
 * @module
 */
import { assertSessionId } from "../../crypto/ids.ts";
import type { Contact, Contacts } from "./contacts.ts";

/** Creates the request and block-list operations on `contacts`. */
export function createRequests(contacts: Contacts) {
  async function change(peer: string, change: Partial<Omit<Contact, "id">>): Promise<Contact> {
    const id = assertSessionId(peer, "peer").toLowerCase();
    await contacts.get(id);
    const next = contacts.update(id, change);
    await contacts.save(id);
    return next;
  }

  return {
    /** Forgets `peer`'s pending request without telling them. */
    declineRequest: (peer: string) => change(peer, { requestedAt: undefined, approved: false }),
    /** Drops everything `peer` sends from now on. */
    block: (peer: string) => change(peer, { blocked: true, requestedAt: undefined }),
    /** Takes `peer` off the block list. */
    unblock: (peer: string) => change(peer, { blocked: false }),
    /** Pending requests, oldest first. */
    async requests(): Promise<Contact[]> {
      const all = await contacts.list();
      return all.filter((c) => c.requestedAt !== undefined && !c.approved && !c.blocked)
        .sort((a, b) => a.requestedAt! - b.requestedAt!);
    },
    /** Blocked peers. */
    async blocked(): Promise<string[]> {
      return (await contacts.list()).filter((c) => c.blocked).map((c) => c.id);
    },
    /** What is known about `peer`. */
    contact: (peer: string) => contacts.get(assertSessionId(peer, "peer").toLowerCase()),
  };
}
