import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Bot, loadPlugins } from "../../src/bot/mod.ts";
import { SessionBotError } from "../../src/core/errors.ts";
import { builtinPlugins } from "../../src/plugins/mod.ts";
import { assertValidation } from "../assertions.ts";
import { FakeClient, text } from "./_helpers.ts";

const BOT_MOD = new URL("../../src/bot/mod.ts", import.meta.url).href;

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-plugins-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

Deno.test("loadPlugins: built-ins by name and modules relative to the file, in order", async () => {
  await withDir(async (dir) => {
    await Deno.mkdir(join(dir, "plugins"));
    await Deno.writeTextFile(
      join(dir, "plugins", "echo.ts"),
      `import { definePlugin } from "${BOT_MOD}";
export const echo = definePlugin({
  name: "echo",
  version: "1.0.0",
  config: { prefix: { type: "string", default: ">" } },
  install(api) { api.use((ctx) => ctx.reply(api.config.prefix + " " + ctx.text)); },
});
export default echo;`,
    );
    await Deno.writeTextFile(
      join(dir, "bot.json"),
      JSON.stringify({
        plugins: [
          { use: "commands", config: { header: "Try:" } },
          { use: "rate-limit", config: { limit: 1 }, enabled: false },
          { module: "./plugins/echo.ts", export: "echo", config: { prefix: "echo:" } },
        ],
      }),
    );
    const plugins = await loadPlugins(join(dir, "bot.json"), { builtins: builtinPlugins });
    assert.deepEqual(plugins.map((p) => p.name), ["commands", "echo"]);
    const client = new FakeClient();
    const bot = new Bot(client);
    bot.use(...plugins);
    await bot.handleEvent(text("hello"));
    await bot.handleEvent(text("/help"));
    assert.deepEqual(client.texts(), ["echo: hello", "Try:\n/help — Show this list"]);
    // a default export, and a URL source
    await Deno.writeTextFile(
      join(dir, "b.json"),
      JSON.stringify({ plugins: [{ module: "./plugins/echo.ts" }] }),
    );
    const [echo] = await loadPlugins(pathToFileURL(join(dir, "b.json")));
    assert.equal(echo.name, "echo");
  });
});

Deno.test("loadPlugins: an object source; errors name the entry and field", async () => {
  const plugins = await loadPlugins({ plugins: [{ use: "throttle" }] }, {
    builtins: builtinPlugins,
  });
  assert.equal(plugins[0].name, "throttle");

  const badConfig = await rejection(
    loadPlugins({ plugins: [{ use: "logger" }, { use: "rate-limit", config: { limit: 0 } }] }, {
      builtins: builtinPlugins,
    }),
  );
  assertValidation(
    () => {
      throw badConfig;
    },
    "invalid_plugin_config",
    "plugins[1].config",
  );
  assert.match(
    badConfig.message,
    /plugins config, plugins\[1\]: plugin 'rate-limit' config is invalid: 'limit'/,
  );

  const typo = await rejection(
    loadPlugins({ plugins: [{ use: "rate-limt" }] }, { builtins: builtinPlugins }),
  );
  assert.match(
    typo.message,
    /unknown built-in plugin 'rate-limt'\. Did you mean 'rate-limit'\? Built-in: session, /,
  );
  const none = await rejection(loadPlugins({ plugins: [{ use: "session" }] }));
  assert.match(none.message, /pass \{ builtins: builtinPlugins \}/);

  const both = await rejection(loadPlugins({ plugins: [{ use: "x", module: "./y.ts" }] } as never));
  assertValidation(
    () => {
      throw both;
    },
    "invalid_plugins_file",
    "plugins[0]",
  );
  assert.match(both.message, /exactly one of "use" .* or "module"/);
  const shape = await rejection(loadPlugins({ plugin: [] } as never));
  assert.match(shape.message, /Expected \{ "plugins": \[/);
  const functionsOnly = await rejection(
    loadPlugins({
      plugins: [{ use: "conversation", config: { conversations: { a: "not code" } } }],
    }, {
      builtins: builtinPlugins,
    }),
  );
  assert.match(functionsOnly.message, /'conversations\.a' must be a function/);
});

Deno.test("loadPlugins: unreadable files, bad JSON, bad modules and missing exports", async () => {
  await withDir(async (dir) => {
    const missing = await rejection(loadPlugins(join(dir, "nope.json")));
    assertValidation(
      () => {
        throw missing;
      },
      "invalid_plugins_file",
      "path",
    );
    await Deno.writeTextFile(join(dir, "bad.json"), "{ plugins: [");
    const json = await rejection(loadPlugins(join(dir, "bad.json")));
    assert.match(json.message, /is not valid JSON/);

    await Deno.writeTextFile(
      join(dir, "m.json"),
      JSON.stringify({ plugins: [{ module: "./gone.ts" }] }),
    );
    const load = await rejection(loadPlugins(join(dir, "m.json")));
    assert.ok(load instanceof SessionBotError && load.code === "plugin_load_failed");
    assert.match(load.message, /plugins\[0\]: cannot load module '\.\/gone\.ts'/);

    await Deno.writeTextFile(
      join(dir, "two.ts"),
      `import { definePlugin } from "${BOT_MOD}";
export const alpha = definePlugin({ name: "alpha", version: "1.0.0", install() {} });
export const made = alpha();
export const notAPlugin = 5;`,
    );
    await Deno.writeTextFile(
      join(dir, "e.json"),
      JSON.stringify({ plugins: [{ module: "./two.ts" }] }),
    );
    const noExport = await rejection(loadPlugins(join(dir, "e.json")));
    assert.match(
      noExport.message,
      /has no plugin factory named 'default'; its plugin exports: alpha, made \(set "export"\)/,
    );
    await Deno.writeTextFile(
      join(dir, "made.json"),
      JSON.stringify({ plugins: [{ module: "./two.ts", export: "made" }] }),
    );
    assert.equal((await loadPlugins(join(dir, "made.json")))[0].name, "alpha");
    await Deno.writeTextFile(
      join(dir, "made2.json"),
      JSON.stringify({ plugins: [{ module: "./two.ts", export: "made", config: {} }] }),
    );
    assert.match(
      (await rejection(loadPlugins(join(dir, "made2.json")))).message,
      /export its factory/,
    );
  });
});
