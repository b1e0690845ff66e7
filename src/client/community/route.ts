/**
 * From a community inbox entry to events: decode (pure, in `prepareCommunity`) then drop
 * echoes of what this client itself sent (in `routeCommunity`, which reads KV). A post that
 * does not decode or verify is a typed error: the dispatcher dead-letters it and emits `error`.
 *
 * @module
 */
import { fromBase64 } from "../../core/bytes.ts";
import { SessionBotError, ValidationError } from "../../core/errors.ts";
import { unpadMessage } from "../../crypto/padding.ts";
import { type Content, decodeContent } from "../../proto/mod.ts";
import { attachmentInfo, type PendingEvent, profileInfo } from "../session/convert.ts";
import type { InboxEntry } from "../session/inbox.ts";
import type { Prepared } from "../session/prepare.ts";
import type { Routed } from "../session/route.ts";
import { decryptBlindedDm } from "./dm.ts";
import type { CommunityEventBase } from "./events.ts";
import { decodePost } from "./payload.ts";
import type { RawDm, RawEntry, RawRoomUpdate } from "./raw.ts";

/** A decoded community entry: its events, and the key marking our own send (if any). */
export interface CommunityDecoded {
  readonly sender: string;
  readonly timestamp: number;
  readonly events: PendingEvent[];
  /** Set when this is a post or DM this client sent: dropped as an echo if the key exists. */
  readonly echoKey?: Deno.KvKey;
}

/** What decoding needs: our identity's keys and the "is this us" rule per server. */
export interface DecodeContext {
  readonly sid: string;
  readonly seed: Uint8Array;
  readonly maxBytes: number;
  /** Whether `id` is us on the server with `publicKey`. */
  isMe(publicKey: string, id: string): boolean;
}

/** Echo marker of a post or DM this client sent. */
export function echoKey(sid: string, conversation: string, id: number): Deno.KvKey {
  return ["community_sent", sid, conversation, id];
}

/**
 * Decodes a community inbox entry into events (or a typed error).
 *
 * @example
 * ```ts
 * const prepared = prepareCommunity(context, entry);
 * if (prepared.error) console.log(prepared.error.code);
 * ```
 */
export function prepareCommunity(
  ctx: DecodeContext,
  entry: InboxEntry,
): Prepared<CommunityDecoded> {
  try {
    if (entry.data.length * 0.75 > ctx.maxBytes) {
      throw new ValidationError(`community update ${entry.hash} is too large`, "oversize", "data");
    }
    const raw = JSON.parse(entry.data) as RawEntry;
    const decoded = raw.kind === "dm" ? dmEvents(ctx, raw) : roomEvents(ctx, raw);
    const conversation = decoded.events[0]?.conversation ?? `${raw.ref.server}/${raw.ref.room}`;
    return { decoded, conversation };
  } catch (error) {
    if (error instanceof SessionBotError) return { error };
    return {
      error: new SessionBotError(
        `community update ${entry.hash} does not decode: ${error}`,
        "decode_failed",
        {
          cause: error,
        },
      ),
    };
  }
}

const ECHOED = new Set(["community:message", "community:dm"]);

/** The router of community entries: drops echoes of our own sends. */
export function createCommunityRouter(kv: Deno.Kv) {
  return async function routeCommunity(decoded: CommunityDecoded): Promise<Routed> {
    if (decoded.echoKey && (await kv.get(decoded.echoKey)).value !== null) {
      // Only the post or DM itself is our echo: reactions polled with it are news.
      const events = decoded.events.filter((e) => !ECHOED.has(e.type));
      const ops = [(a: Deno.AtomicOperation) => void a.delete(decoded.echoKey!)];
      return events.length > 0 ? { events, ops } : { events, ops, dropped: "own_echo" };
    }
    return { events: decoded.events, ops: [] };
  };
}

const int = (value: unknown, field: string): number => {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`the server sent a ${field} that is not an id`, "bad_update", field);
  }
  return value;
};

