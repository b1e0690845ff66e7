/**
 * Avatar upload (extended.md §2.5): the image encrypted with the 32-byte profile key
 * (AES-256-GCM, desktop `profileEncrypter`) and uploaded to the file server.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { randomBytes } from "../../core/bytes.ts";
import { assertAttachmentSize, encryptProfilePicture } from "../../crypto/attachments/mod.ts";
import type { FileServerClient, UploadOptions } from "../files/mod.ts";

/** An uploaded avatar: what goes into the profile and `profileKey`. */
export interface UploadedAvatar {
  /** The avatar's URL (`LokiProfile.profilePicture`). */
  readonly url: string;
  /** The 32-byte key (`DataMessage.profileKey`); reuse it for the next upload. */
  readonly profileKey: Uint8Array;
  /** When the file server drops it, Unix ms (extend or re-upload before). */
  readonly expires: number;
}

/**
 * Encrypts `imageBytes` with `profileKey` (32 random bytes unless given: pass the current one
 * when replacing an avatar) and uploads it.
 *
 * @throws {ValidationError} `empty_file`, `attachment_too_large` (over 10 MB), `invalid_key`.
 *
 * @example
 * ```ts
 * const avatar = await uploadAvatar(files, await Deno.readFile("me.png"));
 * const fields = profileFields("Bot", avatar); // { profile, profileKey }
 * ```
 */
export async function uploadAvatar(
  files: Pick<FileServerClient, "upload">,
  imageBytes: Uint8Array,
  profileKey: Uint8Array = randomBytes(32),
  options: Pick<UploadOptions, "ttlSeconds"> = {},
): Promise<UploadedAvatar> {
  if (!(imageBytes instanceof Uint8Array) || imageBytes.length === 0) {
    throw new ValidationError("the avatar must be non-empty image bytes", "empty_file", "image");
  }
  assertAttachmentSize(imageBytes.length, "image");
  const key = checkProfileKey(profileKey).slice();
  const { url, expires } = await files.upload(encryptProfilePicture(imageBytes, key), options);
  return { url, profileKey: key, expires };
}

/** Throws `ValidationError` `invalid_key` unless `key` is 32 bytes. */
export function checkProfileKey(key: Uint8Array): Uint8Array {
  if (key instanceof Uint8Array && key.length === 32) return key;
  throw new ValidationError(
    "a profile key must be 32 bytes (the DataMessage.profileKey the sender shares)",
    "invalid_key",
    "profileKey",
  );
}
