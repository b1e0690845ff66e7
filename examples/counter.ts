/**
 * Command bot with a per-user counter kept in `session()`: `/count`, `/reset`, `/help`. It also
 * looks at files it receives (downloads and decrypts them) and thanks for reactions.
 *
 * Run: `deno run -A examples/counter.ts [--network <devnet seed URL>] [--kv ./counter.kv]`
 *
 * @module
 */
import type { Bot, Context } from "../src/bot/mod.ts";
import { commands, session, type SessionFlavor } from "../src/plugins/mod.ts";
import { serve, serviceConfig } from "../src/runner/mod.ts";

/** The counter bot's context: `ctx.session.count` is this user's counter. */
export type CounterContext = Context & SessionFlavor<{ count: number }>;

/**
 * Sets up the counter bot.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "../src/testing/mod.ts";
 * import { counter } from "./counter.ts";
 *
 * await using net = await createTestNetwork();
 * await net.createBot(counter);
 * ```
 */
export function counter(bot: Bot<CounterContext>): void {
  bot.use(session({ initial: () => ({ count: 0 }) }), commands());
  bot.command(
    "start",
    "Say hello",
    (ctx) =>
      ctx.reply(
        "Hi! I keep a counter for you: /count adds one, /reset clears it. Files welcome too.",
      ),
  );
  bot.command(
    "count",
    "Add one to your counter",
    (ctx) => ctx.reply(`Your count is ${++ctx.session.count}.`),
  );
  bot.command("reset", "Set your counter back to 0", (ctx) => {
    ctx.session.count = 0;
    return ctx.reply("Your count is back to 0.");
  });
  bot.on("message:attachments", async (ctx) => {
    const lines = await Promise.all(ctx.message.attachments.map(async (file) => {
      const { bytes } = await ctx.download(file); // verified (digest, MAC) and decrypted
      const dims = file.width && file.height ? `, ${file.width}×${file.height}` : "";
      return `Got ${file.fileName ?? "a file"} (${file.contentType ?? "unknown type"}${dims}, ` +
        `${bytes.length} bytes, downloaded and decrypted)`;
    }));
    await ctx.reply(lines.join("\n"), { quote: true });
  });
  bot.on("reaction:added", (ctx) => ctx.reply(`Thanks for the ${ctx.reaction.emoji}!`));
  bot.hears(/^[^/]/, (ctx) => ctx.reply("I only count: try /count or /help.")); // not commands
}

if (import.meta.main) {
  const service = await serve({ ...await serviceConfig("counter"), setup: counter });
  const role = service.health().role === "leader"
    ? "running"
    : "standing by (another process runs it)";
  console.log(`counter bot ${service.sessionId} is ${role}; Ctrl+C stops it`);
}
