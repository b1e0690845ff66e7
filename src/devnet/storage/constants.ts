/**
 * Limits and tolerances of the real storage server (`oxenss/rpc/request_handler.h`,
 * `oxenss/storage/database.hpp`, `client_rpc_endpoints.h`), in milliseconds and bytes.
 *
 * @module
 */

const SECOND = 1_000;
const DAY = 86_400_000;

/** Shortest lifetime a new message may have (`TTL_MINIMUM`). */
export const TTL_MINIMUM = 10 * SECOND;
/** Longest lifetime of a message in a public inbox namespace (`TTL_MAXIMUM`). */
export const TTL_MAXIMUM = 14 * DAY;
/** Longest lifetime elsewhere, and the cap `expire` applies (`TTL_MAXIMUM_PRIVATE`). */
export const TTL_MAXIMUM_PRIVATE = 30 * DAY;
/** How far a store timestamp may lead, or its expiry lag, the node clock (`STORE_TOLERANCE`). */
export const STORE_TOLERANCE = 10 * SECOND;
/** Signature timestamp window for a client's request (`SIGNATURE_TOLERANCE`). */
export const SIGNATURE_TOLERANCE = 60 * SECOND;
/** The wider window a swarm peer allows a forwarded copy (`SIGNATURE_TOLERANCE_FORWARDED`). */
export const SIGNATURE_TOLERANCE_FORWARDED = 70 * SECOND;
/** Largest `data` of one message, in raw bytes (`store::MAX_MESSAGE_BODY`). */
export const MAX_MESSAGE_BODY = 76_800;
/** Byte budget of one retrieve (`RETRIEVE_MAX_SIZE`). */
export const RETRIEVE_MAX_SIZE = 7_800_000;
/** Per-message allowance in the retrieve size accounting (`DEFAULT_MSG_OVERHEAD`). */
export const RETRIEVE_MESSAGE_OVERHEAD = 100;
/** Most subrequests in one `batch`/`sequence` (`BATCH_REQUEST_MAX`). */
export const BATCH_REQUEST_MAX = 20;
/** Most subaccount tokens one `revoke_subaccount` may carry (`MAX_SUBACCOUNT_TOKENS`). */
export const MAX_SUBACCOUNT_TOKENS = 50;
/** How long an entry node waits for each swarm peer (OxenMQ `request_timeout{5s}`). */
export const PEER_TIMEOUT = 5 * SECOND;
/** Hard fork at which one `expire` may carry several expiries (`MULTI_EXPIRY_HARDFORK`). */
export const MULTI_EXPIRY_HARDFORK: readonly [number, number] = [19, 4];
/** The storage server version the devnet reports by default. */
export const DEFAULT_VERSION: readonly [number, number, number] = [2, 8, 0];
/** The hard fork the devnet reports by default. */
export const DEFAULT_HF: readonly [number, number] = [19, 4];
