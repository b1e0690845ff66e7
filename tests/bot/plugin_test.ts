import assert from "node:assert/strict";
import { z } from "zod";
import {
  Bot,
  Composer,
  definePlugin,
  type PluginApi,
  type StandardSchemaV1,
} from "../../src/bot/mod.ts";
import { assertValidation } from "../assertions.ts";
import { ALICE, FakeClient, ME, text } from "./_helpers.ts";

const greeter = definePlugin({
  name: "greeter",
  version: "1.2.3",
  description: "Greets",
  config: {
    greeting: { type: "string", default: "Hello", minLength: 1 },
    times: { type: "number", integer: true, min: 1, max: 5, default: 1 },
    mode: { type: "enum", values: ["plain", "loud"], default: "plain" },
    admins: { type: "list", of: "sessionId", default: [] },
    apiToken: { type: "string", optional: true },
    target: { type: "sessionId", optional: true },
  },
  install(api) {
    const text: string = api.config.greeting; // defaults make these non-optional
    const times: number = api.config.times;
    api.use((ctx) =>
      ctx.reply(`${api.config.mode === "loud" ? text.toUpperCase() : text} x${times}`)
    );
  },
});

Deno.test("definePlugin: a factory with metadata; options validated with defaults filled", async () => {
  assert.equal(greeter.pluginName, "greeter");
  assert.equal(greeter.version, "1.2.3");
  const plugin = greeter({ greeting: "Hi", mode: "loud", admins: [` ${ALICE.toUpperCase()} `] });
  assert.deepEqual({ ...plugin }, {
    name: "greeter",
    version: "1.2.3",
    description: "Greets",
    requires: [],
  });
  assert.ok(Object.isFrozen(plugin));
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.use(plugin);
  await bot.handleEvent(text("x"));
  assert.deepEqual(client.texts(), ["HI x1"]);
});

Deno.test("definePlugin: bad options name the plugin and each field, with a hint", () => {
  const e1 = assertValidation(
    () => greeter({ times: 0 }),
    "invalid_plugin_config",
    "greeter.times",
  );
  assert.match(
    e1.message,
    /^plugin 'greeter' config is invalid: 'times' Too small: expected number to be >=1 \(got 0\)\./,
  );
  assert.match(e1.message, /Valid options: greeting, times, mode, admins, apiToken, target\./);
  const e2 = assertValidation(
    () => greeter({ greting: "x" } as never),
    "invalid_plugin_config",
    "greeter.greting",
  );
  assert.match(e2.message, /unknown option 'greting'\. Did you mean 'greeting'\?/);
  const e3 = assertValidation(
    () => greeter({ mode: "quiet" } as never),
    "invalid_plugin_config",
    "greeter.mode",
  );
  assert.match(e3.message, /'mode' .*"plain"\|"loud".*\(got "quiet"\)/);
  const e4 = assertValidation(
    () => greeter({ admins: [ALICE, "05zz"] }),
    "invalid_plugin_config",
    "greeter.admins[1]",
  );
  assert.match(e4.message, /'admins\[1\]' must be a Session ID/);
  // secret-looking fields are never echoed back
  const e5 = assertValidation(() => greeter({ apiToken: 12345 as never }), "invalid_plugin_config");
  assert.doesNotMatch(e5.message, /12345/);
  const e6 = assertValidation(
    () => greeter({ greeting: "", times: 9 }),
    "invalid_plugin_config",
    "greeter.greeting",
  );
  assert.match(e6.message, /'greeting' .*; 'times' /);
});

Deno.test("definePlugin: required options, no-config plugins, Standard Schema and zod configs", () => {
  const needs = definePlugin({
    name: "needs-url",
    version: "0.1.0",
    config: { url: { type: "string" } },
    install() {},
  });
  assert.match(
    assertValidation(() => needs(), "invalid_plugin_config", "needs-url.url").message,
    /'url' is required/,
  );
  const bare = definePlugin({ name: "bare", version: "1.0.0", install() {} });
  assertValidation(() => bare({ x: 1 } as never), "invalid_plugin_config", "bare");
  bare();

  const withZod = definePlugin({
    name: "with-zod",
    version: "1.0.0",
    config: z.strictObject({ port: z.number().int().default(8080) }),
    install(api) {
      const port: number = api.config.port;
      assert.equal(typeof port, "number");
    },
  });
  assertValidation(() => withZod({ port: 1.5 }), "invalid_plugin_config", "with-zod.port");
  withZod({});

  // any Standard Schema library works
  const evenSchema: StandardSchemaV1<{ n: number }, { n: number }> = {
    "~standard": {
      version: 1,
      vendor: "test",
      validate: (value) =>
        typeof (value as { n?: unknown }).n === "number" && (value as { n: number }).n % 2 === 0
          ? { value: value as { n: number } }
          : { issues: [{ message: "must be even", path: ["n"] }] },
    },
  };
  const even = definePlugin({ name: "even", version: "1.0.0", config: evenSchema, install() {} });
  even({ n: 2 });
  assert.match(
    assertValidation(() => even({ n: 3 }), "invalid_plugin_config", "even.n").message,
    /plugin 'even' config is invalid: 'n' must be even/,
  );
});

Deno.test("definePlugin: a bad definition is refused at once", () => {
  const install = () => {};
  assertValidation(
    () => definePlugin({ name: "Rate Limit", version: "1.0.0", install }),
    "invalid_plugin",
    "name",
  );
  assertValidation(
    () => definePlugin({ name: "x", version: "1", install }),
    "invalid_plugin",
    "version",
  );
  assertValidation(
    () => definePlugin({ name: "x", version: "1.0.0" } as never),
    "invalid_plugin",
    "install",
  );
  assertValidation(
    () => definePlugin({ name: "x", version: "1.0.0", install, stop: 5 } as never),
    "invalid_plugin",
    "stop",
  );
  assert.throws(
    () =>
      definePlugin(
        { name: "x", version: "1.0.0", config: { a: { type: "date" } }, install } as never,
      ),
    /unknown type "date"/,
  );
});

