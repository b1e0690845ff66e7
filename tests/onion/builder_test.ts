import assert from "node:assert/strict";
import { fromBase64, randomBytes, toBase64, toHex, utf8 } from "../../src/core/bytes.ts";
import { CryptoError, OnionError } from "../../src/core/errors.ts";
import {
  buildOnionRequest,
  decodeServerReply,
  decodeSnodeReply,
  encodeLayer,
  encodeV4Request,
  encryptHop,
  type EncType,
  onionHttpError,
  type OnionRequestOptions,
  parseLayer,
  readV4Body,
  type ServerDestination,
  snodePayload,
  wrapReply,
} from "../../src/onion/mod.ts";
import { assertValidation } from "../assertions.ts";
import { deliver, simNode, type Trace } from "./_network.ts";

const ENC_TYPES: EncType[] = ["aes-gcm", "xchacha20", "aes-cbc"];
const RPC = { method: "retrieve", params: { pubkey: "05" + "ab".repeat(32), namespace: 0 } };

function network() {
  const path = [simNode(), simNode(), simNode()];
  const snode = simNode();
  const server = simNode();
  const serverDestination: ServerDestination = {
    kind: "server",
    host: "files.example",
    target: "/oxen/v4/lsrpc",
    protocol: "http",
    port: 80,
    x25519: server.keys.publicKey,
  };
  return { path, snode, server, serverDestination };
}

for (const encType of ENC_TYPES) {
  Deno.test(`${encType}: 4 layers to a snode, peeled hop by hop, reply decrypted`, () => {
    const { path, snode } = network();
    const request = buildOnionRequest({
      path: path.map((node) => node.hop),
      destination: { kind: "snode", ed25519: snode.ed25519, x25519: snode.hop.x25519 },
      payload: snodePayload(RPC),
      encType,
    });
    assert.equal(request.encType, encType);
    const outer = parseLayer(request.body).json;
    assert.deepEqual(Object.keys(outer), ["ephemeral_key", "enc_type"]);
    assert.equal(outer.enc_type, encType);

    const trace: Trace = { peeled: [] };
    const reply = deliver(request.body, path, snode, {}, trace);
    assert.equal(trace.peeled.length, 4, "guard, two relays and the destination each peel once");
    assert.deepEqual(
      trace.peeled.map((p) => p.route.type),
      ["relay_to_node", "relay_to_node", "relay_to_node", "final_destination"],
    );
    for (const [i, peeled] of trace.peeled.entries()) {
      assert.equal(peeled.encType, encType);
      if (peeled.route.type === "relay_to_node") {
        assert.equal(peeled.route.destination, i < 2 ? path[i + 1].ed25519 : snode.ed25519);
        assert.equal(peeled.route.encType, encType);
      }
    }
    assert.deepEqual(trace.peeled[3].key, request.destinationKey);
    assert.deepEqual(trace.rpc, RPC);
    assert.deepEqual(request.decryptSnodeReply(reply), { status: 200, body: { ok: RPC } });
    assert.deepEqual(decodeSnodeReply(reply, request.destinationKey, encType), {
      status: 200,
      body: { ok: RPC },
    });
  });

  Deno.test(`${encType}: 4 layers to a v4 server through the exit node`, () => {
    const { path, server, serverDestination } = network();
    const request = buildOnionRequest({
      path: path.map((node) => node.hop),
      destination: serverDestination,
      payload: encodeV4Request({ method: "POST", endpoint: "/file" }, new Uint8Array([1, 2, 3])),
      encType,
    });
    const trace: Trace = { peeled: [] };
    const reply = deliver(request.body, path, server, {
      server: (req) => ({
        code: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "42", size: req.body?.length }),
      }),
    }, trace);
    assert.equal(trace.peeled.length, 3);
    const exit = trace.peeled[2];
    assert.equal(exit.route.type, "relay_to_server");
    assert.deepEqual(Object.keys(parseLayer(exit.forward!).json), [
      "host",
      "target",
      "method",
      "protocol",
      "port",
      "ephemeral_key",
      "enc_type",
    ]);
    assert.deepEqual(exit.route, {
      type: "relay_to_server",
      host: "files.example",
      target: "/oxen/v4/lsrpc",
      protocol: "http",
      port: 80,
      method: "POST",
      ephemeralKey: exit.route.type === "relay_to_server" ? exit.route.ephemeralKey : "",
      encType,
    });
    assert.deepEqual(trace.v4, {
      meta: { method: "POST", endpoint: "/file", headers: {} },
      body: new Uint8Array([1, 2, 3]),
    });
    const response = request.decryptServerReply(reply);
    assert.equal(response.code, 200);
    assert.deepEqual(readV4Body(response), { id: "42", size: 3 });
    assert.deepEqual(decodeServerReply(reply, request.destinationKey, encType), response);
  });
}

