/**
 * Bad bytes: garbage, truncation, tampering, missing required fields and 64-bit values that do
 * not fit a JS number all end as a ValidationError naming the problem, never another error.
 */
import assert from "node:assert/strict";
import { decodeContent, decodeEnvelope, unwrapWebSocketMessage } from "../../src/proto/mod.ts";
import { vectors } from "../vectors.ts";
import {
  ALICE,
  assertValidation,
  concatBytes,
  fixed64,
  fromHex,
  len,
  rawTag,
  returnsOrValidation,
  str,
  T,
  varint,
  vint,
} from "./_helpers.ts";
import { fromBase64 } from "../../src/core/bytes.ts";

const [VECTOR] = vectors("messages.json", "wrapped_message");
const CONTENT = fromHex(VECTOR.content_hex);

Deno.test("garbage bytes → bad_protobuf on field 'content'", () => {
  for (
    const hex of [
      "ff", // truncated varint tag
      "00", // field number 0
      "0f", // wire type 7
      "0e", // wire type 6
      "0aff", // length varint truncated
      "0a05", // length beyond the end
      "0b", // start group without end
      "0c", // stray end group
      "78ffffffffffffffffffff01", // varint longer than 10 bytes
    ]
  ) {
    const error = assertValidation(() => decodeContent(fromHex(hex)), "bad_protobuf");
    assert.match(error.field ?? "", /^content\b/);
  }
});

Deno.test("every strict prefix of a Content that cuts a field is refused", () => {
  // Prefixes ending on a field boundary are valid (shorter) Contents: the empty one, and the one
  // that stops after dataMessage (field 1 = 2 + 0x33 bytes).
  const boundaries = new Set([0, 2 + 0x33]);
  for (let n = 0; n < CONTENT.length; n++) {
    const outcome = returnsOrValidation(() => decodeContent(CONTENT.subarray(0, n)));
    assert.equal(outcome, boundaries.has(n) ? "ok" : "error", `prefix of ${n} bytes`);
  }
});

Deno.test("truncated envelope and WebSocketMessage are refused", () => {
  const data = fromBase64(VECTOR.data_b64);
  const envelope = fromHex(VECTOR.envelope_hex);
  for (let n = 0; n < data.length; n++) {
    assert.equal(returnsOrValidation(() => unwrapWebSocketMessage(data.subarray(0, n))), "error");
  }
  for (let n = 0; n < envelope.length; n++) {
    assert.equal(returnsOrValidation(() => decodeEnvelope(envelope.subarray(0, n))), "error");
  }
});

Deno.test("random garbage never throws anything but ValidationError", () => {
  let seed = 0x12345678;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  for (let i = 0; i < 3000; i++) {
    const input = Uint8Array.from({ length: 1 + (next() % 64) }, next);
    returnsOrValidation(() => decodeContent(input));
    returnsOrValidation(() => decodeEnvelope(input));
    returnsOrValidation(() => unwrapWebSocketMessage(input));
  }
  // Random bit flips in a real stored message.
  const data = fromBase64(VECTOR.data_b64);
  for (let i = 0; i < 2000; i++) {
    const copy = data.slice();
    copy[next() % 32] ^= 1 << (next() % 8); // the headers are in the first bytes
    returnsOrValidation(() => decodeEnvelope(unwrapWebSocketMessage(copy)));
  }
});

Deno.test("deeply nested unknown groups hit a limit, not the stack", () => {
  const depth = 5000;
  const nested = concatBytes(
    ...Array.from({ length: depth }, () => rawTag(50, 3)),
    ...Array.from({ length: depth }, () => rawTag(50, 4)),
  );
  assertValidation(() => decodeContent(nested), "bad_protobuf", "content");
});

Deno.test("tampered wire types are caught and named", () => {
  // dataMessage sent as a varint instead of a submessage
  const asVarint = CONTENT.slice();
  asVarint[0] = 0x08;
  assertValidation(() => decodeContent(asVarint), "bad_protobuf", "content.dataMessage");
  // body (string) as fixed32
  const bodyFixed = CONTENT.slice();
  bodyFixed[2] = 0x0d;
  assertValidation(() => decodeContent(bodyFixed), "bad_protobuf", "content.dataMessage.body");
  // sigTimestamp as length-delimited
  const sigLen = concatBytes(len(15, new Uint8Array(3)));
  assertValidation(() => decodeContent(sigLen), "bad_protobuf", "content.sigTimestamp");
  // attachment id (fixed64) as varint
  const idVarint = len(1, len(2, vint(1, 5)));
  assertValidation(
    () => decodeContent(idVarint),
    "bad_protobuf",
    "content.dataMessage.attachments[0].id",
  );
  // a longer length prefix than the data
  const longer = CONTENT.slice();
  longer[1] += 1;
  assertValidation(() => decodeContent(longer), "bad_protobuf", "content");
});