Deno.test("install: middleware lands at the plugin's place; async installs finish before events", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  const order: string[] = [];
  const slow = definePlugin({
    name: "slow",
    version: "1.0.0",
    async install(api) {
      await new Promise((r) => setTimeout(r, 5));
      api.use(async (_ctx, next) => {
        order.push("slow");
        await next();
      });
    },
  });
  bot.use(async (_ctx, next) => {
    order.push("before");
    await next();
  });
  bot.use(slow());
  bot.use(() => void order.push("after"));
  await bot.handleEvent(text("x"));
  assert.deepEqual(order, ["before", "slow", "after"]);
  assert.deepEqual(bot.plugins.map((p) => p.name), ["slow"]);
});

Deno.test("install: start and stop hooks run in order (stop reversed); hooks get the same api", async () => {
  const calls: string[] = [];
  const apis = new Set<PluginApi<unknown>>();
  const make = (name: string) =>
    definePlugin({
      name,
      version: "1.0.0",
      install: (api) => void (calls.push(`install ${name}`), apis.add(api as PluginApi<unknown>)),
      start: (api) => void (calls.push(`start ${name}`), apis.add(api as PluginApi<unknown>)),
      stop: (api) => void (calls.push(`stop ${name}`), apis.add(api as PluginApi<unknown>)),
    })();
  const bot = new Bot(new FakeClient());
  bot.use(make("a"), make("b"));
  await bot.start();
  await bot.stop();
  assert.deepEqual(calls, ["install a", "install b", "start a", "start b", "stop b", "stop a"]);
  assert.equal(apis.size, 2);
});

Deno.test("install: duplicates, missing requirements, uncalled factories and composers are refused", async () => {
  const one = definePlugin({ name: "one", version: "1.0.0", install() {} });
  const two = definePlugin({ name: "two", version: "1.0.0", requires: ["one"], install() {} });
  const bot = new Bot(new FakeClient());
  assert.match(
    assertValidation(() => bot.use(two()), "plugin_missing", "two").message,
    /needs the 'one' plugin installed before it/,
  );
  bot.use(one());
  bot.use(two());
  assertValidation(() => bot.use(one()), "duplicate_plugin", "one");
  assert.throws(
    () => bot.use(one as never),
    /got the plugin factory 'one' itself: call it, e\.g\. bot\.use\(one\(\{ … \}\)\)/,
  );
  const rl = definePlugin({ name: "rate-limit", version: "1.0.0", install() {} });
  assert.throws(() => bot.use(rl as never), /bot\.use\(rateLimit\(\{ … \}\)\)/);
  assert.throws(() => new Composer().use(rl() as never), /plugins are installed on the bot itself/);
  await bot.start();
  assertValidation(
    () => bot.use(definePlugin({ name: "late", version: "1.0.0", install() {} })()),
    "invalid_plugin",
  );
  await bot.stop();
});

Deno.test("install: a failing install is reported with the plugin's name, on every event", async () => {
  const broken = definePlugin({
    name: "broken",
    version: "1.0.0",
    install: () => Promise.reject(new Error("no database")),
  });
  const bot = new Bot(new FakeClient());
  bot.use(broken());
  await assert.rejects(
    bot.handleEvent(text("x")),
    /plugin 'broken' failed to install: no database/,
  );
  await assert.rejects(bot.handleEvent(text("y")), /plugin 'broken' failed to install/);
  await assert.rejects(bot.start(), /failed to install/);
  const sync = definePlugin({
    name: "sync-broken",
    version: "1.0.0",
    install() {
      throw new Error("bad");
    },
  });
  assert.throws(
    () => new Bot(new FakeClient()).use(sync()),
    /plugin 'sync-broken' failed to install: bad/,
  );
});

Deno.test("plugin KV: a global namespace and one per conversation, under the bot's ID", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const notes = definePlugin({
      name: "notes",
      version: "1.0.0",
      install(api) {
        api.use(async (ctx) => {
          await api.kv.chat(ctx.chat).set(["last"], ctx.text);
          await api.kv.atomic().sum(["count"], 1n).commit();
          const all = [];
          for await (const entry of api.kv.chat(ctx.chat).list()) all.push(entry.key);
          assert.deepEqual(all, [["last"]]);
          assert.equal((await api.kv.chat(ctx.chat).get(["last"])).value, ctx.text);
        });
      },
    });
    const bot = new Bot(new FakeClient(), { kv });
    bot.use(notes());
    await bot.handleEvent(text("one"));
    await bot.handleEvent(text("two"));
    assert.equal((await kv.get(["chat", ME, ALICE, "notes", "last"])).value, "two");
    assert.equal((await kv.get<Deno.KvU64>(["plugin", ME, "notes", "count"])).value?.value, 2n);
  } finally {
    kv.close();
  }
});

Deno.test("plugin KV: without a store the plugin is told how to give one", async () => {
  let message = "";
  const needsKv = definePlugin({
    name: "needs-kv",
    version: "1.0.0",
    install(api) {
      try {
        void api.kv;
      } catch (e) {
        message = (e as Error).message;
      }
    },
  });
  new Bot(new FakeClient()).use(needsKv());
  assert.match(
    message,
    /plugin 'needs-kv' needs a Deno KV store: pass one with new Bot\(client, \{ kv \}\)/,
  );
  await Promise.resolve();
});
