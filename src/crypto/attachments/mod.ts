/**
 * Pure cryptography of attachments and profile pictures (extended.md §2): the legacy
 * AES-CBC + HMAC format every client decrypts, libsession's deterministic `'S'` format, AES-GCM
 * avatars, the 10 MB limit, and header-only image dimensions and content-type sniffing for
 * `AttachmentPointer` fields. No I/O.
 *
 * @example
 * ```ts
 * import { decryptAttachment, encryptAttachment } from "./mod.ts";
 * const { blob, key, digest, size } = encryptAttachment(new TextEncoder().encode("hello"));
 * decryptAttachment(blob, { key, digest, size }); // "hello" as bytes
 * ```
 *
 * @module
 */
export { assertAttachmentSize, MAX_ATTACHMENT_BYTES } from "./limits.ts";
export { legacyPaddedSize } from "./legacy_padding.ts";
export {
  encryptAttachment,
  type EncryptAttachmentOptions,
  type EncryptedAttachment,
} from "./legacy_encrypt.ts";
export { decryptAttachment, type DecryptAttachmentOptions } from "./legacy_decrypt.ts";
export { decryptProfilePicture, encryptProfilePicture } from "./profile_picture.ts";
export {
  deterministicEncryptedSize,
  deterministicPaddingSize,
  MAX_DETERMINISTIC_BYTES,
} from "./deterministic_size.ts";
export {
  type AttachmentDomain,
  deriveDeterministicKey,
  type DeterministicKey,
} from "./deterministic_key.ts";
export {
  type DeterministicAttachment,
  type DeterministicEncryptOptions,
  encryptDeterministicAttachment,
} from "./deterministic_encrypt.ts";
export { decryptDeterministicAttachment } from "./deterministic_decrypt.ts";
export { SecretStream, SECRETSTREAM_ABYTES, SecretStreamTag } from "./secretstream.ts";
export { type ImageDimensions, imageDimensions } from "./image_dimensions.ts";
export { DEFAULT_CONTENT_TYPE, sniffContentType } from "./content_type.ts";
