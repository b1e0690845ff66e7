/**
 * The storage network client: seeds and bootstrap (mainnet with pinned certificates, or a
 * devnet URL), the snode pool, swarms, the network clock, onion (or direct) transport, and
 * every storage RPC with its exact signature string, bounded retries and typed errors.
 *
 * @example
 * ```ts
 * import { createNetwork } from "./mod.ts";
 *
 * await using net = createNetwork({ network: "https://127.0.0.1:22000/json_rpc" });
 * await net.store(bob.sessionId, { data: encoded.data });
 * const page = await net.retrieve(me, { namespace: 0, lastHash: cursor });
 * ```
 *
 * @module
 */
export { createNetwork, type Network, type ServerRequestOptions } from "./network.ts";
export { surelyUndelivered } from "./undelivered.ts";
export type { NetworkOptions } from "./options.ts";
export type { SendOptions } from "./send.ts";
export {
  DEFAULT_TTL_MS,
  type RetrieveOptions,
  retrieveRequest,
  type Signer,
  type StoreOptions,
  storeRequest,
  toAuth,
} from "./requests.ts";
export {
  deleteAllRequest,
  deleteRequest,
  type ExpireOptions,
  expireRequest,
  getExpiriesRequest,
  getSwarmRequest,
} from "./manage.ts";
export { batchRequest, MAX_BATCH } from "./batch.ts";
export {
  accountAuth,
  type AccountKeys,
  type ExpireMode,
  groupAdminAuth,
  type SignatureStrings,
  signatureStrings,
  signedParams,
  type StorageAuth,
} from "./signatures.ts";
export type {
  BatchItem,
  RetrieveResult,
  SnodeTransport,
  StorageRequest,
  StoredMessage,
  StoreResult,
  SwarmResult,
  SwarmResults,
} from "./types.ts";
export { messageHash } from "./message_hash.ts";
export { MAINNET_SEEDS, type SeedNode, seedRpcUrl } from "./seeds.ts";
export { fetchFromSeeds, type SeedFetchOptions } from "./seed_fetch.ts";
export { pinCheck, pinnedFetch, type PinnedFetchOptions } from "./pinned_fetch.ts";
export { type ClockOptions, createClock, type NetworkClock } from "./clock.ts";
export { createSnodePool, type SnodePool, type SnodePoolOptions } from "./pool.ts";
export { createSwarmCache, type SwarmCache, type SwarmCacheOptions } from "./swarms.ts";
export { createDirectTransport } from "./direct.ts";
export { readNode, readNodes } from "./nodes.ts";
export {
  checkData,
  checkHashes,
  checkNamespace,
  checkPubkey,
  isPublicInbox,
  MAX_MESSAGE_BYTES,
  MAX_PRIVATE_TTL_MS,
  MAX_PUBLIC_TTL_MS,
  MIN_TTL_MS,
} from "./validate.ts";
// Types of the onion and crypto layers that appear in this API.
export type {
  EncType,
  OnionPath,
  Random,
  RpcBody,
  ServerRequest,
  ServerTarget,
  ServiceNode,
  SnodeAgent,
  SnodeFetcher,
  SnodeFetchOptions,
  SnodeReply,
  SnodeResponse,
  V4Response,
} from "../../onion/mod.ts";
export type { Ed25519Signer } from "../../crypto/mod.ts";
