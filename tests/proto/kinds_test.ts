/**
 * Every message kind: the encoder's bytes equal bytes written by hand from core.md's field
 * numbers (so the schema cannot drift from the spec unnoticed), and decoding them gives the
 * input back.
 */
import assert from "node:assert/strict";
import {
  AttachmentFlags,
  type AttachmentPointer,
  CallMessageType,
  ClosedGroupControlType,
  type Content,
  type ContentKind,
  contentKind,
  DataExtractionType,
  DataMessageFlags,
  decodeContent,
  encodeContent,
  ExpirationType,
  GroupContextType,
  GroupInfoChangeType,
  GroupMemberChangeType,
  QuotedAttachmentFlags,
  ReactionAction,
  ReceiptType,
  SharedConfigKind,
  TypingAction,
} from "../../src/proto/mod.ts";
import {
  ALICE,
  BOB,
  bytes,
  concatBytes,
  fixed64,
  len,
  str,
  T,
  toHex,
  utf8,
  varint,
  vint,
} from "./_helpers.ts";

/** Encodes `content`, compares with `expected`, decodes back and compares with `content`. */
function check(content: Content, expected: Uint8Array, kind: ContentKind): void {
  const encoded = encodeContent(content);
  assert.equal(toHex(encoded), toHex(expected));
  const decoded = decodeContent(expected);
  assert.deepEqual(decoded, content);
  assert.equal(contentKind(decoded), kind);
  assert.equal(toHex(encodeContent(decoded)), toHex(expected));
}

const FULL_POINTER: AttachmentPointer = {
  id: "18446744073709551615", // max fixed64: exact because it is a string
  contentType: "image/jpeg",
  key: bytes(64),
  size: 123456,
  thumbnail: bytes(5, 200),
  digest: bytes(32, 100),
  fileName: "cat.jpg",
  flags: AttachmentFlags.VOICE_MESSAGE,
  width: 640,
  height: 480,
  caption: "a cat",
  url: "http://filev2.getsession.org/file/4567#p=abcd&d",
};

const FULL_POINTER_BYTES = concatBytes(
  fixed64(1, (1n << 64n) - 1n),
  str(2, "image/jpeg"),
  len(3, bytes(64)),
  vint(4, 123456),
  len(5, bytes(5, 200)),
  len(6, bytes(32, 100)),
  str(7, "cat.jpg"),
  vint(8, 1),
  vint(9, 640),
  vint(10, 480),
  str(11, "a cat"),
  str(101, "http://filev2.getsession.org/file/4567#p=abcd&d"),
);

Deno.test("quote (with legacy text and quoted attachment)", () => {
  check(
    {
      dataMessage: {
        body: "agreed",
        quote: {
          id: T,
          author: ALICE,
          text: "original",
          attachments: [{
            contentType: "audio/aac",
            fileName: "v.aac",
            thumbnail: { id: "7" },
            flags: QuotedAttachmentFlags.VOICE_MESSAGE,
          }],
        },
      },
      sigTimestamp: T + 1,
    },
    concatBytes(
      len(
        1,
        str(1, "agreed"),
        len(
          8,
          vint(1, T),
          str(2, ALICE),
          str(3, "original"),
          len(4, str(1, "audio/aac"), str(2, "v.aac"), len(3, fixed64(1, 7n)), vint(4, 1)),
        ),
      ),
      vint(15, T + 1),
    ),
    "data",
  );
});

Deno.test("reaction (react and remove)", () => {
  check(
    {
      dataMessage: { reaction: { id: T, author: BOB, emoji: "👍", action: ReactionAction.REACT } },
    },
    len(1, len(11, vint(1, T), str(2, BOB), str(3, "👍"), vint(4, 0))),
    "data",
  );
  check(
    { dataMessage: { reaction: { id: T, author: BOB, action: ReactionAction.REMOVE } } },
    len(1, len(11, vint(1, T), str(2, BOB), vint(4, 1))),
    "data",
  );
});

Deno.test("attachments with every AttachmentPointer field", () => {
  check(
    { dataMessage: { attachments: [FULL_POINTER, { id: "0", url: "http://x/file/1" }] } },
    len(1, len(2, FULL_POINTER_BYTES), len(2, fixed64(1, 0n), str(101, "http://x/file/1"))),
    "data",
  );
});

