/**
 * `moderation()`: word and link filters, flood control, auto-delete, warn, timed mute and ban
 * for community rooms; and its building blocks, for your own rules.
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
export { createStrikes, type StrikePolicy, type Strikes, type Verdict } from "./strikes.ts";
export {
  createRuleSet,
  type PostFacts,
  type RuleName,
  type RuleSetOptions,
  type Violation,
} from "./rules.ts";
export { createExemptCheck } from "./exempt.ts";
