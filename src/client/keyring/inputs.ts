/**
 * Checks on what callers hand to `save`: display names and passphrases.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

/** Session clients cap profile names at 100 characters. */
const MAX_DISPLAY_NAME = 100;

/** Returns a valid display name or undefined; `ValidationError` `invalid_display_name`. */
export function checkDisplayName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.trim() !== "" && value.length <= MAX_DISPLAY_NAME) {
    return value;
  }
  throw new ValidationError(
    `display name must be 1-${MAX_DISPLAY_NAME} characters`,
    "invalid_display_name",
    "displayName",
  );
}

/** Returns a passphrase or undefined; an empty one is refused rather than silently weak. */
export function checkPassphrase(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && value !== "") return value;
  throw new ValidationError(
    "passphrase must be a non-empty string; leave it out to store the identity unencrypted",
    "empty_passphrase",
    "passphrase",
  );
}