Deno.test("link preview with image", () => {
  check(
    {
      dataMessage: {
        body: "https://getsession.org",
        preview: [{ url: "https://getsession.org", title: "Session", image: { id: "9" } }],
      },
    },
    len(
      1,
      str(1, "https://getsession.org"),
      len(10, str(1, "https://getsession.org"), str(2, "Session"), len(3, fixed64(1, 9n))),
    ),
    "data",
  );
});

Deno.test("profile with avatar and profileKey", () => {
  check(
    {
      dataMessage: {
        body: "hi",
        profileKey: bytes(32),
        profile: {
          displayName: "Bot",
          profilePicture: "http://filev2.getsession.org/file/1",
          lastProfileUpdateSeconds: 1700000000,
        },
      },
    },
    len(
      1,
      str(1, "hi"),
      len(6, bytes(32)),
      len(101, str(1, "Bot"), str(2, "http://filev2.getsession.org/file/1"), vint(3, 1700000000)),
    ),
    "data",
  );
});

Deno.test("expiration fields: Content 12/13, timer-update flag, legacy expireTimer and timestamp", () => {
  check(
    {
      dataMessage: {
        flags: DataMessageFlags.EXPIRATION_TIMER_UPDATE,
        expireTimer: 60,
        timestamp: T,
      },
      expirationType: ExpirationType.DELETE_AFTER_SEND,
      expirationTimer: 3600,
      sigTimestamp: T,
    },
    concatBytes(
      len(1, vint(4, 2), vint(5, 60), vint(7, T)),
      vint(12, 2),
      vint(13, 3600),
      vint(15, T),
    ),
    "data",
  );
});

Deno.test("community invitation, syncTarget and blocksCommunityMessageRequests", () => {
  const url = "https://open.getsession.org/session?public_key=" + "a0".repeat(32);
  check(
    {
      dataMessage: {
        openGroupInvitation: { url, name: "Session" },
        syncTarget: BOB,
        blocksCommunityMessageRequests: true,
      },
    },
    len(1, len(102, str(1, url), str(3, "Session")), str(105, BOB), vint(106, 1)),
    "data",
  );
});

Deno.test("read receipts (repeated uint64, unpacked as proto2 clients send them)", () => {
  check(
    { receiptMessage: { type: ReceiptType.READ, timestamp: [T, T + 5] } },
    len(5, vint(1, 1), vint(2, T), vint(2, T + 5)),
    "receipt",
  );
  check(
    { receiptMessage: { type: ReceiptType.DELIVERY } },
    len(5, vint(1, 0)),
    "receipt",
  );
});

Deno.test("read receipts: packed timestamps decode too", () => {
  const packed = len(5, vint(1, 1), len(2, concatBytes(varint(T), varint(T + 5))));
  assert.deepEqual(decodeContent(packed), {
    receiptMessage: { type: ReceiptType.READ, timestamp: [T, T + 5] },
  });
});

Deno.test("typing started / stopped", () => {
  check(
    { typingMessage: { timestamp: T, action: TypingAction.STARTED } },
    len(6, vint(1, T), vint(2, 0)),
    "typing",
  );
  check(
    { typingMessage: { timestamp: T, action: TypingAction.STOPPED } },
    len(6, vint(1, T), vint(2, 1)),
    "typing",
  );
});

Deno.test("unsend request", () => {
  check(
    { unsendRequest: { timestamp: T, author: ALICE } },
    len(9, vint(1, T), str(2, ALICE)),
    "unsend",
  );
});

Deno.test("message request response", () => {
  check(
    {
      messageRequestResponse: {
        isApproved: true,
        profileKey: bytes(32),
        profile: { displayName: "Bot" },
      },
    },
    len(10, vint(1, 1), len(2, bytes(32)), len(3, str(1, "Bot"))),
    "messageRequestResponse",
  );
});

Deno.test("data extraction notification", () => {
  check(
    { dataExtractionNotification: { type: DataExtractionType.MEDIA_SAVED, timestamp: T } },
    len(8, vint(1, 2), vint(2, T)),
    "dataExtraction",
  );
  check(
    { dataExtractionNotification: { type: DataExtractionType.SCREENSHOT } },
    len(8, vint(1, 1)),
    "dataExtraction",
  );
});

