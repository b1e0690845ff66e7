/**
 * What a service node keeps: messages per (account, namespace) in insertion order, and revoked
 * subaccount tokens. The engine decides every rule; a store only applies them atomically. Every
 * read takes the engine's `now` (ms), because a message whose expiry is at or before `now` is
 * gone for every purpose, whether or not it has been purged yet.
 *
 * @module
 */
import type { NamespaceSelector } from "./namespaces.ts";

export { createKvMessageStore } from "./kv_store.ts";
export type { NamespaceSelector };

/** One stored message. `pubkey` is the lowercase 66-hex account. */
export interface StoredMessage {
  /** The account, lowercase 66 hex. */
  readonly pubkey: string;
  /** The namespace id. */
  readonly namespace: number;
  /** The message hash (43 unpadded base64 characters). */
  readonly hash: string;
  /** The client's timestamp (ms). */
  readonly timestamp: number;
  /** When the message expires (ms). */
  readonly expiry: number;
  /** The raw message bytes. */
  readonly data: Uint8Array;
}

/** What `put` did: stored anew, raised the expiry of a duplicate, or found a duplicate. */
export interface PutOutcome {
  /** `new`, `extended` (a duplicate's expiry was raised) or `exists` (left as it was). */
  readonly status: "new" | "extended" | "exists";
  /** The expiry now on record. */
  readonly expiry: number;
}

/** Limits of a `list`, with the server's size accounting. */
export interface ListOptions {
  /** Start after this hash (in the same account and namespace); unknown means from the start. */
  readonly after?: string;
  /** Most messages to return; 0 returns none. Unlimited when absent. */
  readonly maxCount?: number;
  /**
   * Byte budget: each message costs 100 + hash length + ⌊4/3·data length⌋; the first message
   * is returned whatever it costs.
   */
  readonly maxSize?: number;
}

/** A page of messages and whether more remain. */
export interface ListResult {
  /** The page, in insertion order. */
  readonly messages: StoredMessage[];
  /** Whether messages beyond the page remain. */
  readonly more: boolean;
}

/** A hash and the namespace it lived in. */
export interface NamespacedHash {
  /** The namespace the message was in. */
  readonly namespace: number;
  /** The message hash. */
  readonly hash: string;
}

/** Which direction `updateExpiries` may move an expiry. */
export type ExpiryChange = "any" | "extend" | "shorten";

/**
 * The storage of one node. Each mutation is atomic per message, and nothing is written before
 * the engine has validated the request.
 */
export interface MessageStore {
  /**
   * Stores a message; a duplicate hash keeps its row and only raises its expiry. With
   * `replace`, the account's other messages in that namespace are removed in the same commit
   * (public outboxes).
   */
  put(message: StoredMessage, now: number, options?: { replace?: boolean }): Promise<PutOutcome>;
  /** Messages of one account and namespace, in insertion order. */
  list(pubkey: string, namespace: number, now: number, options?: ListOptions): Promise<ListResult>;
  /** Deletes the account's messages with these hashes (any namespace); returns the deleted. */
  deleteByHash(pubkey: string, hashes: readonly string[], now: number): Promise<string[]>;
  /** Deletes all of the account's messages in a namespace (or all). */
  deleteAll(pubkey: string, namespace: NamespaceSelector, now: number): Promise<NamespacedHash[]>;
  /** Deletes the account's messages with `timestamp <= before`. */
  deleteBefore(
    pubkey: string,
    namespace: NamespaceSelector,
    before: number,
    now: number,
  ): Promise<NamespacedHash[]>;
  /**
   * Sets expiries (one for all hashes, or one per hash). `extend` only raises, `shorten` only
   * lowers. Returns the hashes changed with their new expiry.
   */
  updateExpiries(
    pubkey: string,
    hashes: readonly string[],
    expiries: readonly number[],
    change: ExpiryChange,
    now: number,
  ): Promise<{ hash: string; expiry: number }[]>;
  /** Lowers every later expiry of the account (in a namespace, or all) to `expiry`. */
  shortenAll(
    pubkey: string,
    namespace: NamespaceSelector,
    expiry: number,
    now: number,
  ): Promise<NamespacedHash[]>;
  /** Current expiries of the account's messages among `hashes`. */
  getExpiries(pubkey: string, hashes: readonly string[], now: number): Promise<Map<string, number>>;
  /** Records revoked subaccount tokens (hex) for the account, keeping the newest 50. */
  revokeSubaccounts(pubkey: string, tokens: readonly string[], now: number): Promise<void>;
  /** Removes revocations; returns how many existed. */
  unrevokeSubaccounts(pubkey: string, tokens: readonly string[]): Promise<number>;
  /** Whether the token (hex) is revoked for the account. */
  isSubaccountRevoked(pubkey: string, token: string): Promise<boolean>;
  /** Removes every message expired at `now`; returns how many. */
  purgeExpired(now: number): Promise<number>;
  /** How many unexpired messages the node holds (for tests and stats). */
  countMessages(now: number): Promise<number>;
}
