/**
 * Groups v2 control messages (`DataMessage.groupUpdateMessage`, field 120; core.md §3.5).
 *
 * @module
 */
import type { GroupInfoChangeType, GroupMemberChangeType } from "../enums.ts";

/** A groups v2 control message; normally exactly one field is set. */
export interface GroupUpdateMessage {
  /** 1. */
  inviteMessage?: GroupUpdateInviteMessage;
  /** 2. */
  infoChangeMessage?: GroupUpdateInfoChangeMessage;
  /** 3. */
  memberChangeMessage?: GroupUpdateMemberChangeMessage;
  /** 4. */
  promoteMessage?: GroupUpdatePromoteMessage;
  /** 5. */
  memberLeftMessage?: GroupUpdateMemberLeftMessage;
  /** 6. */
  inviteResponse?: GroupUpdateInviteResponseMessage;
  /** 7. */
  deleteMemberContent?: GroupUpdateDeleteMemberContentMessage;
  /** 8. */
  memberLeftNotificationMessage?: GroupUpdateMemberLeftNotificationMessage;
}

/** An invitation to a groups v2 group. */
export interface GroupUpdateInviteMessage {
  /** 1 (required): the group's `03…` ID (hex). */
  groupSessionId: string;
  /** 2 (required): group name. */
  name: string;
  /** 3 (required): the member's auth data. */
  memberAuthData: Uint8Array;
  /** 4 (required): admin signature. */
  adminSignature: Uint8Array;
}

/** Promotion to admin (carries the group's identity seed). */
export interface GroupUpdatePromoteMessage {
  /** 1 (required). */
  groupIdentitySeed: Uint8Array;
  /** 2 (required): group name. */
  name: string;
}

/** Group name / avatar / timer change notice. */
export interface GroupUpdateInfoChangeMessage {
  /** 1 (required): what changed. */
  type: GroupInfoChangeType;
  /** 2: new name. */
  updatedName?: string;
  /** 3: new disappearing-messages timer, seconds. */
  updatedExpiration?: number;
  /** 4 (required): admin signature. */
  adminSignature: Uint8Array;
}

/** Members added / removed / promoted notice. */
export interface GroupUpdateMemberChangeMessage {
  /** 1 (required). */
  type: GroupMemberChangeType;
  /** 2: the members concerned. */
  memberSessionIds?: string[];
  /** 3: whether history was shared with added members. */
  historyShared?: boolean;
  /** 4 (required): admin signature. */
  adminSignature: Uint8Array;
}

/** A member left (the member is the sender); no fields. */
export type GroupUpdateMemberLeftMessage = Record<string, never>;

/** Notice to the group that a member left; no fields. */
export type GroupUpdateMemberLeftNotificationMessage = Record<string, never>;

/** Answer to an invitation. */
export interface GroupUpdateInviteResponseMessage {
  /** 1 (required). */
  isApproved: boolean;
}

/** Request to delete members' messages. */
export interface GroupUpdateDeleteMemberContentMessage {
  /** 1: whose messages. */
  memberSessionIds?: string[];
  /** 2: which messages (storage hashes). */
  messageHashes?: string[];
  /** 3: admin signature. */
  adminSignature?: Uint8Array;
}
