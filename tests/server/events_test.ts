import assert from "node:assert/strict";
import type { EventPayload } from "../../src/bridge/mod.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";
import { readSse } from "./_sse.ts";
import { type Service, startService } from "./_setup.ts";

async function messageCount(service: Service): Promise<number> {
  const response = await service.call("/v1/messages?since=0&types=message&limit=1000");
  return (await response.json()).events.length;
}

Deno.test("GET /v1/messages: received events page by cursor", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const alice = await net.createUser("alice");
  for (const text of ["one", "two", "three"]) await alice.send(service.client.sessionId, text);
  await waitFor(async () => (await messageCount(service)) === 3, { what: "3 logged messages" });

  const first = await (await service.call("/v1/messages?since=0&types=message&limit=2")).json();
  assert.deepEqual(first.events.map((e: { payload: EventPayload }) => e.payload.body), [
    "one",
    "two",
  ]);
  const payload: EventPayload = first.events[0].payload;
  assert.equal(payload.schema, "sessionbot.event/v1");
  assert.equal(payload.from, alice.sessionId);
  assert.equal(payload.identity, service.client.sessionId);
  const rest = await (await service.call(`/v1/messages?since=${first.next}&types=message`)).json();
  assert.deepEqual(rest.events.map((e: { payload: EventPayload }) => e.payload.body), ["three"]);
  assert.equal(rest.more, false);

  const bad = await service.call("/v1/messages?since=abc&limit=0");
  assert.equal(bad.status, 400);
  assert.deepEqual((await bad.json()).issues.map((i: { path: string }) => i.path), ["since"]);
});

Deno.test("GET /v1/events: SSE stream; resume with Last-Event-ID gives exactly the missed events", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const alice = await net.createUser("alice");
  const to = service.client.sessionId;
  await alice.send(to, "one");
  await alice.send(to, "two");

  const first = readSse(await service.call("/v1/events?since=0&types=message"));
  const a = await first.next();
  const b = await first.next();
  assert.deepEqual([a, b].map((e) => JSON.parse(e!.data).body), ["one", "two"]);
  assert.match(b!.id!, /^\d{16}$/);
  await first.close();

  // Missed while disconnected.
  for (const text of ["three", "four", "five"]) await alice.send(to, text);
  await waitFor(async () => (await messageCount(service)) === 5, { what: "5 logged messages" });

  // EventSource reconnects to the same URL (since=0) adding Last-Event-ID: the header wins.
  const resumed = readSse(
    await service.call("/v1/events?since=0&types=message", {
      headers: { "last-event-id": b!.id! },
    }),
  );
  const missed = [];
  for (let i = 0; i < 3; i++) missed.push(JSON.parse((await resumed.next())!.data).body);
  assert.deepEqual(missed, ["three", "four", "five"]);
  // Then live, with nothing repeated.
  await alice.send(to, "six");
  const live = await resumed.next();
  assert.equal(JSON.parse(live!.data).body, "six");
  assert.ok(live!.id! > b!.id!);
  await resumed.close();

  const bad = await service.call("/v1/events", { headers: { "last-event-id": "x" } });
  assert.equal(bad.status, 400);
  assert.deepEqual((await bad.json()).issues[0].path, "Last-Event-ID");
});

Deno.test("GET /v1/events: heartbeats; closing the server ends open streams", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net, { heartbeatMs: 20 });
  const stream = readSse(await service.call("/v1/events"));
  const ended = stream.next(); // reads (and collects comments) until an event or the end
  await waitFor(() => stream.comments.includes("keep-alive"), { what: "a keep-alive comment" });
  await service.api.close();
  assert.equal(await ended, undefined, "the stream ended cleanly");
});

Deno.test("GET /v1/attachments/:id: a received file, decrypted", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const alice = await net.createUser("alice");
  const bytes = new TextEncoder().encode("quarterly report\n".repeat(100));
  await alice.send(service.client.sessionId, {
    body: "see attached",
    attachments: [{ bytes, fileName: "report.txt", contentType: "text/plain" }],
  });
  const event = await waitFor(async () => {
    const page = await (await service.call("/v1/messages?since=0&types=message")).json();
    return page.events[0]?.payload as EventPayload | undefined;
  }, { what: "the logged message" });
  const meta = event.attachments[0];
  assert.equal(meta.fileName, "report.txt");
  const response = await service.call(meta.url);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/plain");
  assert.match(response.headers.get("content-disposition")!, /attachment; filename="report.txt"/);
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), bytes);

  const missing = await service.call("/v1/attachments/nope:message.0");
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error, "not_found");
});

Deno.test("GET /v1/events: a client going away ends its stream (no timer or read left)", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  // A second server over the same log, used through fetch() and never closed: if the stream
  // kept its heartbeat or subscription after the cancel, the sanitizers would fail this test.
  const { createWebhookServer } = await import("../../src/server/mod.ts");
  const bare = createWebhookServer({
    client: service.client,
    kv: service.kv,
    events: service.events,
    auth: false,
    heartbeatMs: 10,
  });
  const response = await bare.fetch(new Request("http://local/v1/events?since=0"));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/event-stream; charset=utf-8");
  const stream = readSse(response);
  const pending = stream.next();
  await waitFor(() => stream.comments.includes("keep-alive"), { what: "a keep-alive" });
  await stream.close();
  assert.equal(await pending.catch(() => undefined), undefined);
});
