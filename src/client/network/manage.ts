/**
 * Builders of the account-management RPCs (core §4.4.3–4.4.7): delete, expire, delete_all,
 * get_expiries, each with its signature (§4.3), and the unsigned get_swarm.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { ServiceNode } from "../../onion/mod.ts";
import { readExpiries, readSwarmNodes, readSwarmResults } from "./replies.ts";
import { type Signer, toAuth } from "./requests.ts";
import { type ExpireMode, signatureStrings, signedParams } from "./signatures.ts";
import type { StorageRequest, SwarmResult } from "./types.ts";
import { checkHashes, checkNamespace, checkPubkey, checkTimestamp } from "./validate.ts";

/** Options of {@link expireRequest}. */
export interface ExpireOptions {
  /** The messages. */
  readonly hashes: readonly string[];
  /** New expiry, ms. */
  readonly expiry: number;
  /** Only shorten, only extend, or either (default). */
  readonly mode?: ExpireMode;
}

/**
 * `delete` of specific messages, signed with `"delete" ‖ hashes…`.
 *
 * @example
 * ```ts
 * await network.send(deleteRequest(me, [hash]));
 * ```
 */
export function deleteRequest(
  signer: Signer,
  hashes: readonly string[],
  options: { readonly required?: boolean } = {},
): StorageRequest<Omit<SwarmResult, "node">> {
  const auth = toAuth(signer);
  const messages = checkHashes(hashes);
  return {
    method: "delete",
    pubkey: auth.pubkey,
    params: () => ({
      ...signedParams(auth, signatureStrings.delete(messages)),
      messages,
      ...(options.required ? { required: true } : {}),
    }),
    read: (body) => ({ swarm: readSwarmResults(body) }),
  };
}

/**
 * `expire`, signed with `"expire" ‖ mode ‖ expiry ‖ hashes…`.
 *
 * @example
 * ```ts
 * await network.send(expireRequest(me, { hashes: [hash], expiry: Date.now() + 60_000 }));
 * ```
 */
export function expireRequest(
  signer: Signer,
  options: ExpireOptions,
): StorageRequest<Omit<SwarmResult, "node">> {
  const auth = toAuth(signer);
  const messages = checkHashes(options.hashes);
  const expiry = checkTimestamp(options.expiry, "expiry");
  const mode = options.mode ?? "";
  if (!["", "shorten", "extend"].includes(mode)) {
    throw new ValidationError('mode must be "shorten", "extend" or ""', "bad_mode", "mode");
  }
  return {
    method: "expire",
    pubkey: auth.pubkey,
    params: () => ({
      ...signedParams(auth, signatureStrings.expire(mode, [expiry], messages)),
      messages,
      expiry,
      ...(mode ? { [mode]: true } : {}),
    }),
    read: (body) => ({ swarm: readSwarmResults(body) }),
  };
}

/**
 * `delete_all` of a namespace (or `"all"`), signed with `"delete_all" ‖ ns ‖ timestamp`.
 *
 * @example
 * ```ts
 * await network.send(deleteAllRequest(me, { namespace: "all" }));
 * ```
 */
export function deleteAllRequest(
  signer: Signer,
  options: { readonly namespace?: number | "all" } = {},
): StorageRequest<Omit<SwarmResult, "node">> {
  const auth = toAuth(signer);
  const namespace = options.namespace === "all" ? "all" : checkNamespace(options.namespace ?? 0);
  return {
    method: "delete_all",
    pubkey: auth.pubkey,
    params: (now) => ({
      ...signedParams(auth, signatureStrings.deleteAll(namespace, now)),
      namespace,
      timestamp: now,
    }),
    read: (body) => ({ swarm: readSwarmResults(body) }),
  };
}

/**
 * `get_expiries`, signed with `"get_expiries" ‖ timestamp ‖ hashes…`.
 *
 * @example
 * ```ts
 * const expiries = await network.send(getExpiriesRequest(me, [hash])); // { [hash]: ms }
 * ```
 */
export function getExpiriesRequest(
  signer: Signer,
  hashes: readonly string[],
): StorageRequest<Record<string, number>> {
  const auth = toAuth(signer);
  const messages = checkHashes(hashes);
  return {
    method: "get_expiries",
    pubkey: auth.pubkey,
    params: (now) => ({
      ...signedParams(auth, signatureStrings.getExpiries(now, messages)),
      messages,
      timestamp: now,
    }),
    read: readExpiries,
  };
}

/**
 * `get_swarm`: the members of `pubkey`'s swarm (no auth).
 *
 * @example
 * ```ts
 * const members = await network.send(getSwarmRequest(bob.sessionId));
 * ```
 */
export function getSwarmRequest(pubkey: string): StorageRequest<ServiceNode[]> {
  const key = checkPubkey(pubkey);
  return {
    method: "get_swarm",
    pubkey: key,
    params: () => ({ pubkey: key }),
    read: readSwarmNodes,
  };
}
