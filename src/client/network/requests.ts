/**
 * Builders of the message RPCs `store` and `retrieve` (core §4.4.1–4.4.2) with their
 * signatures (§4.3). Each returns a `StorageRequest`: send it with `network.send`, or group
 * several in `network.batch`. The other methods are in `manage.ts`.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { messageHash } from "./message_hash.ts";
import { badReply, readMessages, readSwarmResults } from "./replies.ts";
import {
  accountAuth,
  type AccountKeys,
  signatureStrings,
  signedParams,
  type StorageAuth,
} from "./signatures.ts";
import type { RetrieveResult, StorageRequest, StoreResult } from "./types.ts";
import {
  checkData,
  checkHashes,
  checkNamespace,
  checkPubkey,
  checkTimestamp,
  checkTtl,
  isPublicInbox,
} from "./validate.ts";

/** Who signs: a `StorageAuth`, or an account (an `Identity`). */
export type Signer = StorageAuth | AccountKeys;

/** Content messages live 14 days unless told otherwise (desktop `TTL_DEFAULT`). */
export const DEFAULT_TTL_MS = 14 * 86_400_000;

/** Options of {@link storeRequest}. */
export interface StoreOptions {
  /** The message body: base64 text (as the codec produces) or bytes. */
  readonly data: string | Uint8Array;
  /** Lifetime in ms (default 14 days). */
  readonly ttl?: number;
  /** Namespace (default 0, the public 1:1 inbox). */
  readonly namespace?: number;
  /** Store timestamp, ms (default: network time at each attempt). */
  readonly timestamp?: number;
}

/** Options of {@link retrieveRequest}. */
export interface RetrieveOptions {
  /** Namespace (default 0). */
  readonly namespace?: number;
  /** Cursor: the last hash already seen from this node. */
  readonly lastHash?: string;
  /** Byte budget (negative `-k`: 1/k of the node's maximum). */
  readonly maxSize?: number;
  /** Most messages to return. */
  readonly maxCount?: number;
}

/**
 * The `StorageAuth` of a signer.
 *
 * @example
 * ```ts
 * import { Identity } from "../../crypto/mod.ts";
 * import { toAuth } from "./mod.ts";
 *
 * const auth = toAuth(Identity.generate()); // an Identity is an account: signs as its 05 key
 * console.log(auth.pubkey);
 * ```
 */
export function toAuth(signer: Signer): StorageAuth {
  return "sign" in signer && "params" in signer ? signer : accountAuth(signer as AccountKeys);
}

/**
 * `store`: unsigned for public inboxes (namespaces divisible by 10, e.g. 0), signed with
 * `"store" ‖ ns ‖ timestamp` otherwise (then `target` must be a signer). The result's `hash`
 * is computed locally and must match the node's.
 *
 * @example
 * ```ts
 * const request = storeRequest(bob.sessionId, { data: encoded.data, ttl: 86_400_000 });
 * const { hash } = await network.send(request);
 * ```
 */
export function storeRequest(
  target: string | Signer,
  options: StoreOptions,
): StorageRequest<Omit<StoreResult, "node">> {
  const auth = typeof target === "string" ? undefined : toAuth(target);
  const pubkey = checkPubkey(auth?.pubkey ?? target);
  const namespace = checkNamespace(options.namespace ?? 0);
  const { base64, bytes } = checkData(options.data);
  const ttl = checkTtl(options.ttl ?? DEFAULT_TTL_MS, namespace);
  const fixed = options.timestamp === undefined
    ? undefined
    : checkTimestamp(options.timestamp, "timestamp");
  if (!auth && !isPublicInbox(namespace)) {
    throw new ValidationError(
      `namespace ${namespace} needs a signature: pass the Identity (or a StorageAuth), not a key`,
      "signature_required",
      "target",
    );
  }
  const hash = messageHash(pubkey, namespace, bytes);
  return {
    method: "store",
    pubkey,
    params(now) {
      const timestamp = fixed ?? now;
      const base = { pubkey, timestamp, ttl, data: base64, namespace };
      if (!auth || isPublicInbox(namespace)) return base;
      return { ...base, ...signedParams(auth, signatureStrings.store(namespace, timestamp)) };
    },
    read(body) {
      const reply = body as { hash?: unknown };
      if (reply?.hash !== undefined && reply.hash !== hash) {
        throw badReply(`the node reports hash ${reply.hash} for a message that hashes to ${hash}`);
      }
      const swarm = readSwarmResults(body);
      // Forwarded results may carry bt-encoded booleans (`1`).
      const already = Object.values(swarm).some((e) => e.already === true || e.already === 1);
      return { hash, already, swarm };
    },
  };
}

/**
 * `retrieve`, signed with `"retrieve" ‖ ns ‖ timestamp` (unsigned when `target` is a bare key,
 * for namespaces that allow it). The result's `lastHash` is the next cursor.
 *
 * @example
 * ```ts
 * const page = await network.send(retrieveRequest(me, { lastHash: cursor }));
 * ```
 */
export function retrieveRequest(
  target: string | Signer,
  options: RetrieveOptions = {},
): StorageRequest<Omit<RetrieveResult, "node">> {
  const auth = typeof target === "string" ? undefined : toAuth(target);
  const pubkey = checkPubkey(auth?.pubkey ?? target);
  const namespace = checkNamespace(options.namespace ?? 0);
  const lastHash = options.lastHash || undefined;
  if (lastHash !== undefined) checkHashes([lastHash], "lastHash");
  const limits: Record<string, number> = {};
  for (const [field, value] of [["max_size", options.maxSize], ["max_count", options.maxCount]]) {
    if (value === undefined) continue;
    if (!Number.isInteger(value)) {
      throw new ValidationError(`${field} must be an integer`, "bad_limit", String(field));
    }
    limits[field as string] = value as number;
  }
  return {
    method: "retrieve",
    pubkey,
    params(now) {
      const base = {
        pubkey,
        namespace,
        ...(lastHash ? { last_hash: lastHash } : {}),
        ...limits,
      };
      if (!auth) return base;
      return {
        ...base,
        timestamp: now,
        ...signedParams(auth, signatureStrings.retrieve(namespace, now)),
      };
    },
    read(body) {
      const { messages, more } = readMessages(body);
      return { messages, more, lastHash: messages.at(-1)?.hash ?? lastHash };
    },
  };
}
