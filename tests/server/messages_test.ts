import assert from "node:assert/strict";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { postJson, startService } from "./_setup.ts";

Deno.test("POST /v1/messages: JSON text reaches the peer; the answer has hash and timestamp", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const alice = await net.createUser("alice");

  const response = await postJson(service, "/v1/messages", {
    to: alice.sessionId,
    body: "hi alice",
  });
  assert.equal(response.status, 201);
  const sent = await response.json();
  assert.equal(typeof sent.hash, "string");
  assert.ok(Number.isInteger(sent.timestamp));
  assert.equal(sent.to, alice.sessionId);
  const got = await alice.nextMessage({ from: service.client.sessionId });
  assert.equal(got.body, "hi alice");
  assert.equal(got.timestamp, sent.timestamp);

  // A reply quoting alice's message, to her ONS name.
  net.devnet.names.register("alice-test", alice.sessionId);
  const mine = await alice.send(service.client.sessionId, "question?");
  const reply = await postJson(service, "/v1/messages", {
    to: "alice-test",
    body: "answer",
    replyTo: { timestamp: mine.timestamp, author: alice.sessionId, text: "question?" },
  });
  assert.equal(reply.status, 201, await reply.clone().text());
  const quoted = await alice.nextMessage({ from: service.client.sessionId });
  assert.equal(quoted.body, "answer");
  assert.equal(quoted.quote?.timestamp, mine.timestamp);
  assert.equal(quoted.quote?.author, alice.sessionId);
});

Deno.test("POST /v1/messages: multipart file reaches the peer; base64 data too", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const bob = await net.createUser("bob");
  const bytes = new Uint8Array(3000).map((_, i) => (i * 7) & 0xff);

  const form = new FormData();
  form.set("to", bob.sessionId);
  form.set("body", "a file for you");
  form.append("file", new File([bytes], "data.bin", { type: "application/octet-stream" }));
  const response = await service.call("/v1/messages", { method: "POST", body: form });
  assert.equal(response.status, 201, await response.clone().text());
  await response.body?.cancel();
  const got = await bob.nextMessage();
  assert.equal(got.body, "a file for you");
  assert.equal(got.attachments[0].fileName, "data.bin");
  assert.deepEqual((await bob.download(got.attachments[0])).bytes, bytes);

  const data = btoa(String.fromCharCode(...bytes.slice(0, 100)));
  const inline = await postJson(service, "/v1/messages", {
    to: bob.sessionId,
    attachments: [{ data, fileName: "small.bin" }],
  });
  assert.equal(inline.status, 201, await inline.clone().text());
  await inline.body?.cancel();
  const second = await bob.nextMessage();
  assert.deepEqual((await bob.download(second.attachments[0])).bytes, bytes.slice(0, 100));
});

Deno.test("POST /v1/messages: bad recipients are 400 naming to", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const cases = [
    "15" + "ab".repeat(32), // a blinded ID
    "05" + "ab".repeat(30), // too short
    "not a name!", // invalid ONS name
    "nobody-registered", // valid name, not registered
  ];
  for (const to of cases) {
    const response = await postJson(service, "/v1/messages", { to, body: "x" });
    assert.equal(response.status, 400, to);
    const body = await response.json();
    assert.equal(body.error, "bad_request");
    assert.deepEqual(body.issues.map((i: { path: string }) => i.path), ["to"], to);
  }
});
