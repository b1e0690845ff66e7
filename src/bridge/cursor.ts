/**
 * Event log cursors: zero-padded decimal sequence numbers, so they sort as strings the way
 * they sort as numbers and can be compared, stored and sent as `Last-Event-ID` unchanged.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";

/** Digits of a cursor: room for 10^16 events. */
export const CURSOR_DIGITS = 16;

/** The cursor before every event: `since(START_CURSOR)` reads from the oldest one kept. */
export const START_CURSOR: string = "0".repeat(CURSOR_DIGITS);

/**
 * The cursor of sequence number `seq`.
 *
 * @example
 * ```ts
 * formatCursor(42n); // "0000000000000042"
 * ```
 */
export function formatCursor(seq: bigint): string {
  return seq.toString().padStart(CURSOR_DIGITS, "0");
}

/**
 * Reads a cursor given by a caller (`since`, `Last-Event-ID`): 1 to 16 digits; shorter ones are
 * padded, so `since=0` means "from the start".
 *
 * @throws {ValidationError} `invalid_cursor`, naming `field`.
 * @example
 * ```ts
 * parseCursor("42"); // 42n
 * ```
 */
export function parseCursor(text: string, field = "since"): bigint {
  if (typeof text !== "string" || !/^\d{1,16}$/.test(text.trim())) {
    throw new ValidationError(
      `${field} must be a cursor from this API (up to ${CURSOR_DIGITS} digits, e.g. the ` +
        "`next` of a previous page or an event's id:), or 0 to read from the start",
      "invalid_cursor",
      field,
    );
  }
  return BigInt(text.trim());
}
