/**
 * Our own profile: the display name and avatar sent with every visible message and with
 * request responses (extended.md §2.5). The avatar is encrypted with the profile key and
 * uploaded through onion to the file server; re-uploads keep the key.
 *
 * @module
 */
import type { DataMessage } from "../../../proto/mod.ts";
import { profileFields } from "../../profile/fields.ts";
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
