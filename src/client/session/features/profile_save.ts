/**
 * Changing our own profile: a new display name and/or avatar (encrypted, uploaded). Loaded on
 * first use, so an idle client does not carry the avatar code.
 *
 * @module
 */
import type { FileServerClient } from "../../files/mod.ts";
import { profileFields } from "../../profile/fields.ts";
import { uploadAvatar } from "../../profile/avatar.ts";
import { keys } from "../keys.ts";
import { loadProfile, type OwnProfile, type ProfileInput } from "./profile.ts";

/** Applies `input` (uploading a new avatar), stores and returns the new profile. */
export async function saveProfile(
  kv: Deno.Kv,
  sid: string,
  files: () => Pick<FileServerClient, "upload">,
  input: ProfileInput,
): Promise<OwnProfile> {
  const old = await loadProfile(kv, sid);
  const displayName = input.displayName ?? old?.displayName;
  // Validate the name before paying for an upload.
  if (displayName !== undefined) profileFields(displayName);
  let avatar = input.avatar === null ? undefined : old?.avatar;
  if (input.avatar instanceof Uint8Array) {
    const uploaded = await uploadAvatar(files(), input.avatar, old?.avatar?.profileKey);
    avatar = { url: uploaded.url, profileKey: uploaded.profileKey, expires: uploaded.expires };
  }
  const profile: OwnProfile = {
    ...(displayName !== undefined ? { displayName } : {}),
    ...(avatar ? { avatar } : {}),
    updatedAt: Math.floor(Date.now() / 1000),
  };
  await kv.set(keys.profile(sid), profile);
  return profile;
}
