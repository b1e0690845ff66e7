/**
 * Attachments end to end (extended.md §2.1–2.4): `sendableAttachment` checks, encrypts and
 * uploads a file and returns its `AttachmentPointer`; `fetchAttachment` downloads, verifies and
 * decrypts one (legacy or deterministic format).
 *
 * @example
 * ```ts
 * import { fetchAttachment, sendableAttachment } from "./mod.ts";
 *
 * const pointer = await sendableAttachment(files, { bytes: png, fileName: "cat.png" });
 * // … send { attachments: [pointer] }; the receiver:
 * const { bytes, contentType } = await fetchAttachment(files, pointer);
 * ```
 *
 * @module
 */
export { sendableAttachment } from "./send.ts";
export { fetchAttachment, type FetchedAttachment } from "./fetch.ts";
export type { AttachmentInput } from "./input.ts";
export { pointerIdFromUrl } from "./pointer_id.ts";
