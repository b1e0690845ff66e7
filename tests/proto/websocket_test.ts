/**
 * WebSocketMessage wrapping/unwrapping (both styles, libsession's acceptance rule) and v2 DM
 * detection.
 */
import assert from "node:assert/strict";
import {
  decodeWebSocketMessage,
  detectV2Dm,
  encodeEnvelope,
  EnvelopeType,
  unwrapWebSocketMessage,
  type WebSocketStyle,
  wrapWebSocketMessage,
} from "../../src/proto/mod.ts";
import { fromBase64 } from "../../src/core/bytes.ts";
import { vectors } from "../vectors.ts";
import { assertValidation, bytes, concatBytes, len, str, T, toHex, vint } from "./_helpers.ts";

const ENVELOPE = encodeEnvelope({
  type: EnvelopeType.SESSION_MESSAGE,
  timestamp: T,
  content: bytes(50),
});

Deno.test("desktop and libsession styles: exact bytes", () => {
  assert.equal(
    toHex(wrapWebSocketMessage(ENVELOPE, "desktop")),
    toHex(
      concatBytes(
        vint(1, 1),
        len(2, str(1, "PUT"), str(2, "/api/v1/message"), len(3, ENVELOPE), vint(4, 0)),
      ),
    ),
  );
  assert.equal(
    toHex(wrapWebSocketMessage(ENVELOPE, "libsession")),
    toHex(concatBytes(vint(1, 1), len(2, str(1, ""), str(2, ""), len(3, ENVELOPE), vint(4, 0)))),
  );
  // desktop is the default
  assert.deepEqual(wrapWebSocketMessage(ENVELOPE), wrapWebSocketMessage(ENVELOPE, "desktop"));
});

Deno.test("unwrap returns the envelope for both styles", () => {
  for (const style of ["desktop", "libsession"] as const) {
    assert.deepEqual(unwrapWebSocketMessage(wrapWebSocketMessage(ENVELOPE, style)), ENVELOPE);
  }
});

Deno.test("unwrap follows libsession: type, verb and path are ignored", () => {
  const variants = [
    concatBytes(len(2, len(3, ENVELOPE))), // no type, no verb/path/id
    concatBytes(vint(1, 2), len(2, str(1, "GET"), str(2, "/other"), len(3, ENVELOPE))),
    concatBytes(vint(1, 0), len(2, len(3, ENVELOPE), str(5, "X-Header: 1"))),
  ];
  for (const wire of variants) assert.deepEqual(unwrapWebSocketMessage(wire), ENVELOPE);
  // decodeWebSocketMessage still shows what was there
  assert.deepEqual(decodeWebSocketMessage(variants[1]), {
    type: 2,
    request: { verb: "GET", path: "/other", body: ENVELOPE },
  });
});

Deno.test("unwrap requires a request with a non-empty body", () => {
  assertValidation(
    () => unwrapWebSocketMessage(vint(1, 1)),
    "missing_field",
    "webSocketMessage.request",
  );
  assertValidation(
    () => unwrapWebSocketMessage(new Uint8Array()),
    "missing_field",
    "webSocketMessage.request",
  );
  assertValidation(
    () => unwrapWebSocketMessage(concatBytes(vint(1, 1), len(2, str(1, "PUT")))),
    "missing_field",
    "webSocketMessage.request.body",
  );
  assertValidation(
    () => unwrapWebSocketMessage(concatBytes(vint(1, 1), len(2, len(3)))),
    "missing_field",
    "webSocketMessage.request.body",
  );
  // A response-only message (libsession's proto has one) carries no envelope.
  assertValidation(
    () => unwrapWebSocketMessage(concatBytes(vint(1, 2), len(3, vint(2, 200), len(4, ENVELOPE)))),
    "missing_field",
    "webSocketMessage.request",
  );
});

Deno.test("unwrap refuses garbage and a base64 string's bytes", () => {
  const [v] = vectors("messages.json", "wrapped_message");
  assertValidation(
    () => unwrapWebSocketMessage(new TextEncoder().encode(v.data_b64)),
    "bad_protobuf",
  );
  assertValidation(
    () => unwrapWebSocketMessage(fromBase64(v.data_b64).subarray(1)),
    "bad_protobuf",
  );
});

Deno.test("wrap refuses an empty envelope, a bad style and non-bytes", () => {
  assertValidation(
    () => wrapWebSocketMessage(new Uint8Array()),
    "missing_field",
    "webSocketMessage.request.body",
  );
  for (const style of ["Desktop", "", "toString", "__proto__"]) {
    assertValidation(
      () => wrapWebSocketMessage(ENVELOPE, style as WebSocketStyle),
      "invalid_field",
      "style",
    );
  }
  assert.throws(() => wrapWebSocketMessage("abc" as unknown as Uint8Array), TypeError);
});

/** A v2 DM-shaped payload: 0x00 0x02 ‖ ki ‖ E ‖ ML-KEM ct ‖ ciphertext+tag. */
function v2Dm(total: number): Uint8Array {
  const out = bytes(total, 9);
  out[0] = 0x00;
  out[1] = 0x02;
  return out;
}

Deno.test("detectV2Dm: prefix 0x00 0x02 and at least 2+2+32+1088+16 = 1140 bytes", () => {
  assert.equal(detectV2Dm(v2Dm(1140)), true);
  assert.equal(detectV2Dm(v2Dm(5000)), true);
  assert.equal(detectV2Dm(v2Dm(1139)), false);
  assert.equal(detectV2Dm(new Uint8Array([0x00, 0x02])), false);
  const wrongVersion = v2Dm(1200);
  wrongVersion[1] = 0x03;
  assert.equal(detectV2Dm(wrongVersion), false);
  const wrongFirst = v2Dm(1200);
  wrongFirst[0] = 0x08;
  assert.equal(detectV2Dm(wrongFirst), false);
  assert.equal(detectV2Dm(new Uint8Array()), false);
  for (const v of vectors("messages.json")) {
    if (v.data_b64) assert.equal(detectV2Dm(fromBase64(v.data_b64)), false, v.id);
  }
  assert.throws(() => detectV2Dm([0, 2] as unknown as Uint8Array), TypeError);
});

Deno.test("a v2 DM is refused with the typed skip reason unsupported_v2_dm", () => {
  const error = assertValidation(
    () => unwrapWebSocketMessage(v2Dm(1500)),
    "unsupported_v2_dm",
    "webSocketMessage",
  );
  assert.match(error.message, /v2 DM/);
  assertValidation(() => decodeWebSocketMessage(v2Dm(1140)), "unsupported_v2_dm");
  // Too short for a v2 DM: just bad protobuf (field number 0).
  assertValidation(() => unwrapWebSocketMessage(v2Dm(100)), "bad_protobuf");
});
