/**
 * Input checks of the community calls: message ids, emoji, user IDs, durations.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

/** A server message (or file) id. */
export function messageIdOf(value: unknown, field = "messageId"): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(
      `${field} must be a non-negative integer id, got ${String(value)}`,
      "bad_id",
      field,
    );
  }
  return value;
}

/** An emoji reaction: 1–12 code points, no `/`. */
export function emojiOf(value: unknown): string {
  const points = typeof value === "string" ? [...value].length : 0;
  if (typeof value !== "string" || points < 1 || points > 12 || value.includes("/")) {
    throw new ValidationError(
      'a reaction is 1-12 Unicode code points, like "👍"',
      "bad_emoji",
      "emoji",
    );
  }
  return value;
}

/** A user ID in a moderation call: `05…` or `15…` (66 hex characters). */
export function userIdOf(value: unknown, field = "sessionId"): string {
  if (typeof value !== "string" || !/^(05|15)[0-9a-f]{64}$/.test(value)) {
    throw new ValidationError(
      `${field} must be a 05 Session ID or a 15 blinded ID (66 lower-case hex characters)`,
      "bad_session_id",
      field,
    );
  }
  return value;
}

/** A blinded (`15…`) ID, the only kind a community inbox takes. */
export function blindedIdOf(value: unknown, field = "to"): string {
  if (typeof value !== "string" || !/^15[0-9a-f]{64}$/.test(value)) {
    throw new ValidationError(
      `${field} must be a 15-prefixed blinded ID (as seen in the room): blinded DMs go to those`,
      "bad_blinded_id",
      field,
    );
  }
  return value;
}

/** A positive duration in seconds, under the server's 1e9 limit. */
export function secondsOf(value: unknown, field = "seconds"): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value >= 1e9) {
    throw new ValidationError(
      `${field} must be a positive number of seconds`,
      "bad_duration",
      field,
    );
  }
  return value;
}