Deno.test("call message", () => {
  check(
    {
      callMessage: {
        type: CallMessageType.PRE_OFFER,
        sdps: ["v=0 a", "v=0 b"],
        sdpMLineIndexes: [0, 1],
        sdpMids: ["audio", "video"],
        uuid: "8d3f0c2e-0000-4000-8000-000000000000",
      },
    },
    len(
      3,
      vint(1, 6),
      str(2, "v=0 a"),
      str(2, "v=0 b"),
      vint(3, 0),
      vint(3, 1),
      str(4, "audio"),
      str(4, "video"),
      str(5, "8d3f0c2e-0000-4000-8000-000000000000"),
    ),
    "call",
  );
});

Deno.test("legacy group context and closed-group control message", () => {
  check(
    {
      dataMessage: {
        body: "hello group",
        group: {
          id: bytes(33),
          type: GroupContextType.DELIVER,
          name: "Old group",
          members: [ALICE, BOB],
          avatar: { id: "3" },
          admins: [ALICE],
        },
        closedGroupControlMessage: {
          type: ClosedGroupControlType.NEW,
          publicKey: bytes(33, 5),
          name: "Old group",
          encryptionKeyPair: { publicKey: bytes(32, 1), privateKey: bytes(32, 2) },
          members: [bytes(33, 3)],
          admins: [bytes(33, 4)],
          wrappers: [{ publicKey: bytes(33, 6), encryptedKeyPair: bytes(80, 7) }],
          expirationTimer: 86400,
        },
      },
    },
    len(
      1,
      str(1, "hello group"),
      len(
        3,
        len(1, bytes(33)),
        vint(2, 2),
        str(3, "Old group"),
        str(4, ALICE),
        str(4, BOB),
        len(5, fixed64(1, 3n)),
        str(6, ALICE),
      ),
      len(
        104,
        vint(1, 1),
        len(2, bytes(33, 5)),
        str(3, "Old group"),
        len(4, len(1, bytes(32, 1)), len(2, bytes(32, 2))),
        len(5, bytes(33, 3)),
        len(6, bytes(33, 4)),
        len(7, len(1, bytes(33, 6)), len(2, bytes(80, 7))),
        vint(8, 86400),
      ),
    ),
    "data",
  );
});

Deno.test("groups v2 update messages (all eight)", () => {
  const sig = bytes(64, 9);
  check(
    {
      dataMessage: {
        groupUpdateMessage: {
          inviteMessage: {
            groupSessionId: "03" + "cd".repeat(32),
            name: "G",
            memberAuthData: bytes(100),
            adminSignature: sig,
          },
          infoChangeMessage: {
            type: GroupInfoChangeType.NAME,
            updatedName: "G2",
            updatedExpiration: 30,
            adminSignature: sig,
          },
          memberChangeMessage: {
            type: GroupMemberChangeType.ADDED,
            memberSessionIds: [ALICE, BOB],
            historyShared: true,
            adminSignature: sig,
          },
          promoteMessage: { groupIdentitySeed: bytes(32), name: "G" },
          memberLeftMessage: {},
          inviteResponse: { isApproved: true },
          deleteMemberContent: {
            memberSessionIds: [BOB],
            messageHashes: ["hash1", "hash2"],
            adminSignature: sig,
          },
          memberLeftNotificationMessage: {},
        },
      },
    },
    len(
      1,
      len(
        120,
        len(1, str(1, "03" + "cd".repeat(32)), str(2, "G"), len(3, bytes(100)), len(4, sig)),
        len(2, vint(1, 1), str(2, "G2"), vint(3, 30), len(4, sig)),
        len(3, vint(1, 1), str(2, ALICE), str(2, BOB), vint(3, 1), len(4, sig)),
        len(4, len(1, bytes(32)), str(2, "G")),
        len(5),
        len(6, vint(1, 1)),
        len(7, str(1, BOB), str(2, "hash1"), str(2, "hash2"), len(3, sig)),
        len(8),
      ),
    ),
    "data",
  );
});

