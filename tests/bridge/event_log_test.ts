import assert from "node:assert/strict";
import { createEventLog, parseCursor, START_CURSOR } from "../../src/bridge/mod.ts";
import type { AttachmentPointer } from "../../src/client/session/mod.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { message, reaction } from "./_events.ts";

Deno.test("event log: cursors grow, since pages oldest first, next resumes", async () => {
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv);
  assert.deepEqual(await log.since(), { events: [], next: null, more: false });
  const cursors = [];
  for (let i = 0; i < 5; i++) cursors.push((await log.append(message(`h${i}`))).cursor);
  assert.deepEqual(cursors, [...cursors].sort(), "cursors sort as strings");
  assert.equal(new Set(cursors).size, 5);

  const first = await log.since(undefined, { limit: 2 });
  assert.deepEqual(first.events.map((e) => e.payload.body), ["text h0", "text h1"]);
  assert.equal(first.next, cursors[1]);
  assert.equal(first.more, true);
  const rest = await log.since(first.next!, { limit: 10 });
  assert.deepEqual(rest.events.map((e) => e.cursor), cursors.slice(2));
  assert.equal(rest.more, false);
  const none = await log.since(rest.next!);
  assert.deepEqual(none, { events: [], next: cursors[4], more: false }, "nothing new: same cursor");
  assert.equal(await log.head(), cursors[4]);
  assert.equal((await log.since("0")).events.length, 5, "0 reads from the start");
});

Deno.test("event log: an event appended twice keeps its first cursor (redelivery)", async () => {
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv);
  const a = await log.append(message("same"));
  await log.append(message("other"));
  const again = await log.append(message("same", "changed body"));
  assert.equal(again.cursor, a.cursor);
  assert.equal(again.payload.body, "text same");
  assert.equal((await log.since()).events.length, 2);
});

Deno.test("event log: type filter and the limit bounds", async () => {
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv);
  await log.append(message("m1"));
  await log.append(reaction("r1"));
  await log.append(message("m2"));
  const reactions = await log.since(START_CURSOR, { types: ["reaction"] });
  assert.deepEqual(reactions.events.map((e) => e.payload.id), ["r1:reaction"]);
  assert.equal(reactions.next, await log.head(), "the cursor passes the filtered-out events");
  await assert.rejects(log.since("0", { limit: 0 }), ValidationError);
  await assert.rejects(log.since("0", { limit: 1001 }), ValidationError);
  await assert.rejects(log.since("abc"), (e: ValidationError) => e.field === "since");
  assert.equal(parseCursor("42"), 42n);
});

Deno.test("event log: attachments are registered as <eventId>.<index> with their pointer", async () => {
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv);
  const pointer = {
    id: 7n,
    key: new Uint8Array([1, 2, 3]),
    url: "http://files/7",
  } as unknown as AttachmentPointer;
  const { payload } = await log.append(
    message("att", "files", [{
      voice: false,
      fileName: "a.txt",
      contentType: "text/plain",
      pointer,
    }]),
  );
  assert.equal(payload.attachments[0].id, "att:message.0");
  assert.equal(payload.attachments[0].url, "/v1/attachments/att%3Amessage.0");
  assert.equal(JSON.stringify(payload).includes("key"), false, "no key in the payload");
  const info = await log.attachment("att:message.0");
  assert.equal(info?.fileName, "a.txt");
  assert.deepEqual(
    (info?.pointer as unknown as { key: Uint8Array }).key,
    new Uint8Array([1, 2, 3]),
  );
  assert.equal(await log.attachment("att:message.1"), undefined);
  assert.equal(await log.attachment("nope"), undefined);
});

Deno.test("event log: options are checked", async () => {
  using kv = await Deno.openKv(":memory:");
  assert.throws(() => createEventLog(kv, { retentionMs: 0 }), /retentionMs must be a positive/);
  assert.throws(() => createEventLog(kv, { pollMs: -1 }), ValidationError);
});

Deno.test("event log: logs under different prefixes are separate", async () => {
  using kv = await Deno.openKv(":memory:");
  const a = createEventLog(kv, { prefix: ["bridge", "a"] });
  const b = createEventLog(kv, { prefix: ["bridge", "b"] });
  await a.append(message("x"));
  assert.equal((await a.since()).events.length, 1);
  assert.equal((await b.since()).events.length, 0);
});

Deno.test("event log: subscribe replays after the cursor, then wakes on appends", async () => {
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv);
  const first = await log.append(message("a"));
  await log.append(message("b"));
  const stop = new AbortController();
  const seen: string[] = [];
  const reading = (async () => {
    for await (const event of log.subscribe(first.cursor, stop.signal)) {
      seen.push(event.payload.id);
      if (seen.length === 2) stop.abort();
    }
  })();
  // Another log object on the same KV (another module of the service) appends.
  await createEventLog(kv).append(message("c"));
  await reading;
  assert.deepEqual(seen, ["b:message", "c:message"]);
});

Deno.test("event log: subscribe(undefined) starts at the head; abort ends it with no leak", async () => {
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv, { pollMs: 60_000 });
  await log.append(message("old"));
  const stop = new AbortController();
  const seen: string[] = [];
  const reading = (async () => {
    for await (const event of log.subscribe(undefined, stop.signal)) {
      seen.push(event.payload.id);
      stop.abort();
    }
  })();
  await new Promise((r) => setTimeout(r, 20));
  await log.append(message("new"));
  await reading;
  assert.deepEqual(seen, ["new:message"]);
  const idle = new AbortController();
  const waiting = (async () => {
    for await (const _ of log.subscribe(undefined, idle.signal)) throw new Error("unexpected");
  })();
  idle.abort();
  await waiting;
});

Deno.test("event log: a subscriber sees appends made through another KV handle (another process)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-log-" });
  try {
    using reader = await Deno.openKv(`${dir}/events.kv`);
    using writer = await Deno.openKv(`${dir}/events.kv`);
    const log = createEventLog(reader, { pollMs: 20 });
    const stop = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of log.subscribe("0", stop.signal)) {
        seen.push(event.payload.id);
        if (seen.length === 2) stop.abort();
      }
    })();
    const other = createEventLog(writer);
    await other.append(message("p1"));
    await other.append(message("p2"));
    await reading;
    assert.deepEqual(seen, ["p1:message", "p2:message"]);
    // Both handles hand out cursors from the same sequence.
    const third = await log.append(message("p3"));
    assert.equal(third.cursor, "0000000000000003");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
