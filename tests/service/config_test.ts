import assert from "node:assert/strict";
import { join } from "node:path";
import { ValidationError } from "../../src/core/errors.ts";
import { loadServiceConfig, resolveServiceConfig } from "../../src/service/mod.ts";

Deno.test("config: TOML and JSON give the same config; paths resolve against the file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-config-" });
  try {
    const toml = join(dir, "bot.toml");
    await Deno.writeTextFile(
      toml,
      `[identity]
kv = "data/bot.kv"
name = "alerts"
passphrase = { env = "BOT_PASS" }
create = true

[network]
seed = "https://127.0.0.1:22000/json_rpc"

[bot]
history = true
plugins = [{ use = "rate-limit", config = { limit = 5, windowMs = 10000 } }]

[[webhooks.endpoints]]
url = "https://hooks.example.com/session"
secret = { env = "HOOK_SECRET" }
events = ["message", "reaction"]

[api]
port = 9000
token = [{ env = "TOKEN_A" }, { env = "TOKEN_B" }]

[logging]
format = "json"
`,
    );
    const env = { BOT_PASS: "pp", HOOK_SECRET: "whsec_abc", TOKEN_A: "a", TOKEN_B: "b" };
    const fromToml = await loadServiceConfig(toml, { env });
    assert.equal(fromToml.identity.kv, join(dir, "data", "bot.kv"));
    assert.equal(fromToml.identity.passphrase, "pp");
    assert.equal(fromToml.identity.create, true);
    assert.equal(fromToml.network.seed, "https://127.0.0.1:22000/json_rpc");
    assert.deepEqual(fromToml.bot.plugins, [{
      use: "rate-limit",
      config: { limit: 5, windowMs: 10000 },
    }]);
    assert.equal(Object.getPrototypeOf(fromToml.bot.plugins[0]), Object.prototype);
    assert.equal(fromToml.bot.pluginBase, dir);
    assert.deepEqual(fromToml.webhooks.endpoints, [{
      url: "https://hooks.example.com/session",
      secret: "whsec_abc",
      events: ["message", "reaction"],
    }]);
    assert.deepEqual(fromToml.api, {
      enabled: true,
      hostname: "127.0.0.1",
      port: 9000,
      tokens: ["a", "b"],
      auth: true,
    });
    assert.deepEqual(fromToml.logging, { level: "info", format: "json" });

    const json = join(dir, "bot.json");
    await Deno.writeTextFile(
      json,
      JSON.stringify({
        identity: {
          kv: "data/bot.kv",
          name: "alerts",
          passphrase: { env: "BOT_PASS" },
          create: true,
        },
        network: { seed: "https://127.0.0.1:22000/json_rpc" },
        bot: {
          history: true,
          plugins: [{ use: "rate-limit", config: { limit: 5, windowMs: 10000 } }],
        },
        webhooks: {
          endpoints: [{
            url: "https://hooks.example.com/session",
            secret: { env: "HOOK_SECRET" },
            events: ["message", "reaction"],
          }],
        },
        api: { port: 9000, token: [{ env: "TOKEN_A" }, { env: "TOKEN_B" }] },
        logging: { format: "json" },
      }),
    );
    assert.deepEqual(await loadServiceConfig(json, { env }), { ...fromToml, source: json });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("config: defaults, flags fill gaps, API off without a section", () => {
  const config = resolveServiceConfig({}, {
    env: {},
    defaults: { kv: "/var/lib/bot.kv", identity: "x", network: "https://127.0.0.1:1/json_rpc" },
  });
  assert.equal(config.identity.kv, "/var/lib/bot.kv");
  assert.equal(config.identity.name, "x");
  assert.equal(config.identity.create, false);
  assert.equal(config.network.seed, "https://127.0.0.1:1/json_rpc");
  assert.equal(config.api.enabled, false);
  assert.equal(config.webhooks.enabled, true);
  assert.equal(config.bot.drainMs, 10_000);
  // the API's token env var is only needed when the API is on
  const off = resolveServiceConfig(
    { identity: { kv: ":memory:" }, api: { enabled: false, token: { env: "UNSET_X" } } },
    { env: {} },
  );
  assert.deepEqual(off.api.tokens, []);
  assert.equal(off.identity.kv, ":memory:");
});

Deno.test("config: every error names its field", () => {
  const cases: [unknown, string, RegExp][] = [
    [{ api: { port: 70000 } }, "api.port", /api\.port: Too big/i],
    [{ api: { port: 1.5 } }, "api.port", /api\.port: expected a whole number|api\.port: /],
    [{ identity: { kv: "a", create: "yes" } }, "identity.create", /true or false, got "yes"/],
    [{ bot: { plugins: [{ use: "a" }, { nope: 1 }] } }, "bot.plugins[1].nope", /unknown field/],
    [
      { webhooks: { endpoints: [{ url: "not a url" }] } },
      "webhooks.endpoints[0].url",
      /http\(s\) URL/,
    ],
    [{ logging: { level: "loud" } }, "logging.level", /logging\.level/],
    [
      { identity: { kv: "a", passphrase: { env: "NOT_SET_HERE" } } },
      "identity.passphrase",
      /NOT_SET_HERE is not set/,
    ],
    [
      { webhooks: { endpoints: [{ url: "https://x.example", secret: { env: "1BAD" } }] } },
      "webhooks.endpoints[0].secret",
      /secret reference/,
    ],
    [{ extra: 1 }, "extra", /extra: unknown field/],
    [[], "(top level)", /config: the file expected a table\/object, got \[\]/],
  ];
  for (const [content, field, message] of cases) {
    assert.throws(
      () => resolveServiceConfig(content, { env: {}, defaults: { kv: "/tmp/x.kv" } }),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError, String(e));
        assert.equal(e.field, field, e.message);
        assert.match(e.message, message);
        return true;
      },
      JSON.stringify(content),
    );
  }
});

Deno.test("config: [[communities]] in TOML; bad links, duplicates and unknown fields name the field", async () => {
  const key = "c3".repeat(32);
  const link = `https://chat.example.com/lobby?public_key=${key}`;
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-config-" });
  try {
    const toml = join(dir, "bot.toml");
    await Deno.writeTextFile(
      toml,
      `[identity]
kv = "bot.kv"

[[communities]]
link = "${link}"
history = true

[[communities]]
link = "https://chat.example.com/news?public_key=${key}"
transport = "direct"
pollInterval = { min = 500, max = 5000 }
`,
    );
    const config = await loadServiceConfig(toml, { env: {} });
    assert.deepEqual(config.communities, [
      { link, history: true, transport: "onion" },
      {
        link: `https://chat.example.com/news?public_key=${key}`,
        history: false,
        transport: "direct",
        pollInterval: { min: 500, max: 5000 },
      },
    ]);
    assert.deepEqual(resolveServiceConfig({ identity: { kv: "x" } }, { env: {} }).communities, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const cases: [unknown, string, RegExp][] = [
    [[{ link: "https://chat.example.com/lobby" }], "communities[0].link", /public_key/],
    [[{ link }, { link: link.replace("https", "HTTPS") }], "communities[1].link", /listed twice/],
    [[{ link, transport: "tor" }], "communities[0].transport", /"onion"\|"direct"/],
    [[{ link, histroy: true }], "communities[0].histroy", /Did you mean 'history'/],
    [[{}], "communities[0].link", /is required/],
  ];
  for (const [communities, field, message] of cases) {
    assert.throws(
      () => resolveServiceConfig({ identity: { kv: "x" }, communities }, { env: {} }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.field, field);
        assert.match(error.message, message);
        return true;
      },
      field,
    );
  }
});
