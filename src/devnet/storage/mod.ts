/**
 * The storage engine of one devnet service node: request handling that behaves like the real
 * Session storage server (validation, status codes and texts, swarm replication), a Deno KV
 * message store, the swarm math, message hashes, request signatures and a toy ONS registry.
 *
 * @example
 * ```ts
 * import { createKvMessageStore, createStorageNode } from "./mod.ts";
 * const kv = await Deno.openKv(":memory:");
 * const node = createStorageNode({ seed, info, network, store: createKvMessageStore(kv, "n1") });
 * await node.handle("info", {});
 * kv.close();
 * ```
 *
 * @module
 */
export { createStorageNode } from "./engine.ts";
export type {
  NetworkView,
  NodeInfo,
  PeerNode,
  RpcResult,
  StorageNode,
  StorageNodeOptions,
} from "./types.ts";
export { createKvMessageStore } from "./store.ts";
export type {
  ExpiryChange,
  ListOptions,
  ListResult,
  MessageStore,
  NamespacedHash,
  PutOutcome,
  StoredMessage,
} from "./store.ts";
export { INVALID_SWARM_ID, selectSwarm, swarmSpace } from "./swarm.ts";
export { messageHash } from "./hash.ts";
export {
  type ExpireMode,
  type RequestSignature,
  revokeSignedBytes,
  type SignedStrings,
  signedStrings,
  verifyRequestSignature,
} from "./signatures.ts";
export {
  createNameRegistry,
  isValidOnsName,
  type NameRegistry,
  onsNameHash,
  type OnsRecord,
  onsRecordKey,
} from "./names.ts";
export {
  isNoAuthRetrieve,
  isPublicInbox,
  isPublicOutbox,
  isUnrevocable,
  namespacePart,
  type NamespaceSelector,
} from "./namespaces.ts";
export { loadPubkey, type UserPubkey } from "./pubkey.ts";
export { type SignedSubaccount, SubaccountAccess } from "./subaccount.ts";
export { type ParsedRequest, parseRequest } from "./parse_request.ts";
export * as limits from "./constants.ts";