/** [description, Content bytes missing one required field, the field path] */
const MISSING: [string, Uint8Array, string][] = [
  ["Quote.id", len(1, len(8, str(2, ALICE))), "content.dataMessage.quote.id"],
  ["Quote.author", len(1, len(8, vint(1, T))), "content.dataMessage.quote.author"],
  ["Reaction.id", len(1, len(11, str(2, ALICE), vint(4, 0))), "content.dataMessage.reaction.id"],
  [
    "Reaction.author",
    len(1, len(11, vint(1, T), vint(4, 0))),
    "content.dataMessage.reaction.author",
  ],
  [
    "Reaction.action",
    len(1, len(11, vint(1, T), str(2, ALICE))),
    "content.dataMessage.reaction.action",
  ],
  ["Preview.url", len(1, len(10, str(2, "t"))), "content.dataMessage.preview[0].url"],
  [
    "OpenGroupInvitation.name",
    len(1, len(102, str(1, "https://x"))),
    "content.dataMessage.openGroupInvitation.name",
  ],
  [
    "AttachmentPointer.id",
    len(1, len(2, fixed64(1, 1n)), len(2, str(101, "http://x"))),
    "content.dataMessage.attachments[1].id",
  ],
  [
    "QuotedAttachment.thumbnail.id",
    len(1, len(8, vint(1, T), str(2, ALICE), len(4, len(3, str(2, "image/png"))))),
    "content.dataMessage.quote.attachments[0].thumbnail.id",
  ],
  ["ReceiptMessage.type", len(5, vint(2, T)), "content.receiptMessage.type"],
  ["TypingMessage.timestamp", len(6, vint(2, 0)), "content.typingMessage.timestamp"],
  ["TypingMessage.action", len(6, vint(1, T)), "content.typingMessage.action"],
  ["UnsendRequest.timestamp", len(9, str(2, ALICE)), "content.unsendRequest.timestamp"],
  ["UnsendRequest.author", len(9, vint(1, T)), "content.unsendRequest.author"],
  [
    "MessageRequestResponse.isApproved",
    len(10, len(2, new Uint8Array(32))),
    "content.messageRequestResponse.isApproved",
  ],
  [
    "DataExtractionNotification.type",
    len(8, vint(2, T)),
    "content.dataExtractionNotification.type",
  ],
  ["CallMessage.type", len(3, str(5, "uuid")), "content.callMessage.type"],
  ["CallMessage.uuid", len(3, vint(1, 1)), "content.callMessage.uuid"],
  ["SharedConfigMessage.data", len(11, vint(1, 1), vint(2, 1)), "content.sharedConfigMessage.data"],
  [
    "ClosedGroupControlMessage.type",
    len(1, len(104, str(3, "n"))),
    "content.dataMessage.closedGroupControlMessage.type",
  ],
  [
    "KeyPair.privateKey",
    len(1, len(104, vint(1, 1), len(4, len(1, new Uint8Array(32))))),
    "content.dataMessage.closedGroupControlMessage.encryptionKeyPair.privateKey",
  ],
  [
    "GroupUpdateInviteMessage.adminSignature",
    len(1, len(120, len(1, str(1, "03ab"), str(2, "G"), len(3, new Uint8Array(4))))),
    "content.dataMessage.groupUpdateMessage.inviteMessage.adminSignature",
  ],
  [
    "GroupUpdateInviteResponseMessage.isApproved",
    len(1, len(120, len(6))),
    "content.dataMessage.groupUpdateMessage.inviteResponse.isApproved",
  ],
  [
    "ConfigurationMessage.Contact.name",
    len(7, len(6, len(1, new Uint8Array(33)))),
    "content.configurationMessage.contacts[0].name",
  ],
];

for (const [what, input, field] of MISSING) {
  Deno.test(`missing required ${what} → missing_field '${field}'`, () => {
    assertValidation(() => decodeContent(input), "missing_field", field);
  });
}

Deno.test("a required enum with an unknown value counts as missing", () => {
  // ReceiptMessage.type = 7 is not a ReceiptMessage.Type: proto2 keeps it as an unknown field.
  assertValidation(
    () => decodeContent(len(5, vint(1, 7), vint(2, T))),
    "missing_field",
    "content.receiptMessage.type",
  );
  // An optional enum with an unknown value is simply absent.
  assert.deepEqual(decodeContent(concatBytes(vint(12, 9), vint(13, 5))), { expirationTimer: 5 });
});

Deno.test("64-bit values above 2^53 − 1 → out_of_range naming the field", () => {
  const max = Number.MAX_SAFE_INTEGER;
  assert.equal(decodeContent(vint(15, max)).sigTimestamp, max);
  assertValidation(() => decodeContent(vint(15, 2 ** 53)), "out_of_range", "content.sigTimestamp");
  assertValidation(
    () => decodeContent(vint(15, (1n << 64n) - 1n)),
    "out_of_range",
    "content.sigTimestamp",
  );
  assertValidation(
    () => decodeContent(len(1, len(8, vint(1, 2n ** 60n), str(2, ALICE)))),
    "out_of_range",
    "content.dataMessage.quote.id",
  );
  assertValidation(
    () => decodeContent(len(5, vint(1, 1), vint(2, T), vint(2, 2n ** 63n))),
    "out_of_range",
    "content.receiptMessage.timestamp[1]",
  );
  // Negative int64 (SharedConfigMessage.seqno) within range is fine.
  assert.equal(
    decodeContent(len(11, vint(1, 1), vint(2, -5), len(3, new Uint8Array(1))))
      .sharedConfigMessage?.seqno,
    -5,
  );
});

Deno.test("decoders refuse non-Uint8Array input with a TypeError (a programming error)", () => {
  for (const bad of ["0a00", [10, 0], null, undefined, new ArrayBuffer(2)]) {
    assert.throws(() => decodeContent(bad as unknown as Uint8Array), TypeError);
    assert.throws(() => decodeEnvelope(bad as unknown as Uint8Array), TypeError);
    assert.throws(() => unwrapWebSocketMessage(bad as unknown as Uint8Array), TypeError);
  }
});

Deno.test("a varint Content field 1 of huge length does not allocate or hang", () => {
  const input = concatBytes(rawTag(1, 2), varint(0xffffffff));
  assertValidation(() => decodeContent(input), "bad_protobuf", "content");
});
