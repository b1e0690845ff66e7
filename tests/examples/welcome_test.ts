import assert from "node:assert/strict";
import { join } from "node:path";
import { joinRoom, RULES, welcome } from "../../examples/welcome.ts";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { FAST, joinAs, nextPost } from "../bot/_community_devnet.ts";
import { spawn } from "../_spawn.ts";

Deno.test("examples/welcome.ts: greets first-time posters once, answers /rules, moderates", async () => {
  await using net = await createTestNetwork();
  const { joinLink: link, admin } = net.devnet.community;
  const bot = await net.createBot(async (bot) => {
    welcome(bot);
    await joinRoom(bot, link, FAST);
  });
  await admin.addModerator(bot.me);
  const alice = await net.createUser("alice");
  const bob = await net.createUser("bob");
  const aliceRoom = await joinAs(alice, link);
  const bobRoom = await joinAs(bob, link);
  const fromBot = (body: string) => (e: { from: string; body?: string }) =>
    e.body === body && bot.client.communities!.get(link)!.isMe(e.from);

  await aliceRoom.post("hi all");
  const greet = (id: string) =>
    `Welcome to the room, @${id}! Please read the /rules. Enjoy your stay.`;
  await nextPost(bob, fromBot(greet(aliceRoom.me)));
  const asked = await aliceRoom.post("/rules");
  const rules = await nextPost(bob, fromBot(RULES));
  assert.equal(rules.quote?.author, aliceRoom.me);
  assert.equal(rules.quote?.text, "/rules");

  // Bob's first post breaks a rule: removed and warned, not greeted; his next one is.
  await bobRoom.post("buy now!!!");
  await nextPost(
    alice,
    (e) => e.body?.startsWith(`@${bobRoom.me} please keep to the room rules`) ?? false,
  );
  await bobRoom.post("sorry, hello");
  await nextPost(alice, fromBot(greet(bobRoom.me)));
  const greetingsOfAlice = bob.events.filter((e) =>
    e.type === "community:message" && e.body === greet(aliceRoom.me)
  );
  assert.equal(greetingsOfAlice.length, 1, "alice was greeted once, not again for /rules");
  assert.ok(asked.id > 0);
});

Deno.test("examples/welcome.ts runs as a service: greets in the devnet lobby, then SIGTERM exits 0", async () => {
  await using net = await createTestNetwork();
  const alice = await net.createUser("alice");
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-welcome-" });
  try {
    await using service = spawn("examples/welcome.ts", [
      "--network",
      net.seedUrl,
      "--kv",
      join(dir, "welcome.kv"),
      "--poll-ms",
      "200",
    ]);
    const line = await service.line(/^welcome bot \w+ is running/, 20_000);
    assert.match(line, /in http:\/\/127\.0\.0\.1:\d+\/lobby\?public_key=/);
    const room = await joinAs(alice, net.devnet.community.joinLink);
    await room.post("hello?");
    const greeting = await nextPost(alice, (e) => e.body?.startsWith("Welcome") ?? false, 15_000);
    assert.equal(
      greeting.body,
      `Welcome to the room, @${room.me}! Please read the /rules. Enjoy your stay.`,
    );
    service.kill("SIGTERM");
    assert.equal((await service.status).code, 0, service.stderr());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
