/**
 * Why a conversation stopped waiting.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";

/** Why a wait ended without an answer. */
export type ConversationEnd = "timeout" | "cancelled" | "replaced" | "stopped";

/**
 * Rejects a conversation's pending wait: `reason` says why. Let it propagate and the plugin
 * ends the conversation (with the configured reply for `timeout` and `cancelled`); catch it to
 * react yourself.
 *
 * @example
 * ```ts
 * import { ConversationError, defineConversation } from "./mod.ts";
 *
 * const quiz = defineConversation(async (conversation) => {
 *   try {
 *     await conversation.ask("2 + 2?", { timeoutMs: 30_000 });
 *   } catch (e) {
 *     if (e instanceof ConversationError && e.reason === "timeout") {
 *       await conversation.reply("Too slow!");
 *       return;
 *     }
 *     throw e;
 *   }
 * });
 * ```
 */
export class ConversationError extends SessionBotError {
  /** Why the wait ended. */
  readonly reason: ConversationEnd;

  /**
   * Creates the error.
   *
   * @param reason Why the wait ended.
   * @param name The conversation's name.
   */
  constructor(reason: ConversationEnd, name: string) {
    const why = {
      timeout: "no answer came in time",
      cancelled: "the user cancelled it",
      replaced: "another conversation was entered in this chat",
      stopped: "the bot is stopping",
    }[reason];
    super(`conversation '${name}' ended: ${why}`, `conversation_${reason}`);
    this.reason = reason;
  }
}
