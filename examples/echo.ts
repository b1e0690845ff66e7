/**
 * Echo bot: answers every text with the same text, quoting it.
 *
 * Run: `deno run -A examples/echo.ts [--network <devnet seed URL>] [--kv ./echo.kv]`
 * (mainnet by default; the identity "echo" is created in the KV store on first start).
 *
 * @module
 */
import type { Bot } from "../src/bot/mod.ts";
import { serve, serviceConfig } from "../src/runner/mod.ts";

/**
 * Sets up the echo bot.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "../src/testing/mod.ts";
 * import { echo } from "./echo.ts";
 *
 * await using net = await createTestNetwork();
 * await net.createBot(echo);
 * ```
 */
export function echo(bot: Bot): void {
  bot.on("message:text", (ctx) => ctx.reply(ctx.text, { quote: true }));
}

if (import.meta.main) {
  const service = await serve({ ...await serviceConfig("echo"), setup: echo });
  const role = service.health().role === "leader"
    ? "running"
    : "standing by (another process runs it)";
  console.log(`echo bot ${service.sessionId} is ${role}; Ctrl+C stops it`);
}
