/**
 * Envelope rules beyond the schema: no `source` on 1:1 envelopes, `proSig` exactly 64 bytes,
 * required type / timestamp / content.
 */
import assert from "node:assert/strict";
import {
  decodeEnvelope,
  encodeEnvelope,
  type Envelope,
  type EnvelopeInit,
  EnvelopeType,
} from "../../src/proto/mod.ts";
import {
  assertValidation,
  bytes,
  concatBytes,
  fixed64,
  len,
  str,
  T,
  toHex,
  vint,
} from "./_helpers.ts";

const GROUP_KEY = "05" + "c3".repeat(32);
const SEALED = bytes(200);

/** Encodes a value the type system would refuse, as a JS caller could. */
function encodeLoose(init: unknown): Uint8Array {
  return encodeEnvelope(init as EnvelopeInit);
}

Deno.test("1:1 envelope: minimal and libsession-style round trips, fields in number order", () => {
  const minimal = encodeEnvelope({
    type: EnvelopeType.SESSION_MESSAGE,
    timestamp: T,
    content: SEALED,
  });
  assert.equal(toHex(minimal), toHex(concatBytes(vint(1, 6), vint(5, T), len(8, SEALED))));
  assert.deepEqual(decodeEnvelope(minimal), { type: 6, timestamp: T, content: SEALED });

  const proSig = bytes(64, 77);
  const full = encodeEnvelope({
    type: EnvelopeType.SESSION_MESSAGE,
    timestamp: T,
    content: SEALED,
    sourceDevice: 1,
    proSig,
  });
  assert.equal(
    toHex(full),
    toHex(concatBytes(vint(1, 6), vint(5, T), vint(7, 1), len(8, SEALED), len(11, proSig))),
  );
  const decoded: Envelope = decodeEnvelope(full);
  assert.deepEqual(decoded, { type: 6, timestamp: T, sourceDevice: 1, content: SEALED, proSig });
});

Deno.test("1:1 envelope: source is refused by the type and at run time", () => {
  const withSource = {
    type: EnvelopeType.SESSION_MESSAGE,
    timestamp: T,
    content: SEALED,
    source: GROUP_KEY,
  } as const;
  // @ts-expect-error: a 1:1 envelope has no source
  assertValidation(() => encodeEnvelope(withSource), "invalid_field", "envelope.source");
  assertValidation(
    () => encodeLoose({ type: 6, timestamp: T, content: SEALED, source: "" }),
    "invalid_field",
    "envelope.source",
  );
});

Deno.test("1:1 envelope: a source on the wire is dropped on decode (unauthenticated)", () => {
  const wire = concatBytes(vint(1, 6), str(2, GROUP_KEY), vint(5, T), len(8, SEALED));
  const envelope = decodeEnvelope(wire);
  assert.equal("source" in envelope, false);
  assert.deepEqual(envelope, { type: 6, timestamp: T, content: SEALED });
});

Deno.test("legacy group envelope keeps a 66-hex source (and an empty one)", () => {
  for (const source of [GROUP_KEY, ""]) {
    const wire = encodeEnvelope({
      type: EnvelopeType.CLOSED_GROUP_MESSAGE,
      source,
      timestamp: T,
      content: SEALED,
    });
    assert.equal(
      toHex(wire),
      toHex(concatBytes(vint(1, 7), str(2, source), vint(5, T), len(8, SEALED))),
    );
    const envelope = decodeEnvelope(wire);
    assert.equal(envelope.type, EnvelopeType.CLOSED_GROUP_MESSAGE);
    if (envelope.type === EnvelopeType.CLOSED_GROUP_MESSAGE) assert.equal(envelope.source, source);
  }
});

Deno.test("group envelope: a malformed source is refused both ways", () => {
  for (const source of ["05abc", GROUP_KEY + "00", "zz" + GROUP_KEY.slice(2)]) {
    assertValidation(
      () =>
        encodeEnvelope({
          type: EnvelopeType.CLOSED_GROUP_MESSAGE,
          source,
          timestamp: T,
          content: SEALED,
        }),
      "invalid_field",
      "envelope.source",
    );
    assertValidation(
      () => decodeEnvelope(concatBytes(vint(1, 7), str(2, source), vint(5, T), len(8, SEALED))),
      "invalid_field",
      "envelope.source",
    );
  }
});

