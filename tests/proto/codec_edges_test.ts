/**
 * The protobuf semantics the schema-table codec reproduces from protobuf-es, one by one, each
 * checked against the reference (protobuf-es-based) codec and against the expected value.
 */
import assert from "node:assert/strict";
import { concatBytes, toHex } from "../../src/core/bytes.ts";
import { decodeMessage, encodeMessage } from "../../src/proto/codec.ts";
import * as G from "../../src/proto/gen/session_pb.ts";
import * as S from "../../src/proto/gen/schema.ts";
import { decodeContent, encodeContent } from "../../src/proto/mod.ts";
import type { MessageSchema } from "../../src/proto/schema.ts";
import type { DescMessage } from "@bufbuild/protobuf";
import type { ValidationError } from "../../src/core/errors.ts";
import { assertSameDecode, assertSameEncode } from "./_differential.ts";
import {
  ALICE,
  assertValidation,
  fixed64,
  len,
  rawTag,
  str,
  T,
  utf8,
  varint,
  vint,
} from "./_helpers.ts";

/** Decodes with both codecs, asserts they agree, and returns our result (or throws ours). */
function decodeBoth(desc: DescMessage, schema: MessageSchema, bytes: Uint8Array): unknown {
  assertSameDecode(desc, schema, bytes, "edge case");
  return decodeMessage(schema, bytes, "content");
}

const content = (bytes: Uint8Array) => decodeBoth(G.ContentSchema, S.ContentSchema, bytes);

Deno.test("fields are written in field-number order, whatever the key order", () => {
  const view = {
    proSigForCommunityMessageOnly: new Uint8Array([1]),
    sigTimestamp: T,
    expirationTimer: 5,
    dataMessage: { profile: { displayName: "B" }, body: "a" },
  };
  assertSameEncode(G.ContentSchema, S.ContentSchema, view, "key order");
  assert.equal(
    toHex(encodeContent(view)),
    toHex(concatBytes(
      len(1, str(1, "a"), len(101, str(1, "B"))),
      vint(13, 5),
      vint(15, T),
      len(17, new Uint8Array([1])),
    )),
  );
});

Deno.test("repeated scalars are written unpacked (proto2) and read packed or unpacked", () => {
  const view = { type: 1, timestamp: [1, 300, T] };
  assertSameEncode(G.ReceiptMessageSchema, S.ReceiptMessageSchema, view, "unpacked");
  const unpacked = concatBytes(vint(1, 1), vint(2, 1), vint(2, 300), vint(2, T));
  assert.equal(
    toHex(encodeMessage(S.ReceiptMessageSchema, view, "root")),
    toHex(unpacked),
  );
  const receipt = (bytes: Uint8Array) =>
    decodeBoth(G.ReceiptMessageSchema, S.ReceiptMessageSchema, bytes);
  const packed = concatBytes(vint(1, 1), len(2, varint(1), varint(300), varint(T)));
  assert.deepEqual(receipt(packed), view);
  // Mixed packed and unpacked records append in order; an empty packed record adds nothing.
  assert.deepEqual(
    receipt(concatBytes(vint(1, 1), vint(2, 7), len(2), len(2, varint(8), varint(9)), vint(2, 10))),
    { type: 1, timestamp: [7, 8, 9, 10] },
  );
  // A packed record whose last varint runs past its end: the reader (like protobuf-es's) would
  // read on into the next record, but the wire check, which skips the record by its length,
  // then meets a broken tag first. Both codecs refuse it the same way.
  const overrun = concatBytes(vint(1, 1), len(2, new Uint8Array([0x81])), new Uint8Array([0]));
  assertSameDecode(G.ReceiptMessageSchema, S.ReceiptMessageSchema, overrun, "overrun");
  assertValidation(
    () => decodeMessage(S.ReceiptMessageSchema, overrun, "receipt"),
    "bad_protobuf",
    "receipt",
  );
  // uint32 lists too.
  assert.deepEqual(
    decodeBoth(
      G.CallMessageSchema,
      S.CallMessageSchema,
      concatBytes(vint(1, 1), len(3, varint(0), varint(2 ** 32 - 1)), str(5, "u")),
    ),
    { type: 1, sdpMLineIndexes: [0, 2 ** 32 - 1], uuid: "u" },
  );
});

