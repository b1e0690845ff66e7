/**
 * From a decoded message to the events handlers see: drop echoes of our own sends, blocked
 * senders and expired messages; refuse replays; apply the message-request rules; remember
 * the message by (author, timestamp) for replies, unsend and read-timers.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import type { DecodedMessage } from "../codec/mod.ts";
import type { Contacts } from "./contacts.ts";
import { type Base, controlEvent, expirationOf, type PendingEvent } from "./convert.ts";
import { keys } from "./keys.ts";
import { conversationOf } from "./prepare.ts";
import { dataEvents } from "./route_data.ts";
import { type MessageRefRecord, REF_TTL_MS, type Refs } from "./refs.ts";
import type { TxOp } from "./tx.ts";

/** The outcome of routing one message. */
export interface Routed {
  /** Events to hand to handlers, in order. */
  readonly events: PendingEvent[];
  /** Ops to commit with the message's removal. */
  readonly ops: TxOp[];
  /** Why nothing is delivered, when a message is dropped on purpose. */
  readonly dropped?: "own_echo" | "blocked" | "expired" | "unsupported";
  /** A bad message (a replay): surfaced as an error event. */
  readonly error?: SessionBotError;
}

/** Creates the router of `sid`. */
export function createRouter(kv: Deno.Kv, sid: string, contacts: Contacts, refs: Refs) {
  return async function route(decoded: DecodedMessage, hash: string): Promise<Routed> {
    const { sender, timestamp, content } = decoded;
    const outgoing = sender === sid;
    const conversation = conversationOf(sid, decoded);
    if (outgoing && (await kv.get(keys.sent(sid, timestamp))).value) {
      return { events: [], ops: [], dropped: "own_echo" };
    }
    // Messages of one sender are routed one after another (one conversation chain), so the
    // in-memory ref catches a replay whose original's commit is still on its way.
    const known = await refs.claim(sender, timestamp, hash);
    if (known !== undefined && known !== hash) {
      const error = new SessionBotError(
        `a second message from ${sender.slice(0, 10)}… claims sent time ${timestamp}: dropped ` +
          "as a replay (the first one was delivered)",
        "replayed",
      );
      return { events: [], ops: [], error };
    }
    const expiration = expirationOf(content, timestamp);
    const ops: TxOp[] = [(a) =>
      void a.set(keys.ref(sid, sender, timestamp), {
        hash,
        ...(expiration ? { mode: expiration.mode, seconds: expiration.seconds } : {}),
      }, { expireIn: REF_TTL_MS })];
    if (!outgoing && (await contacts.get(sender)).blocked) {
      return { events: [], ops, dropped: "blocked" };
    }
    if (expiration?.expiresAt !== undefined && expiration.expiresAt <= Date.now()) {
      return { events: [], ops, dropped: "expired" };
    }
    if (expiration?.expiresAt !== undefined) {
      ops.push((a) => void a.set(keys.expiry(sid, expiration.expiresAt, hash), hash));
    }
    const base: Base = { id: hash, identity: sid, from: sender, conversation, timestamp, outgoing };
    const revision = contacts.revision(conversation);
    const events = content.dataMessage || content.messageRequestResponse
      ? await dataEvents(base, decoded, contacts, expiration)
      : [controlEvent(base, content)].filter((e) => e !== undefined);
    const unsend = content.unsendRequest;
    if (unsend) {
      // Only the author may delete a message; our copy of it leaves our swarm too.
      if (unsend.author !== sender) return { events: [], ops, dropped: "unsupported" };
      const target = await kv.get<MessageRefRecord>(keys.ref(sid, unsend.author, unsend.timestamp));
      if (target.value) {
        ops.push((a) => void a.set(keys.expiry(sid, 0, target.value!.hash), target.value!.hash));
      }
    }
    if (contacts.revision(conversation) !== revision) ops.push(contacts.op(conversation));
    return events.length > 0 ? { events, ops } : { events, ops, dropped: "unsupported" };
  };
}

/** The router's function type. */
export type Router = ReturnType<typeof createRouter>;
