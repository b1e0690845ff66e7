/**
 * `moderation()`: keeps community rooms clean. Each post is held against banned words, a link
 * filter, flood control and your own check; a post that breaks one is deleted (auto-delete),
 * its author warned, then muted for a while (a timed write-permission override), and after
 * repeated mutes banned. The bot must be a moderator of the room.
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
import { attemptAction, noticeFor } from "./notice.ts";
import { createRuleSet, type Violation } from "./rules.ts";
import { createStrikes } from "./strikes.ts";

export type { ModerationOptions } from "./config.ts";

const definition = definePlugin({
  name: "moderation",
  version: VERSION,
  description: "Community moderation: word and link filters, flood control, warn, timed mute, ban",
  config: schema,
  install(api) {
    const config = api.config;
    const rules = createRuleSet(config);
    const strikes = createStrikes({
      warnings: config.warnings,
      banAfterMutes: config.banAfterMutes,
      ttlMs: config.strikeTtlMs,
    });
    const isExempt = createExemptCheck(config.exempt);
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
        (rooms && !rooms.has(post.room.room.toLowerCase())) ||
        isExempt(post.from, post.room.publicKey)
      ) {
        return await next();
      }
      const violation = await violationOf(ctx, post);
      if (!violation) return await next();
      // The post stops here: later handlers never see it.
      await enforce(ctx.community!, ctx, post, violation);
    });

    async function enforce(
      community: Community,
      ctx: Context,
      post: CommunityMessageEvent,
      violation: Violation,
    ): Promise<void> {
      const verdict = strikes.record(`${post.conversation}\n${post.from}`, Date.now());
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
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { moderation } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(moderation({
 *   words: ["spam*", "buy now"],
 *   links: "block",
 *   allowDomains: ["getsession.org"],
 *   flood: { limit: 5, windowMs: 10_000 },
 *   warnings: 1,
 *   muteSeconds: 600,
 * }));
 * ```
 */
export function moderation(options: ModerationOptions = {}): Plugin {
  return definition(options as never);
}
