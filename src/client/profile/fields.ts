/**
 * The profile fields desktop attaches to every visible message (extended.md §2.5):
 * `DataMessage.profile` (`LokiProfile`) and, when there is an avatar, `DataMessage.profileKey`.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { LokiProfile } from "../../proto/mod.ts";
import { parseFileUrl } from "../files/mod.ts";
import { checkProfileKey } from "./avatar.ts";

/** Longest display name, UTF-8 bytes (libsession `MAX_NAME_LENGTH`). */
export const MAX_DISPLAY_NAME_BYTES = 100;

/** The `DataMessage` fields that carry a profile. */
export interface ProfileFields {
  /** `DataMessage.profile`. */
  readonly profile: LokiProfile;
  /** `DataMessage.profileKey`: only with an avatar. */
  readonly profileKey?: Uint8Array;
}

/**
 * Builds `profile` (display name, avatar URL, last update) and `profileKey` for a
 * `DataMessage`. `updatedAtSeconds` is when the profile last changed (Unix seconds): receivers
 * ignore profiles older than the one they have.
 *
 * @throws {ValidationError} `invalid_display_name` (empty, or over 100 UTF-8 bytes),
 *   `bad_file_url`, `invalid_key`.
 *
 * @example
 * ```ts
 * const dataMessage = { body: "hi", ...profileFields("Bot", avatar) };
 * ```
 */
export function profileFields(
  displayName: string,
  avatar?: { readonly url: string; readonly profileKey: Uint8Array },
  options: { readonly updatedAtSeconds?: number } = {},
): ProfileFields {
  checkDisplayName(displayName);
  const profile: LokiProfile = { displayName };
  if (avatar !== undefined) {
    parseFileUrl(avatar.url); // throws bad_file_url for anything but a file server URL
    profile.profilePicture = avatar.url;
  }
  const updated = options.updatedAtSeconds;
  if (updated !== undefined) {
    if (!Number.isSafeInteger(updated) || updated < 0) {
      throw new ValidationError(
        "updatedAtSeconds must be a Unix time in whole seconds",
        "invalid_time",
        "updatedAtSeconds",
      );
    }
    profile.lastProfileUpdateSeconds = updated;
  }
  if (avatar === undefined) return { profile };
  return { profile, profileKey: checkProfileKey(avatar.profileKey).slice() };
}

function checkDisplayName(name: string): void {
  const bytes = typeof name === "string" ? new TextEncoder().encode(name).length : 0;
  if (typeof name === "string" && name.trim() !== "" && bytes <= MAX_DISPLAY_NAME_BYTES) return;
  throw new ValidationError(
    `a display name must be 1 to ${MAX_DISPLAY_NAME_BYTES} UTF-8 bytes of visible text` +
      (bytes > MAX_DISPLAY_NAME_BYTES ? `, got ${bytes}: shorten it` : ""),
    "invalid_display_name",
    "displayName",
  );
}