Deno.test("a closed enum's unknown value is dropped; an earlier known value stays", () => {
  assert.deepEqual(content(concatBytes(vint(12, 1), vint(12, 9))), { expirationType: 1 });
  assert.deepEqual(content(concatBytes(vint(12, 9), vint(12, 2))), { expirationType: 2 });
  assert.deepEqual(content(vint(12, 9)), {});
  // Required: unknown ⇒ missing.
  assertValidation(
    () => content(len(6, vint(1, T), vint(2, 5))),
    "missing_field",
    "content.typingMessage.action",
  );
  // A negative (10-byte) varint is an unknown value too.
  assert.deepEqual(content(vint(12, -1)), {});
});

Deno.test("a repeated singular scalar: the last occurrence wins", () => {
  assert.deepEqual(content(concatBytes(vint(15, 1), vint(15, 2), vint(13, 3), vint(13, 4))), {
    expirationTimer: 4,
    sigTimestamp: 2,
  });
  assert.deepEqual(
    content(len(1, str(1, "first"), str(1, "second"))),
    { dataMessage: { body: "second" } },
  );
});

Deno.test("repeated occurrences of a singular message merge (required fields across parts)", () => {
  const first = len(1, str(1, "body"), len(8, vint(1, T)));
  const second = len(1, len(101, str(1, "name")), len(8, str(2, ALICE)));
  assert.deepEqual(content(concatBytes(first, second)), {
    dataMessage: {
      body: "body",
      quote: { id: T, author: ALICE },
      profile: { displayName: "name" },
    },
  });
  // Lists inside merged messages append; repeated message fields never merge.
  const a = len(1, len(2, fixed64(1, 1n)), len(10, str(1, "u1")));
  const b = len(1, len(2, fixed64(1, 2n)), len(10, str(1, "u2")));
  assert.deepEqual(content(concatBytes(a, b)), {
    dataMessage: {
      attachments: [{ id: "1" }, { id: "2" }],
      preview: [{ url: "u1" }, { url: "u2" }],
    },
  });
});

Deno.test("invalid UTF-8 decodes with U+FFFD, as protobuf-es does for proto2 strings", () => {
  for (const bad of [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x61, 0x80, 0x62]]) {
    const view = content(len(1, len(1, new Uint8Array(bad)))) as { dataMessage: { body: string } };
    assert.ok(view.dataMessage.body.includes("\uFFFD"), toHex(new Uint8Array(bad)));
  }
  // A leading U+FEFF is text, not a byte-order mark; NUL is kept.
  assert.deepEqual(content(len(1, len(1, utf8("\uFEFFa\u0000b")))), {
    dataMessage: { body: "\uFEFFa\u0000b" },
  });
  // Lone surrogates are written as U+FFFD.
  const bytes = encodeContent({ dataMessage: { body: "x\uD800" } });
  assertSameEncode(G.ContentSchema, S.ContentSchema, { dataMessage: { body: "x\uD800" } }, "");
  assert.deepEqual(decodeContent(bytes), { dataMessage: { body: "x\uFFFD" } });
});

Deno.test("64-bit edges: numbers up to 2^53 − 1, exact decimal strings for opaque ids", () => {
  const max = Number.MAX_SAFE_INTEGER;
  assert.deepEqual(content(vint(15, max)), { sigTimestamp: max });
  assertValidation(() => content(vint(15, 2 ** 53)), "out_of_range", "content.sigTimestamp");
  // -1 as a uint64 varint is 2^64 − 1.
  assertValidation(() => content(vint(15, -1)), "out_of_range", "content.sigTimestamp");
  const seqno = (n: number | bigint) =>
    content(len(11, vint(1, 1), vint(2, n), len(3, new Uint8Array(1))));
  assert.deepEqual(seqno(-max), {
    sharedConfigMessage: { kind: 1, seqno: -max, data: new Uint8Array(1) },
  });
  assertValidation(() => seqno(-(2n ** 53n)), "out_of_range", "content.sharedConfigMessage.seqno");
  assertValidation(() => seqno(-(2n ** 63n)), "out_of_range", "content.sharedConfigMessage.seqno");
  // fixed64 and JS_STRING uint64 ids keep all 64 bits.
  const ids = content(concatBytes(
    len(1, len(2, fixed64(1, 2n ** 64n - 1n))),
    len(16, vint(2, 2n ** 64n - 1n), vint(3, 2n ** 63n)),
  ));
  assert.deepEqual(ids, {
    dataMessage: { attachments: [{ id: "18446744073709551615" }] },
    proMessage: { profileBitset: "18446744073709551615", msgBitset: "9223372036854775808" },
  });
  for (
    const view of [
      { sigTimestamp: max },
      { sigTimestamp: 0 },
      { sharedConfigMessage: { kind: 1, seqno: -max, data: new Uint8Array() } },
      { sharedConfigMessage: { kind: 1, seqno: -1, data: new Uint8Array() } },
      { proMessage: { profileBitset: "18446744073709551615", msgBitset: "007" } },
      { dataMessage: { attachments: [{ id: "-0" }, { id: "18446744073709551615" }] } },
    ]
  ) {
    assertSameEncode(G.ContentSchema, S.ContentSchema, view, JSON.stringify(Object.keys(view)));
  }
  assertValidation(
    () => encodeContent({ sigTimestamp: 2 ** 53 }),
    "out_of_range",
    "content.sigTimestamp",
  );
});

