/**
 * Legacy messages still defined by some clients (core.md §3.5): old config sync, legacy closed
 * groups. Decoded so that such messages are recognised rather than mistaken for garbage.
 *
 * @module
 */
import type { ClosedGroupControlType, GroupContextType, SharedConfigKind } from "../enums.ts";
import type { AttachmentPointer } from "./attachment.ts";

/** An X25519 key pair (legacy closed groups). */
export interface KeyPair {
  /** 1 (required). */
  publicKey: Uint8Array;
  /** 2 (required). */
  privateKey: Uint8Array;
}

/** Legacy config push (`Content.sharedConfigMessage`, field 11). */
export interface SharedConfigMessage {
  /** 1 (required): which config. */
  kind: SharedConfigKind;
  /** 2 (required, int64): sequence number. */
  seqno: number;
  /** 3 (required): the config payload. */
  data: Uint8Array;
}

/** Legacy configuration sync (`Content.configurationMessage`, field 7). */
export interface ConfigurationMessage {
  /** 1: legacy closed groups. */
  closedGroups?: ConfigurationClosedGroup[];
  /** 2: community URLs. */
  openGroups?: string[];
  /** 3: own display name. */
  displayName?: string;
  /** 4: own avatar URL. */
  profilePicture?: string;
  /** 5: own avatar key. */
  profileKey?: Uint8Array;
  /** 6: contacts. */
  contacts?: ConfigurationContact[];
}

/** A legacy closed group in a ConfigurationMessage (`ConfigurationMessage.ClosedGroup`). */
export interface ConfigurationClosedGroup {
  /** 1: group public key. */
  publicKey?: Uint8Array;
  /** 2: group name. */
  name?: string;
  /** 3: current encryption key pair. */
  encryptionKeyPair?: KeyPair;
  /** 4: member public keys. */
  members?: Uint8Array[];
  /** 5: admin public keys. */
  admins?: Uint8Array[];
}

/** A contact in a ConfigurationMessage (`ConfigurationMessage.Contact`). */
export interface ConfigurationContact {
  /** 1 (required): public key. */
  publicKey: Uint8Array;
  /** 2 (required): name. */
  name: string;
  /** 3: avatar URL. */
  profilePicture?: string;
  /** 4: avatar key. */
  profileKey?: Uint8Array;
  /** 5. */
  isApproved?: boolean;
  /** 6. */
  isBlocked?: boolean;
  /** 7. */
  didApproveMe?: boolean;
}

/** Legacy group context (`DataMessage.group`, field 3). */
export interface GroupContext {
  /** 1: group id. */
  id?: Uint8Array;
  /** 2: message kind. */
  type?: GroupContextType;
  /** 3: group name. */
  name?: string;
  /** 4: member Session IDs. */
  members?: string[];
  /** 5: group avatar. */
  avatar?: AttachmentPointer;
  /** 6: admin Session IDs. */
  admins?: string[];
}

/** Legacy closed-group control message (`DataMessage.closedGroupControlMessage`, field 104). */
export interface ClosedGroupControlMessage {
  /** 1 (required): the action. */
  type: ClosedGroupControlType;
  /** 2: group public key. */
  publicKey?: Uint8Array;
  /** 3: group name. */
  name?: string;
  /** 4: the group's encryption key pair (NEW). */
  encryptionKeyPair?: KeyPair;
  /** 5: member public keys. */
  members?: Uint8Array[];
  /** 6: admin public keys. */
  admins?: Uint8Array[];
  /** 7: the key pair encrypted for each member (ENCRYPTION_KEY_PAIR). */
  wrappers?: KeyPairWrapper[];
  /** 8: disappearing-messages timer, seconds. */
  expirationTimer?: number;
}

/** A group key pair encrypted for one member (`ClosedGroupControlMessage.KeyPairWrapper`). */
export interface KeyPairWrapper {
  /** 1 (required): the member's public key. */
  publicKey: Uint8Array;
  /** 2 (required): the encrypted key pair. */
  encryptedKeyPair: Uint8Array;
}
