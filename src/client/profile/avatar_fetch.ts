/**
 * Avatar download (extended.md §2.5): fetched from its URL and decrypted with the key the sender
 * shares in `DataMessage.profileKey`; deterministic `#d` avatars too.
 *
 * @module
 */
import { CryptoError, SessionBotError } from "../../core/errors.ts";
import {
  decryptDeterministicAttachment,
  decryptProfilePicture,
} from "../../crypto/attachments/mod.ts";
import { type FileServerClient, parseFileUrl } from "../files/mod.ts";
import { checkProfileKey } from "./avatar.ts";

/**
 * Downloads and decrypts an avatar from its URL with the sender's profile key.
 *
 * @throws {ValidationError} `invalid_key`, `bad_file_url`; {CryptoError} `decrypt_failed` when
 *   the key is not the one the avatar was encrypted with or the file was tampered with.
 *
 * @example
 * ```ts
 * const image = await fetchAvatar(files, profile.profilePicture, dataMessage.profileKey);
 * ```
 */
export async function fetchAvatar(
  files: Pick<FileServerClient, "download">,
  url: string,
  profileKey: Uint8Array,
): Promise<Uint8Array> {
  const key = checkProfileKey(profileKey);
  const deterministic = parseFileUrl(url).deterministic;
  const blob = await files.download(url);
  try {
    return deterministic
      ? decryptDeterministicAttachment(blob, key)
      : decryptProfilePicture(blob, key);
  } catch (error) {
    if (error instanceof SessionBotError) throw error;
    throw new CryptoError("avatar does not decrypt: malformed file", "decrypt_failed", {
      cause: error,
    });
  }
}
