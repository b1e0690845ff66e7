/**
 * The rules one post is held against: banned words, links, flood, and your own check. The
 * first rule broken is the violation.
 *
 * @module
 */
import { createFloodGuard } from "./flood.ts";
import { createLinkFilter } from "./links.ts";
import { type BannedWord, createWordFilter } from "./words.ts";

/** Which rule a post broke. */
export type RuleName = "word" | "link" | "flood" | "custom";

/** A broken rule and why, in words for the room. */
export interface Violation {
  /** The rule. */
  readonly rule: RuleName;
  /** What to tell the room, e.g. "a banned word" or "a link to scam.xyz". */
  readonly reason: string;
}

/** A post as the rules see it. */
export interface PostFacts {
  /** Who posted (per room: the flood key). */
  readonly key: string;
  /** A stable id of the post. */
  readonly postId: string;
  /** When it was posted, ms. */
  readonly at: number;
  /** Its text. */
  readonly text: string;
  /** An edit: checked for words and links, not counted for flood. */
  readonly edited: boolean;
}

/** The compiled rules. */
export interface RuleSetOptions {
  /** Banned words and phrases. */
  readonly words: readonly BannedWord[];
  /** Links: `allow` any, or `block` all but `allowDomains`. */
  readonly links: "allow" | "block";
  /** Domains allowed when links are blocked. */
  readonly allowDomains: readonly string[];
  /** Posts per window, or `false` for no flood control. */
  readonly flood: { readonly limit: number; readonly windowMs: number } | false;
}

/**
 * Compiles the rules; `check(post)` returns the first violation or `undefined`.
 *
 * @example
 * ```ts
 * import { createRuleSet } from "./rules.ts";
 *
 * const rules = createRuleSet({
 *   words: ["spam"],
 *   links: "block",
 *   allowDomains: [],
 *   flood: { limit: 5, windowMs: 10_000 },
 * });
 * rules.check({ key: "alice", postId: "1", at: 0, text: "no spam please", edited: false });
 * // { rule: "word", reason: "a banned word" }
 * ```
 */
export function createRuleSet(options: RuleSetOptions): {
  check(post: PostFacts): Violation | undefined;
} {
  const bannedWord = createWordFilter(options.words);
  const blockedLink = options.links === "block"
    ? createLinkFilter(options.allowDomains)
    : undefined;
  const flood = options.flood
    ? createFloodGuard(options.flood.limit, options.flood.windowMs)
    : undefined;
  const windowSeconds = options.flood ? Math.round(options.flood.windowMs / 1000) : 0;
  return {
    check(post) {
      if (bannedWord(post.text) !== undefined) return { rule: "word", reason: "a banned word" };
      const host = blockedLink?.(post.text);
      if (host !== undefined) return { rule: "link", reason: `a link to ${host}` };
      if (flood && !post.edited) {
        const hit = flood.hit(post.key, post.postId, post.at);
        if (hit.over) {
          return {
            rule: "flood",
            reason: `posting too fast (${hit.count} posts in ${windowSeconds} s)`,
          };
        }
      }
      return undefined;
    },
  };
}
