/**
 * Stand-ins for dispatch-level community tests: a room handle that records what the bot does,
 * a client carrying it, and community event builders. The devnet tests use the real thing.
 */
import type {
  BotEvent,
  Community,
  CommunityDmEvent,
  CommunityMessageEvent,
  CommunityReactionEvent,
  PostInput,
  RoomInfo,
} from "../../src/bot/mod.ts";
import { blind15Ids, Identity } from "../../src/crypto/mod.ts";
import { FakeClient, nextId, noTx } from "./_helpers.ts";

/** Real keys (fixed seeds): blinding needs Session IDs that are points on the curve. */
export const ME = Identity.fromSeed("0c".repeat(32)).sessionId;
export const ALICE = Identity.fromSeed("0a".repeat(32)).sessionId;
export const BOB = Identity.fromSeed("0b".repeat(32)).sessionId;

/** A server key and room for the stand-ins. */
export const SERVER = "http://127.0.0.1:39999";
export const SERVER_KEY = "7f".repeat(32);
export const ROOM = { server: SERVER, room: "lobby", publicKey: SERVER_KEY } as const;
export const ROOM_CHAT = `${SERVER}/lobby`;

/** Blinded IDs of the bot (the sign-flipped candidate: the abs rule must catch it) and peers. */
export const ME_BLINDED = blind15Ids(ME, SERVER_KEY)[1];
export const ALICE_BLINDED = blind15Ids(ALICE, SERVER_KEY)[0];
export const BOB_BLINDED = blind15Ids(BOB, SERVER_KEY)[0];

/** One recorded call on the room handle. */
export interface RoomCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** A room handle recording every call; `fail` makes the named methods reject. */
export class FakeCommunity implements Community {
  readonly server = SERVER;
  readonly room = "lobby";
  readonly publicKey = SERVER_KEY;
  readonly link = `${SERVER}/lobby?public_key=${SERVER_KEY}`;
  readonly me = ME_BLINDED;
  readonly calls: RoomCall[] = [];
  readonly fail = new Set<string>();
  #ids = 100;

  #record(method: string, ...args: unknown[]): Promise<void> {
    if (this.fail.has(method)) return Promise.reject(new Error(`${method} refused (403)`));
    this.calls.push({ method, args });
    return Promise.resolve();
  }
  /** Calls of `method`, their arguments. */
  of(method: string): (readonly unknown[])[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }
  /** Bodies posted, in order. */
  posts(): string[] {
    return this.of("post").map(([input]) =>
      typeof input === "string" ? input : (input as PostInput).body ?? ""
    );
  }
  info(): Promise<RoomInfo> {
    return Promise.resolve({ token: "lobby", name: "Lobby" } as RoomInfo);
  }
  details(): RoomInfo | undefined {
    return undefined;
  }
  async post(input: string | PostInput) {
    await this.#record("post", input);
    return { id: ++this.#ids, seqno: this.#ids, posted: 1_700_000_000_000 };
  }
  react(messageId: number, emoji: string) {
    return this.#record("react", messageId, emoji);
  }
  unreact(messageId: number, emoji: string) {
    return this.#record("unreact", messageId, emoji);
  }
  delete(messageId: number) {
    return this.#record("delete", messageId);
  }
  pin(messageId: number) {
    return this.#record("pin", messageId);
  }
  unpin(messageId: number) {
    return this.#record("unpin", messageId);
  }
  async upload(bytes: Uint8Array) {
    await this.#record("upload", bytes.length);
    return { id: 1 };
  }
  download(fileId: number) {
    return this.#record("download", fileId).then(() => new Uint8Array([1, 2, 3]));
  }
  async sendDm(to: string, input: string | { body?: string }) {
    await this.#record("sendDm", to, input);
    return { id: ++this.#ids };
  }
  ban(sessionId: string, options?: { global?: boolean; seconds?: number }) {
    return this.#record("ban", sessionId, options);
  }
  unban(sessionId: string) {
    return this.#record("unban", sessionId);
  }
  mute(sessionId: string, options: { seconds: number }) {
    return this.#record("mute", sessionId, options);
  }
  unmute(sessionId: string) {
    return this.#record("unmute", sessionId);
  }
  addModerator(sessionId: string) {
    return this.#record("addModerator", sessionId);
  }
  removeModerator(sessionId: string) {
    return this.#record("removeModerator", sessionId);
  }
  deleteAllFrom(sessionId: string) {
    return this.#record("deleteAllFrom", sessionId);
  }
  isMe(id: string): boolean {
    return id === ME_BLINDED;
  }
}

/** A FakeClient in one room (`communities.get(link)` finds it). */
export class FakeCommunityClient extends FakeClient {
  constructor() {
    super(ME);
  }
  readonly community = new FakeCommunity();
  readonly communities = {
    get: (link: string) => link === this.community.link ? this.community : undefined,
  };
}

let messageIds = 0;

const base = (from: string) => ({
  identity: ME,
  from,
  conversation: ROOM_CHAT,
  timestamp: 1_700_000_000_000 + ++messageIds,
  outgoing: false,
  tx: noTx,
  room: ROOM,
});

/** A room post. */
export function post(
  body: string | undefined,
  from = ALICE_BLINDED,
  extra: Partial<CommunityMessageEvent> = {},
): CommunityMessageEvent {
  const b = base(from);
  const messageId = ++messageIds;
  return {
    ...b,
    id: `${ROOM_CHAT}/${messageId}`,
    type: "community:message",
    messageId,
    seqno: messageId,
    ...(body !== undefined ? { body } : {}),
    attachments: [],
    edited: false,
    whisper: false,
    ...extra,
  };
}

/** A reaction change on post `messageId`. */
export function roomReaction(
  messageId: number,
  emoji: string,
  removed = false,
  from = ALICE_BLINDED,
): CommunityReactionEvent {
  return {
    ...base(from),
    id: `${ROOM_CHAT}/${messageId}/reaction/${nextId()}/${emoji}`,
    type: "community:reaction",
    messageId,
    emoji,
    count: removed ? 0 : 1,
    reactors: removed ? [] : [from],
    removed,
  };
}

/** A blinded DM from `from` (a 15 ID) whose real Session ID is `sessionId`. */
export function dm(body: string, from = ALICE_BLINDED, sessionId = ALICE): CommunityDmEvent {
  const messageId = ++messageIds;
  return {
    ...base(from),
    id: `${SERVER}/inbox/${messageId}`,
    conversation: `${SERVER}/dm/${from}`,
    type: "community:dm",
    messageId,
    sessionId,
    body,
    attachments: [],
  };
}

/** A deletion of post `messageId`. */
export function deletion(messageId: number): BotEvent {
  return {
    ...base(ALICE_BLINDED),
    id: `${ROOM_CHAT}/${messageId}/deleted`,
    type: "community:deletion",
    messageId,
  };
}
