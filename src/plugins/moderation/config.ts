/**
 * The moderation plugin's options: what you pass to `moderation({…})`, their defaults, and
 * the schema that checks them (word and domain lists are compiled here, so a bad entry fails
 * at `moderation({…})` with the field named).
 *
 * @module
 */
import { z } from "zod";
import type { Context } from "../../bot/mod.ts";
import { createLinkFilter } from "./links.ts";
import { type BannedWord, createWordFilter } from "./words.ts";

/** Options of {@link moderation}. */
export interface ModerationOptions {
  /** Banned words and phrases (whole words, any case; `spam*` matches word endings) or RegExps. */
  readonly words?: readonly BannedWord[];
  /** `"block"`: remove posts with links (but to `allowDomains`); `"allow"` (default). */
  readonly links?: "allow" | "block";
  /** Domains (and their subdomains) links may point to when `links` is `"block"`. */
  readonly allowDomains?: readonly string[];
  /**
   * At most `limit` posts per `windowMs` per user (default 5 per 10 s); `false`: off. Flood
   * windows are kept in memory only: they last seconds, so a restart loses nothing that
   * matters (the strikes a flood earned are in KV).
   */
  readonly flood?: { readonly limit?: number; readonly windowMs?: number } | false;
  /** Your own rule: return why a post breaks it (shown to the room), or nothing. */
  readonly check?: (
    text: string,
    ctx: Context,
  ) => string | undefined | void | Promise<string | undefined | void>;
  /** Delete posts that break a rule (default true). */
  readonly deleteOffending?: boolean;
  /** Warnings before a mute (default 1; 0 mutes at once). */
  readonly warnings?: number;
  /** How long a mute lasts, seconds (default 600). */
  readonly muteSeconds?: number;
  /** Mutes before a ban (default 0: never ban). */
  readonly banAfterMutes?: number;
  /**
   * How long a strike counts, ms (default one hour). Strikes are stored in the plugin's KV
   * namespace per (room, user), so they survive a restart; a record is forgotten once its
   * owner kept the rules this long (after a mute: this long after the mute ended). Without a
   * KV store on the bot they are kept in memory.
   */
  readonly strikeTtlMs?: number;
  /** Never moderated: Session IDs (matched to their blinded IDs) or blinded IDs. */
  readonly exempt?: readonly string[];
  /**
   * Leave the room's moderators and admins (global ones too) alone (default true). The lists
   * come from the room info, read when a post breaks a rule and re-read at most once a
   * minute; a new moderator may be moderated for up to a minute.
   */
  readonly exemptModerators?: boolean;
  /** Room tokens to moderate (default: every room the bot is in). */
  readonly rooms?: readonly string[];
  /**
   * What the bot posts (`false`: nothing). `{user}` becomes a mention, `{reason}` the broken
   * rule, `{minutes}` the mute length, `{left}` the warnings left.
   */
  readonly messages?: {
    readonly warn?: string | false;
    readonly mute?: string | false;
    readonly ban?: string | false;
  };
}

/** What the bot posts by default. */
export const DEFAULT_MESSAGES = {
  warn:
    "{user} please keep to the room rules: {reason}. Next time you will be muted for {minutes} min.",
  mute: "{user} is muted for {minutes} min: {reason}.",
  ban: "{user} is banned from this room: {reason}.",
} as const;

const fn = <T>(what: string) =>
  z.custom<T>((v) => typeof v === "function", { message: `must be a function ${what}` });

const template = z.union([z.string().min(1), z.literal(false)]);

/** The options schema (zod stays inside the plugin). */
export const schema = z.strictObject({
  words: z.array(z.union([z.string(), z.instanceof(RegExp)])).default([]),
  links: z.enum(["allow", "block"]).default("allow"),
  allowDomains: z.array(z.string()).default([]),
  flood: z.union([
    z.literal(false),
    z.strictObject({
      limit: z.number().int().min(1).default(5),
      windowMs: z.number().int().min(100).default(10_000),
    }),
  ]).default({ limit: 5, windowMs: 10_000 }),
  check: fn<NonNullable<ModerationOptions["check"]>>("(text, ctx) => reason | undefined")
    .optional(),
  deleteOffending: z.boolean().default(true),
  warnings: z.number().int().min(0).max(100).default(1),
  muteSeconds: z.number().int().min(1).max(365 * 86_400).default(600),
  banAfterMutes: z.number().int().min(0).default(0),
  strikeTtlMs: z.number().int().min(1).default(3_600_000),
  exempt: z.array(
    z.string().trim().toLowerCase().regex(/^(05|15|25)[0-9a-f]{64}$/, {
      message: "must be a Session ID (05…) or a blinded ID (15…/25…)",
    }),
  ).default([]),
  exemptModerators: z.boolean().default(true),
  rooms: z.array(z.string().regex(/^[\w-]{1,64}$/, { message: "must be a room token" }))
    .optional(),
  messages: z.strictObject({
    warn: template.optional(),
    mute: template.optional(),
    ban: template.optional(),
  }).default({}),
}).superRefine((config, issues) => {
  // Compile the word and link lists now, so a bad entry fails at moderation({…}), not later.
  for (
    const [path, compile] of [
      ["words", () => createWordFilter(config.words)],
      ["allowDomains", () => createLinkFilter(config.allowDomains)],
    ] as const
  ) {
    try {
      compile();
    } catch (error) {
      const message = (error as Error).message.replace(
        /^moderation: \S+ (?:"(?:[^"\\]|\\.)*"|\S+) /,
        "",
      );
      const field = (error as { field?: string }).field ?? path;
      const at = field.split(".").map((part) => /^\d+$/.test(part) ? Number(part) : part);
      issues.addIssue({ code: "custom", path: at, message });
    }
  }
  if (config.links === "allow" && config.allowDomains.length > 0) {
    issues.addIssue({
      code: "custom",
      path: ["allowDomains"],
      message: 'only applies with links: "block" (links are allowed everywhere now)',
    });
  }
});