Deno.test("unknown fields are dropped, and re-encoding omits them", () => {
  const bytes = concatBytes(
    vint(2, 1), // not a Content field
    rawTag(40, 5),
    new Uint8Array(4),
    rawTag(41, 3),
    vint(1, 1),
    rawTag(41, 4),
    vint(13, 7),
    len(14, new Uint8Array(3)), // reserved number
  );
  assert.deepEqual(content(bytes), { expirationTimer: 7 });
  assert.equal(toHex(encodeContent(decodeContent(bytes))), toHex(vint(13, 7)));
});

Deno.test("unknown groups nested in nested messages share protobuf-es's recursion budget", () => {
  const group = (n: number) =>
    concatBytes(
      ...Array.from({ length: n }, () => rawTag(50, 3)),
      ...Array.from({ length: n }, () => rawTag(50, 4)),
    );
  // The skip budget is 100 minus the message depth: 99 nested groups pass in Content (depth 1),
  // 97 in Content.dataMessage.quote (depth 3).
  const quote = (n: number) => len(1, len(8, vint(1, T), str(2, ALICE), group(n)));
  for (let n = 94; n <= 101; n++) {
    for (const [bytes, limit] of [[group(n), 99], [quote(n), 97]] as const) {
      const result = assertSameDecode(G.ContentSchema, S.ContentSchema, bytes, `n = ${n}`);
      assert.equal(result.startsWith("ok"), n <= limit, `n = ${n}: ${result}`);
    }
  }
});

Deno.test("decoded bytes are copies, never views of the input", () => {
  const input = len(17, new Uint8Array([1, 2, 3]));
  const view = decodeContent(input);
  assert.deepEqual(view.proSigForCommunityMessageOnly, new Uint8Array([1, 2, 3]));
  assert.notEqual(view.proSigForCommunityMessageOnly?.buffer, input.buffer);
  input[2] = 9;
  assert.deepEqual(view.proSigForCommunityMessageOnly, new Uint8Array([1, 2, 3]));
});

Deno.test("empty messages and empty lists", () => {
  assert.deepEqual(content(new Uint8Array()), {});
  assert.deepEqual(content(len(1, len(120, len(5)))), {
    dataMessage: { groupUpdateMessage: { memberLeftMessage: {} } },
  });
  const view = { callMessage: { type: 1, sdps: [], uuid: "u" }, dataMessage: {} };
  assertSameEncode(G.ContentSchema, S.ContentSchema, view, "empty list");
  assert.equal(
    toHex(encodeContent(view)),
    toHex(concatBytes(len(1), len(3, vint(1, 1), str(5, "u")))),
  );
});

Deno.test("a hole in a repeated field is refused, naming the element", () => {
  // deno-lint-ignore no-sparse-arrays
  const sparse = [, "a"] as unknown as string[];
  assert.throws(
    () => encodeContent({ callMessage: { type: 1, sdps: sparse, uuid: "u" } }),
    (e: ValidationError) => {
      assert.equal(e.code, "invalid_field");
      assert.match(e.field ?? "", /callMessage\.sdps\[0\]$/);
      return true;
    },
  );
});
