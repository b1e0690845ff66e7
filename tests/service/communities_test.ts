/**
 * `communities` in the service config, on a devnet with its community server: the lobby is
 * joined at start (and again, idempotently, on the next start), a room post reaches a real
 * webhook receiver as a signed `community:message` payload with `data.room`, and the API posts
 * to the room.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { join } from "node:path";
import type {
  Communities,
  Community,
  CommunityMessageEvent,
} from "../../src/client/community/mod.ts";
import type { SessionClient } from "../../src/client/session/mod.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { resolveServiceConfig, startService } from "../../src/service/mod.ts";
import { joinCommunities } from "../../src/service/communities.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";
import { cli } from "../cli/_helpers.ts";

const TOKEN = "service-communities-token";
const SECRET = "whsec_" + btoa("0123456789abcdef0123456789abcdef");
const FAST = { min: 50, max: 200 };

interface Hit {
  readonly headers: Headers;
  readonly raw: string;
  readonly body: Record<string, unknown>;
}

function receiver() {
  const hits: Hit[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const raw = await req.text();
    hits.push({ headers: req.headers, raw, body: JSON.parse(raw) });
    return new Response(null, { status: 204 });
  });
  return { url: `http://127.0.0.1:${server.addr.port}/hook`, hits, close: () => server.shutdown() };
}

/** Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, keyed with the secret. */
function signedBy(secret: string, hit: Hit): boolean {
  const id = hit.headers.get("webhook-id");
  const timestamp = hit.headers.get("webhook-timestamp");
  const key = Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0));
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${hit.raw}`)
    .digest("base64");
  return (hit.headers.get("webhook-signature") ?? "").split(" ").includes(`v1,${expected}`);
}

Deno.test("service: communities are joined at start; room posts reach webhooks with data.room; the API posts to the room", async () => {
  await using net = await createTestNetwork({ nodes: 4, swarms: 1 });
  const { joinLink, url: server, publicKey } = net.devnet.community;
  const hook = receiver();
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-service-" });
  try {
    const content = {
      identity: { kv: join(dir, "bot.kv"), name: "bot", create: true },
      network: { seed: net.seedUrl },
      bot: { pollInterval: FAST, drainMs: 2000 },
      communities: [{ link: joinLink, pollInterval: FAST }],
      webhooks: {
        endpoints: [{
          url: hook.url,
          allowPrivate: true,
          secret: { env: "HOOK_SECRET" },
          events: ["community:message"],
        }],
      },
      api: { port: 0, token: { env: "API_TOKEN" } },
      logging: { level: "error" },
    };
    const env = { HOOK_SECRET: SECRET, API_TOKEN: TOKEN };
    const config = resolveServiceConfig(content, { env });
    assert.deepEqual(config.communities, [{
      link: joinLink,
      history: false,
      transport: "onion",
      pollInterval: FAST,
    }]);
    const alice = await net.createUser("alice");
    const aliceRoom = await alice.client.communities.join(joinLink, { pollInterval: FAST });

    const service = await startService(config, { signals: false, logSink: () => {} });
    let lastMessageId: number;
    try {
      const rooms = await (service.bot.client as SessionClient).communities.list();
      assert.deepEqual(rooms.map((r) => `${r.server}/${r.room}`), [`${server}/lobby`]);

      const posted = await aliceRoom.post("hello service room");
      const hit = await waitFor(
        () => hook.hits.find((h) => h.body.body === "hello service room"),
        { timeout: 15_000, what: "the room post at the webhook receiver" },
      );
      assert.ok(signedBy(SECRET, hit), "signed with the endpoint secret");
      assert.equal(hit.body.schema, "sessionbot.event/v1");
      assert.equal(hit.body.type, "community:message");
      assert.equal(hit.body.from, aliceRoom.me);
      assert.equal(hit.body.conversation, `${server}/lobby`);
      assert.ok(Number.isInteger(hit.body.timestamp));
      const data = hit.body.data as Record<string, unknown>;
      assert.deepEqual(data.room, { server, room: "lobby", publicKey });
      assert.equal(data.messageId, posted.id);
      // Room event ids hold dots (the server's address): webhook-id is their stable hash.
      assert.match(hit.headers.get("webhook-id") ?? "", /^msg_[\w-]{32}$/);

      // The API posts to the joined room; alice receives it.
      const response = await fetch(`${service.apiUrl}/v1/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ to: `${server}/lobby`, body: "hello from the API" }),
      });
      const sent = await response.json();
      assert.equal(response.status, 201, JSON.stringify(sent));
      const seen = await waitFor(
        () =>
          alice.events.find((e): e is CommunityMessageEvent =>
            e.type === "community:message" && e.messageId === sent.messageId
          ),
        { timeout: 15_000, what: "the API's post at alice" },
      );
      assert.equal(seen.body, "hello from the API");
      lastMessageId = sent.messageId;
    } finally {
      await service.stop();
    }

    // Started again with the same config: one room, still polled, nothing delivered twice.
    const deliveredBefore = hook.hits.length;
    const again = await startService(resolveServiceConfig(content, { env }), {
      signals: false,
      logSink: () => {},
    });
    try {
      const rooms = await (again.bot.client as SessionClient).communities.list();
      assert.equal(rooms.length, 1);
      const next = await aliceRoom.post("after the restart");
      await waitFor(() => hook.hits.find((h) => h.body.body === "after the restart"), {
        timeout: 15_000,
        what: "the post after the restart",
      });
      assert.ok(next.id > lastMessageId);
      assert.equal(hook.hits.length, deliveredBefore + 1, "no room post delivered twice");
    } finally {
      await again.stop();
    }

    // Started with the room taken out of the config: the room is left, its posts no longer
    // reach the webhook, and a warning says so.
    const logged: string[] = [];
    const without = await startService(
      resolveServiceConfig({ ...content, communities: [], logging: { level: "warn" } }, { env }),
      { signals: false, logSink: (record) => void logged.push(record.msg) },
    );
    try {
      const rooms = await (without.bot.client as SessionClient).communities.list();
      assert.deepEqual(rooms, []);
      assert.ok(logged.some((l) => /no longer in the config/.test(l)), logged.join("\n"));
      const hits = hook.hits.length;
      await aliceRoom.post("nobody listens");
      await new Promise((r) => setTimeout(r, 600)); // several poll rounds at 50–200 ms
      assert.equal(hook.hits.length, hits);
    } finally {
      await without.stop();
    }
  } finally {
    await hook.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service: a bad community link exits 2 naming communities[0].link", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-service-" });
  try {
    const path = join(dir, "bot.toml");
    await Deno.writeTextFile(
      path,
      `[identity]
kv = "bot.kv"

[[communities]]
link = "http://127.0.0.1:4000/lobby?public_key=123"
`,
    );
    const run = await cli(["run", "--config", path]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /communities\[0\]\.link: .*public_key/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service: a room the server does not have fails the start naming the field", async () => {
  await using net = await createTestNetwork({ nodes: 4, swarms: 1 });
  const { url: server, publicKey } = net.devnet.community;
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-service-" });
  try {
    const config = resolveServiceConfig({
      identity: { kv: join(dir, "bot.kv"), create: true },
      network: { seed: net.seedUrl },
      communities: [{ link: `${server}/nosuchroom?public_key=${publicKey}` }],
    }, { env: {} });
    await assert.rejects(
      startService(config, { signals: false, logSink: () => {} }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.field, "communities[0].link");
        assert.match(error.message, /cannot join .*nosuchroom.*check the room token/);
        return true;
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("joinCommunities: leaves only rooms the config joined before and no longer lists", async () => {
  const key = "ab".repeat(32);
  const link = (room: string) => `http://127.0.0.1:4000/${room}?public_key=${key}`;
  const room = (name: string) =>
    ({ server: "http://127.0.0.1:4000", room: name, link: link(name) }) as unknown as Community;
  let joined = [room("old"), room("by-code"), room("kept")];
  const left: string[] = [];
  const communities = {
    list: () => Promise.resolve(joined),
    join: (l: string) => {
      const name = new URL(l).pathname.slice(1);
      if (!joined.some((c) => c.room === name)) joined = [...joined, room(name)];
      return Promise.resolve(joined.find((c) => c.room === name)!);
    },
    leave: (l: string) => {
      const name = new URL(l).pathname.slice(1);
      left.push(name);
      joined = joined.filter((c) => c.room !== name);
      return Promise.resolve();
    },
  } as unknown as Communities;
  const kv = await Deno.openKv(":memory:");
  try {
    await kv.set(["service", "config_rooms"], [
      "http://127.0.0.1:4000/old",
      "http://127.0.0.1:4000/kept",
    ]);
    const warnings: string[] = [];
    const config = [{ link: link("kept"), history: false, transport: "onion" as const }, {
      link: link("new"),
      history: false,
      transport: "onion" as const,
    }];
    const handles = await joinCommunities(
      communities,
      config,
      (message, fields) => void warnings.push(`${message} ${fields.room}`),
      kv,
    );
    assert.deepEqual(left, ["old"], "the room joined by code stays");
    assert.deepEqual(handles.map((h) => h.room), ["kept", "new"]);
    assert.deepEqual(joined.map((c) => c.room), ["by-code", "kept", "new"]);
    assert.match(warnings[0], /no longer in the config http:\/\/127\.0\.0\.1:4000\/old/);
    assert.deepEqual((await kv.get(["service", "config_rooms"])).value, [
      "http://127.0.0.1:4000/kept",
      "http://127.0.0.1:4000/new",
    ]);
  } finally {
    kv.close();
  }
});