Deno.test("paths of 1 to 14 nodes work; the outer layer names only the guard's key", () => {
  for (const length of [1, 2, 5, 14]) {
    const path = Array.from({ length }, simNode);
    const snode = simNode();
    const request = buildOnionRequest({
      path: path.map((node) => node.hop),
      destination: { kind: "snode", ...snode.hop },
      payload: snodePayload(JSON.stringify(RPC)),
    });
    const trace: Trace = { peeled: [] };
    const reply = deliver(request.body, path, snode, {}, trace);
    assert.equal(trace.peeled.length, length + 1);
    assert.equal(request.decryptSnodeReply(reply).status, 200);
  }
});

Deno.test("snode replies: error statuses, plain-text bodies, json:true, status_code, result", () => {
  const { path, snode } = network();
  const build = (payload = snodePayload(RPC)) =>
    buildOnionRequest({
      path: path.map((n) => n.hop),
      destination: { kind: "snode", ...snode.hop },
      payload,
    });
  let request = build();
  const wrongSwarm = deliver(request.body, path, snode, {
    snode: () => ({ status: 421, body: JSON.stringify({ snodes: [], swarm: "ff" }) }),
  });
  assert.deepEqual(request.decryptSnodeReply(wrongSwarm), {
    status: 421,
    body: { snodes: [], swarm: "ff" },
  });
  request = build();
  const text = deliver(request.body, path, snode, {
    snode: () => ({ status: 401, body: "retrieve signature verification failed" }),
  });
  assert.deepEqual(request.decryptSnodeReply(text), {
    status: 401,
    body: "retrieve signature verification failed",
  });
  // "json": true in the final layer: the body is embedded, not a string.
  request = build(encodeLayer(utf8(JSON.stringify(RPC)), { headers: {}, json: true }));
  const embedded = deliver(request.body, path, snode);
  assert.deepEqual(request.decryptSnodeReply(embedded), { status: 200, body: { ok: RPC } });
  // Legacy shapes: {"status_code"} inside, {"result": base64} outside.
  const key = request.destinationKey;
  const sealed = encryptHop("aes-gcm", key, utf8('{"status_code":200,"body":"[1,2]"}'));
  const wrapped = utf8(JSON.stringify({ result: toBase64(sealed) }));
  assert.deepEqual(request.decryptSnodeReply(wrapped), { status: 200, body: [1, 2] });
});

Deno.test("a hop's own encrypted error names the hop and status", () => {
  const { path, snode, server, serverDestination } = network();
  for (const hop of [0, 1, 2]) {
    const request = buildOnionRequest({
      path: path.map((n) => n.hop),
      destination: { kind: "snode", ...snode.hop },
      payload: snodePayload(RPC),
    });
    const reply = deliver(request.body, path, snode, {
      failAt: { hop, status: 400, body: "Invalid json" },
    });
    assert.throws(
      () => request.decryptSnodeReply(reply),
      (e) =>
        e instanceof OnionError && e.hop === hop && e.status === 400 && e.code === "hop_error" &&
        e.message.includes("Invalid json"),
    );
  }
  // The exit refuses a target (here forged past the builder's own check).
  const request = buildOnionRequest({
    path: path.map((n) => n.hop),
    destination: serverDestination,
    payload: encodeV4Request({ method: "GET", endpoint: "/" }),
  });
  const reply = deliver(request.body, path, server, {
    failAt: { hop: 2, status: 502, body: "Failed to reach server" },
  });
  assert.throws(
    () => request.decryptServerReply(reply),
    (e) => e instanceof OnionError && e.hop === 2 && e.status === 502,
  );
});

