import assert from "node:assert/strict";
import { fromHex } from "../../src/core/bytes.ts";
import { classifyLayer, isRelayTargetAllowed, parseLayer, readRoute } from "../../src/onion/mod.ts";
import { assertValidation } from "../assertions.ts";
import { vectors } from "../vectors.ts";

const ED = "ab".repeat(32);
const EPH = "cd".repeat(32);

for (const v of vectors("onion.json", "layer_route")) {
  Deno.test(`layer_route ${v.id}`, () => {
    const bytes = fromHex(v.layer_hex);
    const { blob, json } = parseLayer(bytes);
    assert.equal(new TextDecoder().decode(blob), v.expected.ciphertext_utf8 ?? "ciphertext");
    const route = classifyLayer(json);
    assert.equal(route.type, v.expected.type);
    switch (route.type) {
      case "final_destination":
        assert.deepEqual(route, { type: "final_destination", json: false, base64: true });
        break;
      case "relay_to_server":
        assert.equal(route.host, v.expected.host);
        assert.equal(route.target, v.expected.target);
        assert.equal(route.port, v.expected.port);
        assert.equal(route.protocol, v.expected.protocol);
        assert.equal(route.encType, "aes-gcm");
        break;
      case "relay_to_node":
        assert.equal(route.destination, v.expected.next_node_ed25519_hex);
        assert.equal(route.ephemeralKey, v.expected.ephemeral_key_hex);
        assert.equal(route.encType, v.expected.enc_type);
        break;
    }
    // A node reading the same bytes as a decrypted plaintext reaches the same decision.
    const decision = readRoute(bytes);
    assert.deepEqual(decision.route, route);
    assert.deepEqual(decision.payload, blob);
  });
}

for (const v of vectors("onion.json", "relay_target_allowed")) {
  Deno.test(`relay_target_allowed ${v.id}: ${v.target}`, () => {
    assert.equal(isRelayTargetAllowed(v.target), v.expected_allowed);
  });
}

Deno.test("isRelayTargetAllowed: more edge cases", () => {
  assert.equal(isRelayTargetAllowed("/oxen/v4/lsrpc"), true);
  assert.equal(isRelayTargetAllowed("/oxen/lsrpc"), true);
  assert.equal(isRelayTargetAllowed("oxen/v4/lsrpc"), false);
  assert.equal(isRelayTargetAllowed("/oxen/v4/lsrpc/"), false);
  assert.equal(isRelayTargetAllowed("/oxen/v4/lsrpc?"), false);
  assert.equal(isRelayTargetAllowed("/OXEN/v4/lsrpc"), false);
  assert.equal(isRelayTargetAllowed(undefined), false);
  assert.equal(isRelayTargetAllowed(42), false);
});

Deno.test("classifyLayer: decision order headers > host > destination; flags and defaults", () => {
  assert.equal(
    classifyLayer({ headers: {}, host: "h", destination: ED }).type,
    "final_destination",
  );
  assert.deepEqual(classifyLayer({ headers: "", json: true, base64: false }), {
    type: "final_destination",
    json: true,
    base64: false,
  });
  const server = classifyLayer({
    host: "files.example",
    target: "/oxen/v4/lsrpc",
    method: "POST",
    protocol: "http",
    port: 80,
    ephemeral_key: EPH.toUpperCase(),
    enc_type: "xchacha20-poly1305",
  });
  assert.deepEqual(server, {
    type: "relay_to_server",
    host: "files.example",
    target: "/oxen/v4/lsrpc",
    protocol: "http",
    port: 80,
    method: "POST",
    ephemeralKey: EPH,
    encType: "xchacha20",
  });
  assert.deepEqual(
    classifyLayer({ destination: ED.toUpperCase(), ephemeral_key: EPH, hop_no: 2 }),
    {
      type: "relay_to_node",
      destination: ED,
      ephemeralKey: EPH,
      encType: "aes-gcm",
    },
  );
});

Deno.test("classifyLayer: wrong types and missing keys are bad_route naming the field", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{}, "destination"],
    [{ unknown: 1, other: "x" }, "destination"],
    [{ headers: {}, json: "yes" }, "json"],
    [{ headers: {}, base64: 0 }, "base64"],
    [{ host: 5, target: "/oxen/v4/lsrpc" }, "host"],
    [{ host: "", target: "/oxen/v4/lsrpc" }, "host"],
    [{ host: "h" }, "target"],
    [{ host: "h", target: ["/oxen/v4/lsrpc"] }, "target"],
    [{ host: "h", target: "/t", port: "443" }, "port"],
    [{ host: "h", target: "/t", port: 0 }, "port"],
    [{ host: "h", target: "/t", port: 65536 }, "port"],
    [{ host: "h", target: "/t", port: 44.5 }, "port"],
    [{ host: "h", target: "/t", protocol: "ftp" }, "protocol"],
    [{ host: "h", target: "/t", method: 1 }, "method"],
    [{ host: "h", target: "/t", ephemeral_key: "xyz" }, "ephemeral_key"],
    [{ host: "h", target: "/t", enc_type: "nope" }, "enc_type"],
    [{ destination: ED }, "ephemeral_key"],
    [{ destination: ED.slice(1), ephemeral_key: EPH }, "destination"],
    [{ destination: "zz".repeat(32), ephemeral_key: EPH }, "destination"],
    [{ destination: null, ephemeral_key: EPH }, "destination"],
    [{ destination: ED, ephemeral_key: EPH + "00" }, "ephemeral_key"],
    [{ destination: ED, ephemeral_key: EPH, enc_type: 7 }, "enc_type"],
  ];
  for (const [json, field] of cases) {
    const error = assertValidation(() => classifyLayer(json), "bad_route", field);
    assert.match(error.message, /^Invalid json: /);
  }
  assertValidation(() => classifyLayer([] as unknown as Record<string, unknown>), "bad_route");
});
