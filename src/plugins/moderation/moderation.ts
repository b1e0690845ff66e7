/**
 * `moderation()`: keeps community rooms clean. Each post is held against banned words, a link
 * filter, flood control and your own check; a post that breaks one is deleted (auto-delete),
 * its author warned, then muted for a while (a timed write-permission override), and after
 * repeated mutes banned. The bot must be a moderator of the room.
 *
 * State: strikes live in the plugin's KV namespace (`["plugin", botId, "moderation",
 * "strikes", room, user]`, expiring), written through the event's inbox transaction, so they
 * survive a restart and a retried event never counts twice. Flood windows and the cached
 * moderator lists are in memory (seconds and a minute long).
 *
 * @module
 */
import {
  type CommunityMessageEvent,
  type Context,
  definePlugin,
  type Plugin,
} from "../../bot/mod.ts";
import type { Community } from "../../bot/mod.ts";
import { VERSION } from "../_version.ts";
import { DEFAULT_MESSAGES, type ModerationOptions, schema } from "./config.ts";
import { createExemptCheck } from "./exempt.ts";
import { createModeratorCache } from "./moderators.ts";
import { attemptAction, noticeFor } from "./notice.ts";
import { createRuleSet, type Violation } from "./rules.ts";
import { createStrikeStore } from "./strike_store.ts";
import { createStrikes, type StrikePolicy, type Verdict } from "./strikes.ts";

export type { ModerationOptions } from "./config.ts";

/** How long a room's moderator list is trusted before it is read again, ms. */
const MODERATORS_REFRESH_MS = 60_000;

const definition = definePlugin({
  name: "moderation",
  version: VERSION,
  description: "Community moderation: word and link filters, flood control, warn, timed mute, ban",
  config: schema,
  install(api) {
    const config = api.config;
    const rules = createRuleSet(config);
    const policy: StrikePolicy = {
      warnings: config.warnings,
      banAfterMutes: config.banAfterMutes,
      ttlMs: config.strikeTtlMs,
      muteMs: config.muteSeconds * 1000,
    };
    const recordStrike = strikeRecorder(policy);
    const isExempt = createExemptCheck(config.exempt);
    const moderators = config.exemptModerators
      ? createModeratorCache({ log: api.log, refreshMs: MODERATORS_REFRESH_MS })
      : undefined;
    const rooms = config.rooms ? new Set(config.rooms.map((r) => r.toLowerCase())) : undefined;
    const messages = { ...DEFAULT_MESSAGES, ...config.messages };

    async function violationOf(
      ctx: Context,
      post: CommunityMessageEvent,
    ): Promise<Violation | undefined> {
      const text = post.body ?? "";
      const found = rules.check({
        key: `${post.conversation}\n${post.from}`,
        postId: String(post.messageId),
        // The clock, not the post's own timestamp: a sender sets that one, and could spread
        // a burst over fake times to slip past the window.
        at: Date.now(),
        text,
        edited: post.edited,
      });
      if (found) return found;
      const custom = config.check ? await config.check(text, ctx) : undefined;
      return typeof custom === "string" && custom !== ""
        ? { rule: "custom", reason: custom }
        : undefined;
    }

    api.use(async function moderation(ctx, next) {
      const post = ctx.event;
      if (
        post.type !== "community:message" ||
        post.outgoing || // never act against the bot itself
        (rooms && !rooms.has(post.room.room.toLowerCase())) ||
        isExempt(post.from, post.room.publicKey)
      ) {
        return await next();
      }
      const community = ctx.community;
      if (!community || community.isMe(post.from)) return await next();
      const violation = await violationOf(ctx, post);
      if (!violation) return await next();
      // Asked only when a rule is broken: most posts cost no request.
      if (moderators && await moderators.isModerator(community, post.from)) return await next();
      // The post stops here: later handlers never see it.
      await enforce(community, ctx, post, violation);
    });

    /** Counts a strike: in KV when the bot has a store (in memory otherwise). */
    function strikeRecorder(
      policy: StrikePolicy,
    ): (post: CommunityMessageEvent, now: number) => Promise<Verdict> {
      if (!api.bot.kv) {
        api.log.warn(
          "moderation: the bot has no KV store, so strikes are kept in memory and forgotten " +
            "on restart (pass one with new Bot(client, { kv }))",
        );
        const memory = createStrikes(policy);
        return (post, now) =>
          Promise.resolve(memory.record(`${post.conversation}\n${post.from}`, now));
      }
      const store = createStrikeStore(api.kv.sub("strikes"), policy);
      // `tx` is missing only on stand-in events: then a plain atomic write.
      return (post, now) => store.record(post.conversation, post.from, now, post.tx ?? undefined);
    }

    async function enforce(
      community: Community,
      ctx: Context,
      post: CommunityMessageEvent,
      violation: Violation,
    ): Promise<void> {
      const verdict = await recordStrike(post, Date.now());
      api.log.info("a post broke a room rule", {
        room: post.conversation,
        from: post.from,
        messageId: post.messageId,
        rule: violation.rule,
        action: verdict.action,
      });
      const attempt = (what: string, run: () => Promise<unknown>) =>
        attemptAction(api.log, post, what, run);
      if (config.deleteOffending) {
        await attempt("delete the post", () => ctx.api.deletePost(community, post.messageId));
      }
      if (verdict.action === "mute") {
        await attempt(
          "mute the poster",
          () => ctx.api.moderate(community, "mute", post.from, { seconds: config.muteSeconds }),
        );
      } else if (verdict.action === "ban") {
        await attempt("ban the poster", () => ctx.api.moderate(community, "ban", post.from));
      }
      const text = noticeFor(verdict, messages, post.from, violation, config.muteSeconds);
      if (text) await attempt("post the notice", () => ctx.api.post(community, text));
    }
  },
});

/**
 * The moderation plugin for community rooms: banned words, links, flood control and your own
 * rule; an offending post is deleted, its author warned, then muted for `muteSeconds` (a timed
 * write-permission override), and after `banAfterMutes` mutes banned. Make the bot a
 * moderator of the room. Install it before your handlers: removed posts do not reach them.
 *
 * Strikes are kept in the plugin's KV namespace per (room, user) and expire after
 * `strikeTtlMs` without offence, so a restart forgets nothing; each is counted in the
 * event's inbox transaction (exactly once, even when the event is retried). Flood windows
 * are in memory: seconds long, a restart loses nothing that matters. The room's moderators
 * and admins (global ones too) are left alone unless `exemptModerators: false`, and the bot
 * never acts against itself.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { moderation } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client, { kv: await Deno.openKv("./bot.kv") });
 * bot.use(moderation({
 *   words: ["spam*", "buy now"],
 *   links: "block",
 *   allowDomains: ["getsession.org"],
 *   flood: { limit: 5, windowMs: 10_000 },
 *   warnings: 1,
 *   muteSeconds: 600,
 *   strikeTtlMs: 3_600_000,
 *   exemptModerators: true,
 * }));
 * ```
 */
export function moderation(options: ModerationOptions = {}): Plugin {
  return definition(options as never);
}