Deno.test("undecryptable and malformed replies give CryptoError / OnionError bad_reply", () => {
  const { path, snode, server, serverDestination } = network();
  const request = buildOnionRequest({
    path: path.map((n) => n.hop),
    destination: { kind: "snode", ...snode.hop },
    payload: snodePayload(RPC),
  });
  const reply = deliver(request.body, path, snode);
  const sealed = fromBase64(new TextDecoder().decode(reply));
  sealed[sealed.length - 1] ^= 1;
  const isDecryptFailure = (e: unknown) => e instanceof CryptoError && e.code === "decrypt_failed";
  assert.throws(() => request.decryptSnodeReply(utf8(toBase64(sealed))), isDecryptFailure);
  assert.throws(() => request.decryptSnodeReply(reply.subarray(0, 20)), isDecryptFailure);
  const isBadReply = (e: unknown) => e instanceof OnionError && e.code === "bad_reply";
  assert.throws(() => request.decryptSnodeReply(utf8("Snode not ready: abc")), isBadReply);
  assert.throws(() => request.decryptSnodeReply(new Uint8Array([0xff, 0xfe])), isBadReply);
  const key = request.destinationKey;
  for (const plain of ["not json", "[1]", '{"body":"x"}', '{"status":"200"}']) {
    const bad = utf8(toBase64(encryptHop("aes-gcm", key, utf8(plain))));
    assert.throws(() => request.decryptSnodeReply(bad), isBadReply, plain);
  }
  assert.throws(() => request.decryptServerReply(reply), TypeError);

  const toServer = buildOnionRequest({
    path: path.map((n) => n.hop),
    destination: serverDestination,
    payload: encodeV4Request({ method: "GET", endpoint: "/" }),
  });
  assert.throws(() => toServer.decryptSnodeReply(reply), TypeError);
  assert.throws(() => toServer.decryptServerReply(randomBytes(50)), isDecryptFailure);
  assert.throws(() => toServer.decryptServerReply(new Uint8Array(0)), isDecryptFailure);
  const notV4 = encryptHop("aes-gcm", toServer.destinationKey, utf8("l3:abce"));
  assert.throws(() => toServer.decryptServerReply(notV4), isBadReply);
  void server;
});

