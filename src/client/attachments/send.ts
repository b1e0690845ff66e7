/**
 * `sendableAttachment`: check the size, encrypt (legacy AES-CBC + HMAC, what every client
 * decrypts), upload, and fill in the `AttachmentPointer` a `DataMessage` carries.
 *
 * @module
 */
import {
  encryptAttachment,
  imageDimensions,
  sniffContentType,
} from "../../crypto/attachments/mod.ts";
import { AttachmentFlags, type AttachmentPointer } from "../../proto/mod.ts";
import type { FileServerClient } from "../files/mod.ts";
import { type AttachmentInput, checkAttachmentInput } from "./input.ts";
import { pointerIdFromUrl } from "./pointer_id.ts";

/**
 * Encrypts and uploads a file, and returns its pointer: `id` (numeric URL segment or `"0"`),
 * `url`, `key`, `digest`, `size`, `contentType` (sniffed when not given), `fileName`, `caption`,
 * `width`/`height` for images, `flags` for voice messages. Files over 10 MB are refused before
 * anything is uploaded.
 *
 * @throws {ValidationError} `attachment_too_large` (over 10,000,000 bytes), `empty_file`,
 *   `invalid_attachment`; upload failures as the file server client throws them.
 *
 * @example
 * ```ts
 * const files = createFileServerClient(network);
 * const pointer = await sendableAttachment(files, { bytes: png, fileName: "cat.png" });
 * const dataMessage = { body: "look", attachments: [pointer] };
 * ```
 */
export async function sendableAttachment(
  files: Pick<FileServerClient, "upload">,
  input: AttachmentInput,
): Promise<AttachmentPointer> {
  const { bytes, fileName, caption, voiceMessage } = checkAttachmentInput(input);
  const contentType = input.contentType ?? sniffContentType(bytes, fileName);
  const dimensions = contentType.startsWith("image/") ? imageDimensions(bytes) : undefined;
  const { blob, key, digest, size } = encryptAttachment(bytes);
  const { url } = await files.upload(blob);
  return {
    id: pointerIdFromUrl(url),
    contentType,
    key,
    size,
    digest,
    ...(fileName !== undefined ? { fileName } : {}),
    ...(voiceMessage ? { flags: AttachmentFlags.VOICE_MESSAGE } : {}),
    ...(dimensions ?? {}),
    ...(caption !== undefined ? { caption } : {}),
    url,
  };
}
