/**
 * What the moderation plugin does besides judging: running an action without letting a
 * refusal retry the event forever, and the notice it posts.
 *
 * @module
 */
import type { BotLogger, CommunityMessageEvent } from "../../bot/mod.ts";
import type { Violation } from "./rules.ts";
import type { Verdict } from "./strikes.ts";

/**
 * Runs a moderation action; a failure is logged with a hint, not retried (it would repeat).
 *
 * @example
 * ```ts
 * import type { BotLogger, CommunityMessageEvent } from "../../bot/mod.ts";
 * import { attemptAction } from "./notice.ts";
 *
 * declare const log: BotLogger, post: CommunityMessageEvent;
 * await attemptAction(log, post, "delete the post", () => Promise.reject(new Error("403")));
 * ```
 */
export async function attemptAction(
  log: BotLogger,
  post: CommunityMessageEvent,
  what: string,
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    log.warn(`moderation: could not ${what}; is the bot a moderator of the room?`, {
      room: post.conversation,
      messageId: post.messageId,
      error,
    });
  }
}

/**
 * The notice for `verdict`: the template with `{user}`, `{reason}`, `{minutes}` and `{left}`
 * filled in, or `undefined` when that notice is off.
 *
 * @example
 * ```ts
 * import { noticeFor } from "./notice.ts";
 *
 * noticeFor({ action: "mute", mutes: 1 }, { warn: false, mute: "{user} muted {minutes} min", ban: false },
 *   "15ab", { rule: "word", reason: "a banned word" }, 600); // "@15ab muted 10 min"
 * ```
 */
export function noticeFor(
  verdict: Verdict,
  messages: { warn: string | false; mute: string | false; ban: string | false },
  user: string,
  violation: Violation,
  muteSeconds: number,
): string | undefined {
  const template = messages[verdict.action];
  if (!template) return undefined;
  const minutes = Math.max(1, Math.round(muteSeconds / 60));
  const left = verdict.action === "warn" ? verdict.warningsLeft : 0;
  return template
    .replaceAll("{user}", `@${user}`)
    .replaceAll("{reason}", violation.reason)
    .replaceAll("{minutes}", String(minutes))
    .replaceAll("{left}", String(left));
}