Deno.test("buildOnionRequest validates path, destination, payload and enc type", () => {
  const { path, snode, serverDestination } = network();
  const hops = path.map((n) => n.hop);
  const good: OnionRequestOptions = {
    path: hops,
    destination: { kind: "snode", ...snode.hop },
    payload: snodePayload(RPC),
  };
  const build = (change: Partial<Record<keyof OnionRequestOptions, unknown>>) => () =>
    buildOnionRequest({ ...good, ...change } as OnionRequestOptions);
  assertValidation(build({ path: [] }), "bad_path", "path");
  assertValidation(build({ path: Array(15).fill(hops[0]) }), "bad_path", "path");
  assertValidation(build({ path: "x" }), "bad_path", "path");
  assertValidation(
    build({ path: [hops[0], { ...hops[1], ed25519: "xy" }] }),
    "bad_key",
    "path[1].ed25519",
  );
  assertValidation(
    build({ path: [{ ...hops[0], x25519: randomBytes(31) }] }),
    "bad_key",
    "path[0].x25519",
  );
  assertValidation(build({ path: [null] }), "bad_key", "path[0].ed25519");
  assertValidation(
    build({ destination: { ...good.destination, kind: "lokinet" } }),
    "bad_destination",
  );
  assertValidation(build({ destination: { kind: "snode", ed25519: snode.ed25519 } }), "bad_key");
  assertValidation(
    build({ destination: { ...good.destination, ed25519: 5 } }),
    "bad_key",
    "destination.ed25519",
  );
  assertValidation(build({ payload: utf8(JSON.stringify(RPC)) }), "bad_payload", "payload");
  assertValidation(
    build({ payload: encodeLayer(utf8("{}"), { json: true }) }),
    "bad_payload",
    "payload",
  );
  assert.throws(build({ payload: "text" }), TypeError);
  assertValidation(build({ encType: "gcm2" }), "bad_enc_type");
  const server = (change: Partial<ServerDestination>) =>
    build({ destination: { ...serverDestination, ...change }, payload: utf8("l2:{}e") });
  assert.doesNotThrow(server({}));
  for (
    const [change, field] of [
      [{ target: "/oxen/v4/lsrpc?x=1" }, "destination.target"],
      [{ target: "/file" }, "destination.target"],
      [{ host: "http://files.example" }, "destination.host"],
      [{ host: "files.example:80" }, "destination.host"],
      [{ host: "" }, "destination.host"],
      [{ protocol: "ftp" }, "destination.protocol"],
      [{ port: 0 }, "destination.port"],
      [{ port: 70000 }, "destination.port"],
      [{ port: "80" }, "destination.port"],
    ] as [Partial<ServerDestination>, string][]
  ) {
    assertValidation(server(change), "bad_destination", field);
  }
});

Deno.test("snodePayload frames JSON RPC bodies and refuses anything else", () => {
  const framed = parseLayer(snodePayload(RPC));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(framed.blob)), RPC);
  assert.deepEqual(framed.json, { headers: {} });
  assert.deepEqual(snodePayload(utf8(JSON.stringify(RPC))), snodePayload(JSON.stringify(RPC)));
  for (
    const bad of [null, 5, [], { params: {} }, { method: 1 }, "{", "[]", new Uint8Array([0xff])]
  ) {
    assertValidation(() => snodePayload(bad), "bad_payload", "payload");
  }
});

Deno.test("onionHttpError maps path failures to actionable codes", () => {
  const cases: [number, string, string][] = [
    [406, "Timestamp error", "clock_out_of_sync"],
    [425, "", "clock_out_of_sync"],
    [421, "", "wrong_swarm"],
    [502, "502 Bad Gateway\n\nNext node not found: " + "ab".repeat(32), "next_node_not_found"],
    [400, "Invalid ciphertext", "invalid_ciphertext"],
    [503, "Snode not ready: abc", "node_not_ready"],
    [504, "Request time out", "timeout"],
    [500, "Invalid response from snode", "path_failed"],
    [400, "Error parsing onion request: x", "path_failed"],
  ];
  for (const [status, body, code] of cases) {
    const error = onionHttpError(status, utf8(body));
    assert.ok(error instanceof OnionError);
    assert.equal(error.code, code, body);
    assert.equal(error.status, status);
    assert.ok(error.message.includes(String(status)));
  }
  assert.match(onionHttpError(502, "Next node not found: " + "ab".repeat(32)).message, /abab/);
});

Deno.test("each request uses fresh ephemeral keys", () => {
  const { path, snode } = network();
  const options: OnionRequestOptions = {
    path: path.map((n) => n.hop),
    destination: { kind: "snode", ...snode.hop },
    payload: snodePayload(RPC),
  };
  const a = buildOnionRequest(options);
  const b = buildOnionRequest(options);
  assert.notEqual(toHex(a.destinationKey), toHex(b.destinationKey));
  assert.notEqual(parseLayer(a.body).json.ephemeral_key, parseLayer(b.body).json.ephemeral_key);
  assert.ok(Object.isFrozen(a));
  // A reply for one request does not open with the other's keys.
  const reply = wrapReply(a.destinationKey, "aes-gcm", { status: 200, body: "{}" });
  assert.throws(() => b.decryptSnodeReply(reply), CryptoError);
});
