/**
 * `POST /v1/messages` to a community room on the devnet (its lobby, through onion v4): by join
 * link and by conversation id, with files and quotes; room files served by
 * `/v1/attachments/:id`; rooms not joined and other bad room addresses are 400 naming `to`.
 */
import assert from "node:assert/strict";
import type { CommunityMessageEvent } from "../../src/client/community/mod.ts";
import { createTestNetwork, type TestUser, waitFor } from "../../src/testing/mod.ts";
import { postJson, type Service, startService } from "./_setup.ts";

const FAST = { pollInterval: { min: 50, max: 200 } };

async function nextPost(
  user: TestUser,
  match: (e: CommunityMessageEvent) => boolean,
): Promise<CommunityMessageEvent> {
  return await waitFor(
    () =>
      user.events.find((e): e is CommunityMessageEvent =>
        e.type === "community:message" && match(e)
      ),
    { timeout: 15_000, what: `a matching room post at ${user.name}` },
  );
}

async function created(response: Response): Promise<Record<string, unknown>> {
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return body;
}

async function refused(service: Service, body: Record<string, unknown>) {
  const response = await postJson(service, "/v1/messages", body);
  const answer = await response.json();
  assert.equal(response.status, 400, JSON.stringify(answer));
  assert.equal(answer.error, "bad_request");
  return answer as { message: string; code?: string; issues: { path: string }[] };
}

Deno.test("POST /v1/messages to the lobby: posts, files and quotes reach another member; room files download", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const { joinLink, url: server } = net.devnet.community;
  const conversation = `${server}/lobby`;
  await service.client.communities.join(joinLink, FAST);
  const alice = await net.createUser("alice");
  const aliceRoom = await alice.client.communities.join(joinLink, FAST);

  // By join link: a text post.
  const first = await created(
    await postJson(service, "/v1/messages", { to: joinLink, body: "hello room" }),
  );
  assert.equal(first.to, conversation);
  assert.ok(Number.isInteger(first.messageId) && Number.isInteger(first.seqno));
  assert.ok(Number.isInteger(first.timestamp));
  const seen = await nextPost(alice, (e) => e.messageId === first.messageId);
  assert.equal(seen.body, "hello room");

  // Alice asks; the service logged her post and quotes it by message id (conversation id as to).
  const asked = await aliceRoom.post("what time is it?");
  const eventId = `${conversation}/${asked.id}:community:message`;
  const logged = await waitFor(() => service.events.get(eventId), {
    timeout: 15_000,
    what: "alice's post in the service's event log",
  });
  assert.equal(logged.from, aliceRoom.me);
  assert.deepEqual((logged.data.room as { room: string }).room, "lobby");
  const reply = await created(
    await postJson(service, "/v1/messages", {
      to: conversation,
      body: "noon",
      replyTo: { messageId: asked.id },
    }),
  );
  const answer = await nextPost(alice, (e) => e.messageId === reply.messageId);
  assert.equal(answer.body, "noon");
  assert.equal(answer.quote?.id, logged.timestamp);
  assert.equal(answer.quote?.author, aliceRoom.me);
  assert.equal(answer.quote?.text, "what time is it?");

  // Multipart with a file: uploaded to the room, downloadable by alice.
  const bytes = new Uint8Array(2000).map((_, i) => (i * 13) & 0xff);
  const form = new FormData();
  form.set("to", joinLink);
  form.set("body", "a file for the room");
  form.append("file", new File([bytes], "data.bin", { type: "application/octet-stream" }));
  const withFile = await created(
    await service.call("/v1/messages", { method: "POST", body: form }),
  );
  const fileSeen = await nextPost(alice, (e) => e.messageId === withFile.messageId);
  assert.equal(fileSeen.attachments[0].fileName, "data.bin");
  assert.deepEqual(await aliceRoom.download(Number(fileSeen.attachments[0].pointer.id)), bytes);

  // Alice posts a file: its payload links /v1/attachments/:id, which serves the room file.
  const note = new TextEncoder().encode("room file contents");
  const shared = await aliceRoom.post({
    body: "notes",
    attachments: [{ bytes: note, fileName: "notes.txt", contentType: "text/plain" }],
  });
  const withAttachment = await waitFor(
    () => service.events.get(`${conversation}/${shared.id}:community:message`),
    { timeout: 15_000, what: "alice's file post in the log" },
  );
  const [meta] = withAttachment.attachments;
  assert.equal(meta.fileName, "notes.txt");
  const download = await service.call(meta.url);
  assert.equal(download.status, 200, await download.clone().text());
  assert.deepEqual(new Uint8Array(await download.arrayBuffer()), note);
  assert.match(download.headers.get("content-disposition") ?? "", /notes\.txt/);
});

