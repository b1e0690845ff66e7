/**
 * `moderation()`: word and link filters, flood control, auto-delete, warn, timed mute and ban
 * for community rooms; and its building blocks, for your own rules.
 *
 * - Restart-proof: strikes (warnings and mutes toward a ban) are stored in the plugin's KV
 *   namespace, `["plugin", botId, "moderation", "strikes", room, user]`, expiring
 *   `strikeTtlMs` after the last offence (after a mute: after the mute ends). Each strike is
 *   written in the event's inbox transaction with a versionstamp check: a retried event never
 *   counts twice, and two racing offences of one user cannot lose a strike (the loser is
 *   handled again). Without a KV store on the bot, strikes are kept in memory.
 * - In memory on purpose: flood windows (seconds long) and the room moderator lists.
 * - Moderator-aware: the room's moderators and admins (global ones too), read from the room
 *   info and re-read lazily at most once a minute, are never moderated (`exemptModerators:
 *   false` to moderate them too); IDs are compared by the abs rule. The bot never acts
 *   against itself.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { moderation } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(moderation({ words: ["spam*"], links: "block", muteSeconds: 300 }));
 * ```
 *
 * @module
 */
export { moderation, type ModerationOptions } from "./moderation.ts";
export { type BannedWord, createWordFilter } from "./words.ts";
export { createLinkFilter } from "./links.ts";
export { createFloodGuard, type FloodGuard, type FloodHit } from "./flood.ts";
export {
  createStrikes,
  nextStrikes,
  type StrikePolicy,
  type StrikeRecord,
  type Strikes,
  type Verdict,
} from "./strikes.ts";
export { createStrikeStore, type StrikeStore } from "./strike_store.ts";
export {
  createModeratorCache,
  type ModeratorCache,
  type ModeratorCacheOptions,
} from "./moderators.ts";
export {
  createRuleSet,
  type PostFacts,
  type RuleName,
  type RuleSetOptions,
  type Violation,
} from "./rules.ts";
export { createExemptCheck, sameCommunityUser } from "./exempt.ts";