function roomEvents(ctx: DecodeContext, raw: RawRoomUpdate): CommunityDecoded {
  const { ref, message } = raw;
  const conversation = `${ref.server}/${ref.room}`;
  const messageId = int(message.id, "id");
  const seqno = int(message.seqno, "seqno");
  const sender = typeof message.session_id === "string" ? message.session_id : "";
  const posted = typeof message.posted === "number" ? Math.round(message.posted * 1000) : 0;
  const events: PendingEvent[] = [];
  const base = (id: string, from: string, timestamp: number): Omit<CommunityEventBase, "tx"> => ({
    id,
    identity: ctx.sid,
    from,
    conversation,
    timestamp,
    outgoing: from !== "" && ctx.isMe(ref.publicKey, from),
    room: ref,
  });
  let echo: Deno.KvKey | undefined;
  if (message.deleted === true) {
    events.push({
      ...base(`${conversation}/${messageId}/deleted`, sender, posted),
      type: "community:deletion",
      messageId,
    });
  } else if (typeof message.data === "string") {
    const content = decodePost(
      message.data,
      typeof message.signature === "string" ? message.signature : undefined,
      sender,
    );
    const edited = typeof message.edited === "number";
    const timestamp = content.sigTimestamp ?? posted;
    const id = edited
      ? `${conversation}/${messageId}/edit/${seqno}`
      : `${conversation}/${messageId}`;
    const dm = content.dataMessage;
    const profile = profileInfo(dm?.profile, dm?.profileKey);
    events.push({
      ...base(id, sender, timestamp),
      type: "community:message",
      messageId,
      seqno,
      ...(dm?.body !== undefined ? { body: dm.body } : {}),
      attachments: (dm?.attachments ?? []).map(attachmentInfo),
      ...(dm?.quote
        ? {
          quote: {
            id: dm.quote.id,
            author: dm.quote.author,
            ...(dm.quote.text ? { text: dm.quote.text } : {}),
          },
        }
        : {}),
      edited,
      whisper: message.whisper === true || message.whisper_mods === true ||
        typeof message.whisper_to === "string",
      ...(profile ? { profile } : {}),
    });
    if (!edited) echo = echoKey(ctx.sid, conversation, messageId);
  }
  for (const change of raw.reactions) {
    const from = change.by ?? "";
    events.push({
      ...base(
        `${conversation}/${messageId}/reaction/${seqno}/${change.emoji}`,
        from,
        posted || Date.now(),
      ),
      type: "community:reaction",
      messageId,
      emoji: change.emoji,
      count: change.count,
      reactors: change.reactors,
      removed: change.removed,
    });
  }
  return {
    sender,
    timestamp: posted,
    events,
    ...(echo ? { echoKey: echo } : {}),
  };
}

function dmEvents(ctx: DecodeContext, raw: RawDm): CommunityDecoded {
  const { ref, dm, box } = raw;
  const messageId = int(dm.id, "id");
  const sender = typeof dm.sender === "string" ? dm.sender : "";
  const recipient = typeof dm.recipient === "string" ? dm.recipient : "";
  const timestamp = typeof dm.posted_at === "number" ? Math.round(dm.posted_at * 1000) : 0;
  if (typeof dm.message !== "string") {
    throw new ValidationError(`DM ${messageId} has no message`, "bad_update", "message");
  }
  const opened = decryptBlindedDm(
    ctx.seed,
    ref.publicKey,
    fromBase64(dm.message),
    sender,
    recipient,
  );
  let content: Content;
  try {
    content = decodeContent(unpadMessage(opened.plaintext));
  } catch (cause) {
    throw new ValidationError(`DM ${messageId} is not a Session message`, "bad_post", "message", {
      cause,
    });
  }
  const peer = box === "inbox" ? sender : recipient;
  const conversation = `${ref.server}/dm/${peer}`;
  const data = content.dataMessage;
  return {
    sender,
    timestamp,
    events: data
      ? [{
        id: `${ref.server}/${box}/${messageId}`,
        identity: ctx.sid,
        from: sender,
        conversation,
        timestamp: content.sigTimestamp ?? timestamp,
        outgoing: box === "outbox",
        room: ref,
        type: "community:dm",
        messageId,
        sessionId: opened.sessionId,
        ...(data.body !== undefined ? { body: data.body } : {}),
        attachments: (data.attachments ?? []).map(attachmentInfo),
      }]
      : [],
    ...(box === "outbox" ? { echoKey: echoKey(ctx.sid, `${ref.server}/outbox`, messageId) } : {}),
  };
}