Deno.test("POST /v1/messages: rooms not joined and bad room addresses are 400 naming to; blinded DMs go through", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const { joinLink, url: server, publicKey } = net.devnet.community;

  // Nothing joined yet: the lobby by link and by conversation id.
  for (const to of [joinLink, `${server}/lobby`]) {
    const answer = await refused(service, { to, body: "x" });
    assert.equal(answer.code, "room_not_joined", to);
    assert.deepEqual(answer.issues.map((i) => i.path), ["to"]);
    assert.match(answer.message, /has not joined the room .*\/lobby.*communities/);
  }

  await service.client.communities.join(joinLink, FAST);
  await net.devnet.community.admin.createRoom("other", "Other room");
  const cases: [string, string][] = [
    [`${server}/other?public_key=${publicKey}`, "room_not_joined"],
    [`${server}/lobby?public_key=${"ab".repeat(32)}`, "server_key_mismatch"],
    [`${server}/not a token`, "invalid_recipient"],
    [`ftp://example.com/lobby`, "invalid_recipient"],
    [`http://127.0.0.1:1/dm/15${"ab".repeat(32)}`, "room_not_joined"],
  ];
  for (const [to, code] of cases) {
    const answer = await refused(service, { to, body: "x" });
    assert.equal(answer.code, code, to);
    assert.deepEqual(answer.issues.map((i) => i.path), ["to"], to);
  }
  const timer = await refused(service, { to: joinLink, body: "x", expiresInSeconds: 60 });
  assert.deepEqual(timer.issues.map((i) => i.path), ["expiresInSeconds"]);
  const unknownPost = await refused(service, {
    to: joinLink,
    body: "x",
    replyTo: { messageId: 999_999 },
  });
  assert.equal(unknownPost.code, "post_not_found");
  const roomQuoteIn1to1 = await refused(service, {
    to: "05" + "ab".repeat(32),
    body: "x",
    replyTo: { messageId: 1 },
  });
  assert.deepEqual(roomQuoteIn1to1.issues.map((i) => i.path), ["replyTo.messageId"]);

  // A blinded DM to alice through the joined server.
  const alice = await net.createUser("alice");
  const aliceRoom = await alice.client.communities.join(joinLink, FAST);
  // Alice's first poll starts her DM inbox at "now": wait for it (it brings this post) first.
  const hello = await created(
    await postJson(service, "/v1/messages", { to: joinLink, body: "hi" }),
  );
  await nextPost(alice, (e) => e.messageId === hello.messageId);
  const dm = await created(
    await postJson(service, "/v1/messages", { to: `${server}/dm/${aliceRoom.me}`, body: "psst" }),
  );
  assert.equal(dm.to, `${server}/dm/${aliceRoom.me}`);
  const got = await alice.nextEvent("community:dm", { timeout: 15_000 });
  assert.equal(got.body, "psst");
  assert.equal(got.sessionId, service.client.sessionId);
});

Deno.test("GET /v1/communities: the joined rooms with our standing; a mute shows as write false", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const empty = await (await service.call("/v1/communities")).json();
  assert.deepEqual(empty, { rooms: [] });
  const { joinLink, url: server, admin } = net.devnet.community;
  const room = await service.client.communities.join(joinLink, FAST);
  const listed = async () => (await (await service.call("/v1/communities")).json()).rooms;
  const [lobby] = await listed();
  assert.equal(lobby.server, server);
  assert.equal(lobby.room, "lobby");
  assert.equal(lobby.link, joinLink);
  assert.equal(lobby.me, room.me);
  assert.equal(lobby.write, true);
  assert.equal(lobby.moderator, false);
  await admin.setPermissions(service.client.sessionId, { write: false });
  await waitFor(async () => (await listed())[0].write === false, {
    timeout: 15_000,
    what: "the mute in /v1/communities",
  });
  const anonymous = await fetch(`${service.url}/v1/communities`);
  assert.equal(anonymous.status, 401);
  await anonymous.body?.cancel();
});
