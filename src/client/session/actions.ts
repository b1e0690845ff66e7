/**
 * What a client sends: visible messages (text, reply, attachments, disappearing timer),
 * reactions, read receipts, typing, unsend and request responses, each composed and queued in
 * the outbox. Sending to a peer whose request is pending accepts it first, as desktop does.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { isSessionId } from "../../crypto/ids.ts";
import { DEFAULT_TTL_MS } from "../network/mod.ts";
import type { MessageRef } from "./events.ts";
import type { AttachmentSource } from "./features/attachments.ts";
import {
  reactionContent,
  receiptContent,
  requestResponseContent,
  TYPING_TTL_MS,
  typingContent,
  unsendContent,
} from "./features/control.ts";
import { checkTimer, expirationFields } from "./features/expiration.ts";
import { checkMessage, checkRef, messageData, type QuoteInput } from "./features/message.ts";
import { dropOwnCopy, startReadTimers } from "./effects.ts";
import type { Outbox, SendResult } from "./outbox.ts";
import type { Runtime } from "./runtime.ts";

/** What `send` takes besides plain text. */
export interface SendInput {
  /** Text. */
  readonly body?: string;
  /** Files (bytes, ≤ 10 MB each, uploaded first) or already uploaded pointers. */
  readonly attachments?: readonly AttachmentSource[];
  /** The message this one replies to. */
  readonly quote?: QuoteInput;
  /** Disappearing timer, seconds (0: off; default: the conversation's). */
  readonly expiresInSeconds?: number;
  /** Counted from sending (default) or from reading. */
  readonly expirationMode?: "afterSend" | "afterRead";
}

/** Creates the send-side operations on `rt` and its outbox. */
export function createActions(rt: Runtime, outbox: () => Outbox, activity: () => void) {
  const { sid, contacts } = rt;

  async function resolve(name: string): Promise<string> {
    // Loaded on first use: an idle bot never pays for the ONS code.
    const { resolveOnsName } = await import("../ons/mod.ts");
    return await resolveOnsName(rt.network, name);
  }

  async function recipient(to: string): Promise<string> {
    if (typeof to !== "string" || to === "") {
      throw new ValidationError(
        "`to` must be a Session ID (05…) or an ONS name",
        "invalid_recipient",
        "to",
      );
    }
    return isSessionId(to) ? to.toLowerCase() : await resolve(to);
  }

  // Calls for one recipient are queued in call order, so their timestamps and the outbox
  // follow the order the caller sent them in, even when the caller does not await each one.
  const admissions = new Map<string, Promise<unknown>>();
  async function inOrder(key: string, prepare: () => Promise<{ stored: Promise<SendResult> }>) {
    const run = (admissions.get(key) ?? Promise.resolve()).then(prepare, prepare);
    const tail = run.catch(() => {});
    admissions.set(key, tail);
    tail.then(() => admissions.get(key) === tail && admissions.delete(key));
    return await (await run).stored;
  }

  function enqueue(
    to: string,
    content: Parameters<Runtime["compose"]>[1],
    kind: string,
    own: "sync" | "copy" | "none",
    ttl = DEFAULT_TTL_MS,
  ) {
    activity();
    return outbox().enqueue(rt.compose(to, content, { kind, ttl, own }));
  }

  /** Sends a content to `to` (a Session ID or an ONS name) in call order. */
  function queue(
    to: string,
    build: (id: string) => Parameters<Runtime["compose"]>[1],
    kind: string,
    own: "sync" | "copy" | "none",
    ttl = DEFAULT_TTL_MS,
  ): Promise<SendResult> {
    return inOrder(String(to).toLowerCase(), async () => {
      const id = await recipient(to);
      return await enqueue(id, build(id), kind, own, ttl);
    });
  }

  async function approve(id: string) {
    await contacts.get(id);
    contacts.update(id, { approved: true, requestedAt: undefined, blocked: false });
    await contacts.save(id);
    return await enqueue(id, requestResponseContent(rt.profile), "requestResponse", "none");
  }

  function acceptRequest(peer: string): Promise<SendResult> {
    return inOrder(String(peer).toLowerCase(), async () => approve(await recipient(peer)));
  }

  function send(to: string, input: string | SendInput): Promise<SendResult> {
    const message: SendInput = typeof input === "string" ? { body: input } : input ?? {};
    return inOrder(String(to).toLowerCase(), async () => {
      const id = await recipient(to);
      const contact = await contacts.get(id);
      const timer = checkTimer(message.expiresInSeconds, message.expirationMode) ?? contact.timer;
      // Validate everything cheap before uploading anything.
      checkMessage(message.body, (message.attachments?.length ?? 0) > 0);
      if (message.quote) checkRef(message.quote, "quote");
      const attachments = message.attachments !== undefined
        ? await (await import("./features/attachments.ts")).uploadAttachments(
          rt.files,
          message.attachments,
        )
        : [];
      const dataMessage = messageData({ ...message, attachments }, rt.profile);
      if (id !== sid && !contact.approved) {
        // Writing to someone whose request is pending accepts it first, as desktop does.
        if (contact.requestedAt !== undefined) await approve(id);
        else {
          contacts.update(id, { approved: true });
          await contacts.save(id);
        }
      }
      const { fields, ttl } = expirationFields(timer);
      return await enqueue(id, { dataMessage, ...fields }, "message", "sync", ttl);
    });
  }

  return {
    send,
    resolve,
    acceptRequest,
    react: (to: string, target: MessageRef, emoji: string, remove = false) =>
      queue(to, () => reactionContent(target, emoji, remove), "reaction", "sync"),
    markRead: async (from: string, timestamps: readonly number[]) => {
      const result = await queue(from, () => receiptContent(timestamps), "receipt", "none");
      await startReadTimers(rt, await recipient(from), timestamps);
      return result;
    },
    typing: (to: string, on = true) =>
      queue(to, () => typingContent(on, rt.network.now()), "typing", "none", TYPING_TTL_MS),
    unsend: async (to: string, message: { readonly timestamp: number }) => {
      const result = await queue(to, () => unsendContent(sid, message.timestamp), "unsend", "copy");
      await dropOwnCopy(rt, message.timestamp);
      return result;
    },
  };
}

/** The operations' type. */
export type Actions = ReturnType<typeof createActions>;
