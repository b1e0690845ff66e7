import assert from "node:assert/strict";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { postJson, startService } from "./_setup.ts";

const PEER = "05" + "cd".repeat(32);

Deno.test("bodies: malformed JSON and wrong types are 400 with the failing paths", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const malformed = await service.call("/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"to": "05…", "body": ',
  });
  assert.equal(malformed.status, 400);
  const m = await malformed.json();
  assert.equal(m.error, "bad_request");
  assert.match(m.message, /not valid JSON/);

  const cases: [unknown, string[]][] = [
    [{ to: 5, body: "x" }, ["to"]],
    [{ to: PEER, body: 7 }, ["body"]],
    [{ to: PEER }, ["body"]],
    [{ to: PEER, body: "x", replyTo: { timestamp: "yesterday", author: "me" } }, [
      "replyTo.timestamp",
      "replyTo.author",
    ]],
    [{ to: PEER, attachments: [{ url: "not a url" }] }, ["attachments.0.url"]],
    [{ to: PEER, attachments: [{ data: "%%%" }] }, ["attachments.0.data"]],
    [{ to: PEER, body: "x", extra: true }, [""]],
    [[1, 2], [""]],
  ];
  for (const [body, paths] of cases) {
    const response = await postJson(service, "/v1/messages", body);
    assert.equal(response.status, 400, JSON.stringify(body));
    const answer = await response.json();
    assert.equal(answer.error, "bad_request");
    const got = answer.issues.map((i: { path: string }) => i.path);
    for (const path of paths) assert.ok(got.includes(path), `${JSON.stringify(body)}: ${got}`);
    for (const issue of answer.issues) assert.equal(typeof issue.message, "string");
  }

  // Refused by the client's own checks (an empty file): still a 400 naming the field.
  const form = new FormData();
  form.set("to", PEER);
  form.append("file", new File([], "empty.txt"));
  const empty = await service.call("/v1/messages", { method: "POST", body: form });
  assert.equal(empty.status, 400);
  const emptyBody = await empty.json();
  assert.equal(emptyBody.code, "empty_file");
  assert.equal(emptyBody.issues.length, 1);

  const text = await service.call("/v1/messages", { method: "POST", body: "hello" });
  assert.equal(text.status, 415);
  await text.body?.cancel();

  const webhookBody = await postJson(service, "/v1/webhooks", { url: 5 });
  assert.equal(webhookBody.status, 400, "bodies are validated before the 501 of a missing feature");
  await webhookBody.body?.cancel();
});

Deno.test("bodies: oversize is 413 by Content-Length and by counted chunks", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net, { maxBodyBytes: 64 * 1024 });
  const big = JSON.stringify({ to: PEER, body: "x".repeat(100 * 1024) });
  const declared = await postJson(service, "/v1/messages", JSON.parse(big));
  assert.equal(declared.status, 413);
  assert.equal((await declared.json()).error, "payload_too_large");

  // No Content-Length: a stream of chunks, counted as it arrives.
  const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 16) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const chunked = await service.call("/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: stream,
  });
  assert.equal(chunked.status, 413);
  assert.equal((await chunked.json()).error, "payload_too_large");

  const form = new FormData();
  form.set("to", PEER);
  form.append("file", new File([new Uint8Array(100 * 1024)], "big.bin"));
  const multipart = await service.call("/v1/messages", { method: "POST", body: form });
  assert.equal(multipart.status, 413);
  await multipart.body?.cancel();
});

Deno.test("bodies: unknown routes are JSON 404", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const response = await service.call("/v2/nothing");
  assert.equal(response.status, 404);
  assert.match((await response.json()).message, /openapi\.json/);
});
