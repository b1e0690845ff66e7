/**
 * Replay of outgoing calls: every call a conversation's builder makes (`ctx.reply`,
 * `conversation.reply`, `bot.api.send`, …) is seen by one API transformer that knows, through
 * the async context, which conversation made it. Live, the result is recorded in the step's
 * log; while a restored conversation replays, the recorded result is returned and nothing is
 * sent again.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ApiTransformer } from "../../bot/mod.ts";
import { SessionBotError } from "../../core/errors.ts";

/** One recorded outgoing call: its result, or why it failed. */
export type CallRecord = { readonly ok: unknown } | { readonly failed: string };

/** What the recorder needs from a running conversation. */
export interface CallLog {
  /** Whether calls are recorded/replayed (false: pass through untouched). */
  readonly recording: boolean;
  /** Recorded results still to hand out while replaying, oldest first. */
  readonly replayCalls: CallRecord[];
  /** Calls made live in the current step. */
  readonly calls: CallRecord[];
}

const inside = new AsyncLocalStorage<CallLog>();

/**
 * Runs `fn` (a builder) so that the calls it makes, now and after every `await`, belong to
 * `log`.
 *
 * @example
 * ```ts
 * import { runInside } from "./recorder.ts";
 *
 * const log = { recording: true, replayCalls: [], calls: [] };
 * runInside(log, async () => {});
 * ```
 */
export function runInside<T>(log: CallLog, fn: () => T): T {
  return inside.run(log, fn);
}

/**
 * The transformer that records (live) or replays (restored) a conversation's outgoing calls;
 * calls made outside a builder pass through.
 *
 * @example
 * ```ts
 * import { Bot } from "../../bot/mod.ts";
 * import { callRecorder } from "./recorder.ts";
 *
 * declare const bot: Bot;
 * bot.api.use(callRecorder());
 * ```
 */
export function callRecorder(): ApiTransformer {
  return async function recordConversationCalls(call, next) {
    const log = inside.getStore();
    if (!log?.recording) return await next(call);
    const recorded = log.replayCalls.shift();
    if (recorded) {
      if ("failed" in recorded) {
        throw new SessionBotError(
          `replayed ${call.method} failed when it was first made: ${recorded.failed}`,
          "conversation_replayed_failure",
        );
      }
      return recorded.ok;
    }
    try {
      const value = await next(call);
      log.calls.push({ ok: value });
      return value;
    } catch (error) {
      log.calls.push({ failed: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
}
