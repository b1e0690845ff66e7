/**
 * messages.json: full stored-message chains (data_b64 → WebSocketMessage → Envelope, and the
 * Content inside) decode to the expected fields, and re-encode to the same bytes.
 */
import assert from "node:assert/strict";
import { fromBase64, toBase64 } from "../../src/core/bytes.ts";
import {
  contentKind,
  decodeContent,
  decodeEnvelope,
  decodeWebSocketMessage,
  encodeContent,
  encodeEnvelope,
  EnvelopeType,
  unwrapWebSocketMessage,
  WebSocketMessageType,
  wrapWebSocketMessage,
} from "../../src/proto/mod.ts";
import { vectors } from "../vectors.ts";
import { concatBytes, fromHex, len, str, toHex, vint } from "./_helpers.ts";

for (const v of vectors("messages.json", "wrapped_message")) {
  const style = v.wrapper_style === "libsession" ? "libsession" : "desktop";

  Deno.test(`${v.id}: data_b64 unwraps to envelope_hex with the expected fields`, () => {
    const data = fromBase64(v.data_b64);
    assert.equal(toHex(data), v.websocket_message_hex);

    const ws = decodeWebSocketMessage(data);
    assert.equal(ws.type, WebSocketMessageType.REQUEST);
    assert.equal(ws.request?.verb, style === "desktop" ? "PUT" : "");
    assert.equal(ws.request?.path, style === "desktop" ? "/api/v1/message" : "");
    assert.equal(ws.request?.requestId, "0");

    const envelopeBytes = unwrapWebSocketMessage(data);
    assert.equal(toHex(envelopeBytes), v.envelope_hex);

    const envelope = decodeEnvelope(envelopeBytes);
    assert.equal(envelope.type, v.expected.envelope_type);
    assert.equal(envelope.type, EnvelopeType.SESSION_MESSAGE);
    assert.equal(envelope.timestamp, v.expected.envelope_timestamp_ms);
    assert.equal(toHex(envelope.content), v.sealed_hex);
    assert.equal(envelope.sourceDevice, style === "libsession" ? 1 : undefined);
    assert.equal(envelope.proSig, undefined);
    assert.equal("source" in envelope, false);
  });

  Deno.test(`${v.id}: content_hex decodes to body, display name and sigTimestamp`, () => {
    const content = decodeContent(fromHex(v.content_hex));
    assert.equal(contentKind(content), "data");
    assert.equal(content.dataMessage?.body, v.expected.body_utf8);
    assert.equal(content.dataMessage?.profile?.displayName, v.expected.display_name_utf8);
    assert.equal(content.sigTimestamp, v.expected.sig_timestamp_ms);
    // Nothing else is on the wire, and absent fields stay absent.
    assert.deepEqual(content, {
      dataMessage: {
        body: v.expected.body_utf8,
        profile: { displayName: v.expected.display_name_utf8 },
      },
      sigTimestamp: v.expected.sig_timestamp_ms,
    });
  });

  Deno.test(`${v.id}: a Content built from the fields encodes to content_hex byte for byte`, () => {
    const encoded = encodeContent({
      dataMessage: {
        body: v.body_utf8,
        profile: { displayName: v.display_name_utf8 },
      },
      sigTimestamp: v.timestamp_ms,
    });
    assert.equal(toHex(encoded), v.content_hex);
    // The vector's layout, spelled out: {1: {1: body, 101: {1: name}}, 15: T}.
    const expected = concatBytes(
      len(1, str(1, v.body_utf8), len(101, str(1, v.display_name_utf8))),
      vint(15, v.timestamp_ms),
    );
    assert.equal(toHex(expected), v.content_hex);
  });

  Deno.test(`${v.id}: envelope and wrapper re-encode to the vector bytes`, () => {
    const envelope = encodeEnvelope({
      type: EnvelopeType.SESSION_MESSAGE,
      timestamp: v.timestamp_ms,
      content: fromHex(v.sealed_hex),
      ...(style === "libsession" ? { sourceDevice: 1 } : {}),
    });
    assert.equal(toHex(envelope), v.envelope_hex);
    assert.equal(toBase64(wrapWebSocketMessage(envelope, style)), v.data_b64);
  });
}

for (const v of vectors("messages.json", "wrapped_message_parse")) {
  Deno.test(`${v.id}: real captured message parses to the expected structure`, () => {
    const data = fromBase64(v.data_b64);
    const ws = decodeWebSocketMessage(data);
    assert.equal(ws.type, v.expected.websocket_type);
    assert.equal(ws.request?.verb, v.expected.request_verb);
    assert.equal(ws.request?.path, v.expected.request_path);
    assert.equal(ws.request?.requestId, String(v.expected.request_id));

    const envelope = decodeEnvelope(unwrapWebSocketMessage(data));
    assert.equal(envelope.type, v.expected.envelope_type);
    assert.equal(envelope.timestamp, v.expected.envelope_timestamp_ms);
    assert.equal(envelope.content.length, v.expected.envelope_content_len);
    assert.equal(toHex(envelope.content), v.expected_sealed_hex);
    assert.equal("source" in envelope, v.expected.envelope_has_source);

    // Re-wrapping in desktop style reproduces the captured bytes.
    const rewrapped = wrapWebSocketMessage(
      encodeEnvelope({
        type: EnvelopeType.SESSION_MESSAGE,
        timestamp: envelope.timestamp,
        content: envelope.content,
      }),
      "desktop",
    );
    assert.equal(toBase64(rewrapped), v.data_b64);
  });
}
