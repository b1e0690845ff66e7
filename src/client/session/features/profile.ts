/**
 * Our own profile: the display name and avatar sent with every visible message and with
 * request responses (extended.md §2.5). The avatar is encrypted with the profile key and
 * uploaded through onion to the file server; re-uploads keep the key.
 *
 * @module
 */
import type { DataMessage } from "../../../proto/mod.ts";
import type { FileServerClient } from "../../files/mod.ts";
import { profileFields, uploadAvatar } from "../../profile/mod.ts";
import { keys } from "../keys.ts";

/** What is stored under `["profile", sid]`. */
export interface OwnProfile {
  /** Display name. */
  readonly displayName?: string;
  /** The uploaded avatar: URL, 32-byte key, and when the file server drops it (ms). */
  readonly avatar?: {
    readonly url: string;
    readonly profileKey: Uint8Array;
    readonly expires?: number;
  };
  /** When it last changed, Unix seconds. */
  readonly updatedAt: number;
}

/** What `setProfile` takes. */
export interface ProfileInput {
  /** Display name (1–100 bytes). */
  readonly displayName?: string;
  /** New avatar image bytes; `null` removes the avatar. */
  readonly avatar?: Uint8Array | null;
}

/** The DataMessage fields carrying `profile` (none without a display name). */
export function profileFieldsOf(
  profile: OwnProfile | undefined,
): Pick<DataMessage, "profile" | "profileKey"> {
  if (!profile?.displayName) return {};
  return profileFields(profile.displayName, profile.avatar, {
    updatedAtSeconds: profile.updatedAt,
  });
}

/** Reads the stored profile. */
export async function loadProfile(kv: Deno.Kv, sid: string): Promise<OwnProfile | undefined> {
  return (await kv.get<OwnProfile>(keys.profile(sid))).value ?? undefined;
}

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
