/**
 * Internal: reads X25519 / Ed25519 public keys given as hex or bytes.
 *
 * @module
 */
import { fromHex, isHex } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";

/** A 32-byte key from 64 hex characters or 32 bytes; anything else is a `ValidationError`. */
export function keyBytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length === 32) return value;
  } else if (isHex(value, 32)) {
    return fromHex(value);
  }
  throw new ValidationError(
    `${field} must be a 32-byte key (64 hex characters or a Uint8Array)`,
    "bad_key",
    field,
  );
}

/** A 32-byte key as lowercase hex, from 64 hex characters (either case). */
export function keyHex(value: unknown, field: string): string {
  if (isHex(value, 32)) return value.toLowerCase();
  throw new ValidationError(`${field} must be 64 hex characters (a 32-byte key)`, "bad_key", field);
}
