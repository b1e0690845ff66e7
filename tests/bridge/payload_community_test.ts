/**
 * Community events as `sessionbot.event/v1` payloads: room posts (with files), reactions,
 * deletions and blinded DMs; the event log registers room files and finds posts by id.
 */
import assert from "node:assert/strict";
import { createEventLog, EVENT_SCHEMA, toEventPayload } from "../../src/bridge/mod.ts";
import type {
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityMessageEvent,
  CommunityReactionEvent,
} from "../../src/client/community/mod.ts";
import type { AttachmentInfo, AttachmentPointer } from "../../src/client/session/mod.ts";
import { ME } from "./_events.ts";

const SERVER = "http://127.0.0.1:4000";
const ROOM = { server: SERVER, room: "lobby", publicKey: "c3".repeat(32) };
const CONVERSATION = `${SERVER}/lobby`;
const POSTER = "15" + "d4".repeat(32);
const tx = {} as CommunityMessageEvent["tx"];

const file: AttachmentInfo = {
  url: `${SERVER}/room/lobby/file/7`,
  contentType: "text/plain",
  fileName: "note.txt",
  size: 11,
  voice: false,
  pointer: {
    id: "7",
    url: `${SERVER}/room/lobby/file/7`,
    contentType: "text/plain",
  } as AttachmentPointer,
};

function post(messageId: number, attachments: AttachmentInfo[] = []): CommunityMessageEvent {
  return {
    type: "community:message",
    id: `${CONVERSATION}/${messageId}`,
    identity: ME,
    from: POSTER,
    conversation: CONVERSATION,
    timestamp: 1_764_163_200_123,
    outgoing: false,
    room: ROOM,
    messageId,
    seqno: 40 + messageId,
    body: `post ${messageId}`,
    attachments,
    quote: { id: 1_764_163_100_000, author: "15" + "e5".repeat(32), text: "earlier" },
    edited: false,
    whisper: false,
    profile: { displayName: "Alice", profileKey: new Uint8Array(32).fill(9) },
    tx,
  };
}

Deno.test("payload: a room post has from, conversation, body, files and data.room", () => {
  const payload = toEventPayload(post(12, [file]));
  const id = `${CONVERSATION}/12:community:message`;
  assert.equal(payload.schema, EVENT_SCHEMA);
  assert.equal(payload.id, id);
  assert.equal(payload.type, "community:message");
  assert.equal(payload.from, POSTER);
  assert.equal(payload.conversation, CONVERSATION);
  assert.equal(payload.timestamp, 1_764_163_200_123);
  assert.equal(payload.body, "post 12");
  assert.deepEqual(payload.attachments, [{
    id: `${id}.0`,
    contentType: "text/plain",
    fileName: "note.txt",
    size: 11,
    width: null,
    height: null,
    caption: null,
    voice: false,
    url: `/v1/attachments/${encodeURIComponent(`${id}.0`)}`,
  }]);
  assert.deepEqual(payload.data.room, ROOM);
  assert.equal(payload.data.messageId, 12);
  assert.equal(payload.data.seqno, 52);
  assert.deepEqual(payload.data.quote, {
    id: 1_764_163_100_000,
    author: "15" + "e5".repeat(32),
    text: "earlier",
  });
  assert.deepEqual(payload.data.profile, { displayName: "Alice" }, "no profile key");
  assert.equal(JSON.stringify(payload).includes("pointer"), false);
  assert.equal(payload.data.tx, undefined);
});

Deno.test("payload: reactions, deletions and blinded DMs carry room and messageId", () => {
  const base = {
    identity: ME,
    from: POSTER,
    conversation: CONVERSATION,
    timestamp: 1_764_163_200_500,
    outgoing: false,
    room: ROOM,
    tx,
  };
  const reaction: CommunityReactionEvent = {
    ...base,
    type: "community:reaction",
    id: `${CONVERSATION}/12/reaction/53/👍`,
    messageId: 12,
    emoji: "👍",
    count: 2,
    reactors: [POSTER],
    removed: false,
  };
  const r = toEventPayload(reaction);
  assert.deepEqual(
    [r.type, r.body, r.attachments, r.data.messageId, r.data.emoji, r.data.count],
    ["community:reaction", null, [], 12, "👍", 2],
  );
  assert.deepEqual(r.data.room, ROOM);

  const deletion: CommunityDeletionEvent = {
    ...base,
    type: "community:deletion",
    id: `${CONVERSATION}/12/deleted`,
    messageId: 12,
  };
  const d = toEventPayload(deletion);
  assert.deepEqual([d.type, d.data.messageId, d.conversation], [
    "community:deletion",
    12,
    CONVERSATION,
  ]);

  const dm: CommunityDmEvent = {
    ...base,
    type: "community:dm",
    id: `${SERVER}/inbox/3`,
    conversation: `${SERVER}/dm/${POSTER}`,
    messageId: 3,
    sessionId: "05" + "f6".repeat(32),
    body: "psst",
    attachments: [],
  };
  const m = toEventPayload(dm);
  assert.deepEqual([m.body, m.conversation, m.data.messageId, m.data.sessionId], [
    "psst",
    `${SERVER}/dm/${POSTER}`,
    3,
    "05" + "f6".repeat(32),
  ]);
});

Deno.test("event log: room files are registered; posts are found by id", async () => {
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv);
  const { payload } = await log.append(post(12, [file]));
  const stored = await log.attachment(payload.attachments[0].id);
  assert.equal(stored?.url, `${SERVER}/room/lobby/file/7`);
  assert.equal(stored?.fileName, "note.txt");
  const found = await log.get(`${CONVERSATION}/12:community:message`);
  assert.deepEqual(found, payload);
  assert.equal(await log.get(`${CONVERSATION}/13:community:message`), undefined);
  assert.equal(await log.get(""), undefined);
});
