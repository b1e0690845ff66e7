/**
 * encodeContent refuses values protobuf-es would mis-encode or that receivers would reject, with
 * a ValidationError naming the field.
 */
import assert from "node:assert/strict";
import { type Content, decodeContent, encodeContent } from "../../src/proto/mod.ts";
import { ALICE, assertValidation, T } from "./_helpers.ts";

/** Encodes a value the type system would refuse, as a JS caller could. */
function encodeLoose(content: unknown): Uint8Array {
  return encodeContent(content as Content);
}

Deno.test("missing required fields on encode → missing_field naming the field", () => {
  assertValidation(
    () => encodeLoose({ dataMessage: { quote: { id: T } } }),
    "missing_field",
    "content.dataMessage.quote.author",
  );
  assertValidation(
    () => encodeLoose({ dataMessage: { reaction: { id: T, author: ALICE } } }),
    "missing_field",
    "content.dataMessage.reaction.action",
  );
  assertValidation(
    () => encodeLoose({ dataMessage: { attachments: [{ id: "1" }, { url: "http://x" }] } }),
    "missing_field",
    "content.dataMessage.attachments[1].id",
  );
  assertValidation(
    () => encodeLoose({ typingMessage: { action: 0 } }),
    "missing_field",
    "content.typingMessage.timestamp",
  );
  assertValidation(
    () => encodeLoose({ messageRequestResponse: {} }),
    "missing_field",
    "content.messageRequestResponse.isApproved",
  );
});

Deno.test("timestamps must be safe non-negative integers", () => {
  assertValidation(
    () => encodeContent({ sigTimestamp: 2 ** 53 }),
    "out_of_range",
    "content.sigTimestamp",
  );
  assertValidation(
    () => encodeContent({ sigTimestamp: -1 }),
    "out_of_range",
    "content.sigTimestamp",
  );
  assertValidation(
    () => encodeContent({ sigTimestamp: 1.5 }),
    "invalid_field",
    "content.sigTimestamp",
  );
  assertValidation(
    () => encodeContent({ sigTimestamp: NaN }),
    "invalid_field",
    "content.sigTimestamp",
  );
  assertValidation(
    () => encodeLoose({ sigTimestamp: "1" }),
    "invalid_field",
    "content.sigTimestamp",
  );
  assertValidation(
    () => encodeLoose({ sigTimestamp: 1n }),
    "invalid_field",
    "content.sigTimestamp",
  );
  assertValidation(
    () => encodeContent({ receiptMessage: { type: 1, timestamp: [T, 2 ** 60] } }),
    "out_of_range",
    "content.receiptMessage.timestamp[1]",
  );
  const max = Number.MAX_SAFE_INTEGER;
  assert.equal(decodeContent(encodeContent({ sigTimestamp: max })).sigTimestamp, max);
});

Deno.test("32-bit fields are range-checked", () => {
  assertValidation(
    () => encodeContent({ expirationTimer: 2 ** 32 }),
    "out_of_range",
    "content.expirationTimer",
  );
  assertValidation(
    () => encodeContent({ expirationTimer: -1 }),
    "out_of_range",
    "content.expirationTimer",
  );
  assert.equal(
    decodeContent(encodeContent({ expirationTimer: 2 ** 32 - 1 })).expirationTimer,
    2 ** 32 - 1,
  );
});

Deno.test("opaque 64-bit ids are decimal strings in 0..2^64-1", () => {
  for (const id of ["abc", "1e3", "", " 1", "0x10"]) {
    assertValidation(
      () => encodeContent({ dataMessage: { attachments: [{ id }] } }),
      "invalid_field",
      "content.dataMessage.attachments[0].id",
    );
  }
  assertValidation(
    () => encodeContent({ dataMessage: { attachments: [{ id: "18446744073709551616" }] } }),
    "out_of_range",
    "content.dataMessage.attachments[0].id",
  );
  assertValidation(
    () => encodeContent({ dataMessage: { attachments: [{ id: "-1" }] } }),
    "out_of_range",
    "content.dataMessage.attachments[0].id",
  );
  assertValidation(
    () => encodeLoose({ dataMessage: { attachments: [{ id: 5 }] } }),
    "invalid_field",
    "content.dataMessage.attachments[0].id",
  );
});

Deno.test("enum fields accept only the schema's values", () => {
  assertValidation(
    () => encodeLoose({ dataMessage: { reaction: { id: T, author: ALICE, action: 2 } } }),
    "invalid_field",
    "content.dataMessage.reaction.action",
  );
  assertValidation(
    () => encodeLoose({ receiptMessage: { type: "READ" } }),
    "invalid_field",
    "content.receiptMessage.type",
  );
  assertValidation(
    () => encodeLoose({ expirationType: 3 }),
    "invalid_field",
    "content.expirationType",
  );
});

Deno.test("wrong value types are refused", () => {
  const cases: [unknown, string][] = [
    [{ dataMessage: { body: 5 } }, "content.dataMessage.body"],
    [{ dataMessage: { body: null } }, "content.dataMessage.body"],
    [{ dataMessage: { profileKey: [1, 2] } }, "content.dataMessage.profileKey"],
    [{ dataMessage: { profileKey: "aa" } }, "content.dataMessage.profileKey"],
    [
      { dataMessage: { blocksCommunityMessageRequests: 1 } },
      "content.dataMessage.blocksCommunityMessageRequests",
    ],
    [{ dataMessage: { attachments: { id: "1" } } }, "content.dataMessage.attachments"],
    [{ dataMessage: { quote: "x" } }, "content.dataMessage.quote"],
    [{ dataMessage: { quote: [] } }, "content.dataMessage.quote"],
    [{ dataMessage: { preview: [null] } }, "content.dataMessage.preview[0]"],
    [
      { callMessage: { type: 1, uuid: "u", sdpMLineIndexes: [1.5] } },
      "content.callMessage.sdpMLineIndexes[0]",
    ],
  ];
  for (const [value, field] of cases) {
    assertValidation(() => encodeLoose(value), "invalid_field", field);
  }
  for (const value of [null, undefined, 5, "content", [], new Uint8Array(2), new Date()]) {
    assertValidation(() => encodeLoose(value), "invalid_field", "content");
  }
});

Deno.test("unknown property names (typos) are refused, not silently dropped", () => {
  assertValidation(
    () => encodeLoose({ dataMessage: { bodyy: "hi" } }),
    "invalid_field",
    "content.dataMessage.bodyy",
  );
  assertValidation(
    () => encodeLoose({ unsendMessage: {} }),
    "invalid_field",
    "content.unsendMessage",
  );
  assertValidation(
    () => encodeLoose({ $typeName: "SessionProtos.Content" }),
    "invalid_field",
    "content.$typeName",
  );
});

Deno.test("undefined means absent", () => {
  const bytes = encodeContent({
    dataMessage: { body: "x", quote: undefined },
    sigTimestamp: undefined,
  });
  assert.deepEqual(decodeContent(bytes), { dataMessage: { body: "x" } });
});
