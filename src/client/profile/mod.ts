/**
 * Profiles (extended.md §2.5): upload and fetch avatars encrypted with the profile key, and the
 * `DataMessage.profile` / `profileKey` fields desktop sends with every visible message.
 *
 * @example
 * ```ts
 * import { fetchAvatar, profileFields, uploadAvatar } from "./mod.ts";
 *
 * const avatar = await uploadAvatar(files, png);
 * const message = { body: "hello", ...profileFields("Bot", avatar) };
 * // a receiver:
 * const image = await fetchAvatar(files, avatar.url, avatar.profileKey);
 * ```
 *
 * @module
 */
export { uploadAvatar, type UploadedAvatar } from "./avatar.ts";
export { fetchAvatar } from "./avatar_fetch.ts";
export { MAX_DISPLAY_NAME_BYTES, type ProfileFields, profileFields } from "./fields.ts";