Deno.test("legacy SharedConfigMessage and ConfigurationMessage are 'config'", () => {
  check(
    { sharedConfigMessage: { kind: SharedConfigKind.USER_PROFILE, seqno: 42, data: bytes(10) } },
    len(11, vint(1, 1), vint(2, 42), len(3, bytes(10))),
    "config",
  );
  check(
    {
      configurationMessage: {
        closedGroups: [{
          publicKey: bytes(33),
          name: "Old",
          encryptionKeyPair: { publicKey: bytes(32), privateKey: bytes(32, 3) },
          members: [bytes(33, 2)],
          admins: [bytes(33, 4)],
        }],
        openGroups: ["https://open.getsession.org/session"],
        displayName: "Me",
        profilePicture: "http://x/file/2",
        profileKey: bytes(32),
        contacts: [{
          publicKey: bytes(33, 7),
          name: "Friend",
          profilePicture: "http://x/file/3",
          profileKey: bytes(32, 8),
          isApproved: true,
          isBlocked: false,
          didApproveMe: true,
        }],
      },
    },
    len(
      7,
      len(
        1,
        len(1, bytes(33)),
        str(2, "Old"),
        len(3, len(1, bytes(32)), len(2, bytes(32, 3))),
        len(4, bytes(33, 2)),
        len(5, bytes(33, 4)),
      ),
      str(2, "https://open.getsession.org/session"),
      str(3, "Me"),
      str(4, "http://x/file/2"),
      len(5, bytes(32)),
      len(
        6,
        len(1, bytes(33, 7)),
        str(2, "Friend"),
        str(3, "http://x/file/3"),
        len(4, bytes(32, 8)),
        vint(5, 1),
        vint(6, 0),
        vint(7, 1),
      ),
    ),
    "config",
  );
});

Deno.test("Session Pro message and community pro signature", () => {
  check(
    {
      dataMessage: { body: "pro" },
      proMessage: {
        proof: {
          revocationTag: bytes(32),
          rotatingPublicKey: bytes(32, 50),
          expiryUnixTs: 1800000000,
          sig: bytes(64, 3),
        },
        profileBitset: "18446744073709551615",
        msgBitset: "5",
      },
      proSigForCommunityMessageOnly: bytes(64, 7),
    },
    concatBytes(
      len(1, str(1, "pro")),
      len(
        16,
        len(1, len(2, bytes(32)), len(3, bytes(32, 50)), vint(4, 1800000000), len(5, bytes(64, 3))),
        vint(2, (1n << 64n) - 1n),
        vint(3, 5),
      ),
      len(17, bytes(64, 7)),
    ),
    "data",
  );
});

Deno.test("contentKind: empty, expiration-only and Pro-only contents are 'unknown'", () => {
  assert.equal(contentKind({}), "unknown");
  assert.equal(contentKind(decodeContent(new Uint8Array())), "unknown");
  assert.equal(contentKind({ expirationTimer: 5, sigTimestamp: T }), "unknown");
  assert.equal(contentKind({ proMessage: {} }), "unknown");
  // Several message fields (not sent by clients): the first kind in ContentKind order wins.
  assert.equal(
    contentKind({ dataMessage: {}, typingMessage: { timestamp: T, action: 0 } }),
    "data",
  );
});

Deno.test("unknown and reserved fields are skipped, not errors", () => {
  const bytesIn = concatBytes(
    len(1, str(1, "hi"), vint(999, 7)), // unknown field inside DataMessage
    vint(14, T), // reserved lastDisappearingMessageChangeTimestamp
    len(50, utf8("future")), // unknown Content field
    vint(15, T),
  );
  assert.deepEqual(decodeContent(bytesIn), { dataMessage: { body: "hi" }, sigTimestamp: T });
});

Deno.test("fields out of order on the wire decode the same", () => {
  const shuffled = concatBytes(vint(15, T), len(1, len(101, str(1, "N")), str(1, "b")));
  assert.deepEqual(decodeContent(shuffled), {
    dataMessage: { body: "b", profile: { displayName: "N" } },
    sigTimestamp: T,
  });
});

Deno.test("decoded bytes are copies: mutating the input does not change the result", () => {
  const input = encodeContent({ dataMessage: { profileKey: bytes(32) } });
  const decoded = decodeContent(input);
  input.fill(0);
  assert.deepEqual(decoded.dataMessage?.profileKey, bytes(32));
});

Deno.test("empty strings and zero values that are present stay present", () => {
  check(
    { dataMessage: { body: "", flags: 0 }, expirationTimer: 0, sigTimestamp: 0 },
    concatBytes(len(1, str(1, ""), vint(4, 0)), vint(13, 0), vint(15, 0)),
    "data",
  );
});
