/**
 * Disappearing messages on the sending side (core §2.11): the Content fields, and the store
 * TTL (after-send: the timer itself, so the swarm drops it on time; after-read: 14 days, the
 * reader shortens it).
 *
 * @module
 */
import { ValidationError } from "../../../core/errors.ts";
import { type ContentInit, ExpirationType } from "../../../proto/mod.ts";
import { DEFAULT_TTL_MS, MAX_PUBLIC_TTL_MS, MIN_TTL_MS } from "../../network/mod.ts";
import type { TimerSetting } from "../contacts.ts";

/** The Content fields and TTL for a timer (none: 14 days, no fields). */
export function expirationFields(
  timer: TimerSetting | undefined,
): { fields: Pick<ContentInit, "expirationType" | "expirationTimer">; ttl: number } {
  if (!timer || timer.seconds === 0) return { fields: {}, ttl: DEFAULT_TTL_MS };
  const afterRead = timer.mode === "afterRead";
  const fields = {
    expirationType: afterRead ? ExpirationType.DELETE_AFTER_READ : ExpirationType.DELETE_AFTER_SEND,
    expirationTimer: timer.seconds,
  };
  if (afterRead) return { fields, ttl: DEFAULT_TTL_MS };
  // Store TTLs are whole multiples of 10 ms between 10 s and 14 days.
  const ttl = Math.min(MAX_PUBLIC_TTL_MS, Math.max(MIN_TTL_MS, timer.seconds * 1000));
  return { fields, ttl };
}

/** Checks a timer given to `send`. */
export function checkTimer(
  seconds: number | undefined,
  mode: "afterSend" | "afterRead" | undefined,
): TimerSetting | undefined {
  if (seconds === undefined) return undefined;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 14 * 86_400) {
    throw new ValidationError(
      `expiresInSeconds must be a whole number of seconds from 0 to ${14 * 86_400} (14 days)`,
      "invalid_timer",
      "expiresInSeconds",
    );
  }
  if (mode !== undefined && mode !== "afterSend" && mode !== "afterRead") {
    throw new ValidationError(
      'expirationMode must be "afterSend" or "afterRead"',
      "invalid_timer",
      "expirationMode",
    );
  }
  return { mode: mode ?? "afterSend", seconds };
}
