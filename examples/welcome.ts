/**
 * Welcome bot for a community room: greets everyone on their first post, answers `/rules`,
 * and keeps the room clean with the `moderation()` plugin (banned words, links, flood: the
 * post is deleted, a warning first, then a 10-minute mute). Make the bot a moderator of the
 * room so it can delete and mute.
 *
 * Run: `deno run -A examples/welcome.ts --network <devnet seed URL> [--community <join link>]
 * [--kv ./welcome.kv] [--poll-ms 1000]` (on a devnet the join link defaults to its `lobby`;
 * `--poll-ms` caps the room's poll interval, default 10 000 when idle).
 *
 * @module
 */
import type { Bot, Community, JoinOptions } from "../src/bot/mod.ts";
import { ValidationError } from "../src/core/errors.ts";
import { snodeFetch } from "../src/onion/mod.ts";
import { moderation, type ModerationOptions } from "../src/plugins/mod.ts";
import { serve, serviceConfig } from "../src/runner/mod.ts";

/** The room rules `/rules` shows. */
export const RULES = [
  "Room rules:",
  "1. Be kind; no insults.",
  "2. No spam, no ads, no links to unknown sites.",
  "3. Do not flood: a few posts at a time.",
  "Breaking a rule: a warning first, then a 10-minute mute.",
].join("\n");

/** Options of {@link welcome}. */
export interface WelcomeOptions {
  /** The first-post greeting; `{user}` becomes a mention (default: a short hello). */
  readonly greeting?: string;
  /** The rules text (default {@link RULES}). */
  readonly rules?: string;
  /** Moderation options, on top of this bot's defaults. */
  readonly moderation?: ModerationOptions;
}

/**
 * Sets up the welcome bot: moderation first (removed posts are neither greeted nor answered),
 * then the greeting of first-time posters, then `/rules`.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "../src/testing/mod.ts";
 * import { joinRoom, welcome } from "./welcome.ts";
 *
 * await using net = await createTestNetwork();
 * const bot = await net.createBot(async (bot) => {
 *   welcome(bot);
 *   await joinRoom(bot, net.devnet.community.joinLink);
 * });
 * await net.devnet.community.admin.addModerator(bot.me);
 * ```
 */
export function welcome(bot: Bot, options: WelcomeOptions = {}): void {
  const greeting = options.greeting ??
    "Welcome to the room, {user}! Please read the /rules. Enjoy your stay.";
  const rules = options.rules ?? RULES;
  bot.use(moderation({
    words: ["spam*", "scam*", "buy now"],
    links: "block",
    allowDomains: ["getsession.org"],
    flood: { limit: 5, windowMs: 10_000 },
    warnings: 1,
    muteSeconds: 600,
    ...options.moderation,
  }));
  // Who was greeted, per room: in KV (with the event's own commit) so a restart remembers,
  // and in memory for posts of one user handled before that commit lands.
  const greeted = new Set<string>();
  bot.on("community:message", async (ctx, next) => {
    const event = ctx.event;
    const key = ["welcome", "greeted", event.conversation, event.from];
    const memo = key.join("\n");
    const known = greeted.has(memo) || (bot.kv && (await bot.kv.get(key)).value !== null);
    if (!known && !event.edited) {
      greeted.add(memo);
      await ctx.reply(greeting.replaceAll("{user}", `@${event.from}`));
      ctx.tx.set(key, Date.now());
    }
    await next();
  });
  bot.command("rules", "Show the room rules", (ctx) => ctx.reply(rules, { quote: true }));
}

/**
 * Joins the room `link` with the bot's client (before or after `bot.start()`); `options` as
 * `client.communities.join` takes them (poll interval, transport, history).
 *
 * @example
 * ```ts
 * import type { Bot } from "../src/bot/mod.ts";
 * import { joinRoom } from "./welcome.ts";
 *
 * declare const bot: Bot;
 * const lobby = await joinRoom(bot, "http://127.0.0.1:4000/lobby?public_key=" + "ab".repeat(32));
 * console.log(`in ${lobby.room} as ${lobby.me}`);
 * ```
 */
export async function joinRoom(
  bot: Bot,
  link: string,
  options?: JoinOptions,
): Promise<Community> {
  const join = bot.client.communities?.join;
  if (!join) {
    throw new ValidationError(
      "this bot's client cannot join communities: run it on a SessionClient (Bot.create)",
      "unsupported",
      "client",
    );
  }
  return await join.call(bot.client.communities, link, options);
}

/** The devnet's lobby join link, from its info endpoint. */
async function devnetJoinLink(seedUrl: string): Promise<string | undefined> {
  const res = await snodeFetch(new URL("/devnet/v1/info", seedUrl).href, "", {
    method: "GET",
    timeoutMs: 3000,
  });
  if (res.status !== 200) return undefined;
  const link = JSON.parse(new TextDecoder().decode(res.body))?.community?.joinLink;
  return typeof link === "string" ? link : undefined;
}

/** The value after `--name` in the arguments. */
function flag(name: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : undefined;
}

if (import.meta.main) {
  const config = await serviceConfig("welcome");
  const pollMs = Number(flag("poll-ms") ?? 10_000);
  const link = flag("community") ??
    Deno.env.get("SESSIONBOT_COMMUNITY") ??
    (config.network ? await devnetJoinLink(config.network) : undefined);
  if (!link) {
    console.error(
      "welcome: give the room's join link: --community <link> (or SESSIONBOT_COMMUNITY)",
    );
    Deno.exit(2);
  }
  const service = await serve({
    ...config,
    setup: async (bot) => {
      welcome(bot);
      await joinRoom(bot, link, { pollInterval: { min: Math.min(1000, pollMs), max: pollMs } });
    },
  });
  const role = service.health().role === "leader"
    ? "running"
    : "standing by (another process runs it)";
  console.log(`welcome bot ${service.sessionId} is ${role} in ${link}; Ctrl+C stops it`);
}