Deno.test("proSig must be exactly 64 bytes when present", () => {
  for (const n of [0, 32, 63, 65, 128]) {
    assertValidation(
      () =>
        encodeEnvelope({
          type: EnvelopeType.SESSION_MESSAGE,
          timestamp: T,
          content: SEALED,
          proSig: bytes(n),
        }),
      "bad_length",
      "envelope.proSig",
    );
    assertValidation(
      () => decodeEnvelope(concatBytes(vint(1, 6), vint(5, T), len(8, SEALED), len(11, bytes(n)))),
      "bad_length",
      "envelope.proSig",
    );
  }
  assertValidation(
    () => encodeLoose({ type: 6, timestamp: T, content: SEALED, proSig: "ab".repeat(64) }),
    "invalid_field",
    "envelope.proSig",
  );
});

Deno.test("missing type, timestamp or content → missing_field", () => {
  assertValidation(
    () => decodeEnvelope(concatBytes(vint(5, T), len(8, SEALED))),
    "missing_field",
    "envelope.type",
  );
  assertValidation(
    () => decodeEnvelope(concatBytes(vint(1, 6), len(8, SEALED))),
    "missing_field",
    "envelope.timestamp",
  );
  assertValidation(
    () => decodeEnvelope(concatBytes(vint(1, 6), vint(5, T))),
    "missing_field",
    "envelope.content",
  );
  // An envelope type other than 6/7 (e.g. Signal's old CIPHERTEXT = 1) is not a Session envelope.
  assertValidation(
    () => decodeEnvelope(concatBytes(vint(1, 1), vint(5, T), len(8, SEALED))),
    "missing_field",
    "envelope.type",
  );
  assertValidation(
    () => encodeLoose({ type: 6, content: SEALED }),
    "missing_field",
    "envelope.timestamp",
  );
  assertValidation(
    () => encodeLoose({ timestamp: T, content: SEALED }),
    "missing_field",
    "envelope.type",
  );
  assertValidation(
    () => encodeLoose({ type: 6, timestamp: T }),
    "missing_field",
    "envelope.content",
  );
  assertValidation(
    () => encodeLoose({ type: 1, timestamp: T, content: SEALED }),
    "invalid_field",
    "envelope.type",
  );
});

Deno.test("timestamps: above 2^53 − 1 refused; serverTimestamp decoded but not settable", () => {
  assertValidation(
    () => decodeEnvelope(concatBytes(vint(1, 6), vint(5, 2n ** 63n), len(8, SEALED))),
    "out_of_range",
    "envelope.timestamp",
  );
  const withServerTs = concatBytes(vint(1, 6), vint(5, T), len(8, SEALED), vint(10, T + 9));
  assert.equal(decodeEnvelope(withServerTs).serverTimestamp, T + 9);
  assertValidation(
    () => encodeLoose({ type: 6, timestamp: T, content: SEALED, serverTimestamp: T }),
    "invalid_field",
    "envelope.serverTimestamp",
  );
  assertValidation(
    () =>
      encodeEnvelope({ type: EnvelopeType.SESSION_MESSAGE, timestamp: 2 ** 53, content: SEALED }),
    "out_of_range",
    "envelope.timestamp",
  );
});

Deno.test("tampered envelope wire types are refused", () => {
  // timestamp as fixed64 instead of varint
  assertValidation(
    () => decodeEnvelope(concatBytes(vint(1, 6), fixed64(5, BigInt(T)), len(8, SEALED))),
    "bad_protobuf",
    "envelope.timestamp",
  );
  // content as varint
  assertValidation(
    () => decodeEnvelope(concatBytes(vint(1, 6), vint(5, T), vint(8, 200))),
    "bad_protobuf",
    "envelope.content",
  );
});
