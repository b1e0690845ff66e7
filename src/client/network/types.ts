/**
 * Shapes of the storage client's requests and results.
 *
 * @module
 */
import type { RpcBody, ServiceNode, SnodeReply } from "../../onion/mod.ts";

/**
 * One storage RPC, ready to send to the swarm of `pubkey`. `params(now)` is called for every
 * attempt with the network time for the node it goes to, so signatures are always fresh (a
 * 406 retry re-signs); `read` checks a 200 body and types it (throwing `SwarmError`
 * `bad_reply` on anything else).
 */
export interface StorageRequest<T = unknown> {
  /** The RPC method. */
  readonly method: string;
  /** The account or group whose swarm answers. */
  readonly pubkey: string;
  /** The params for an attempt at network time `now` (ms). */
  params(now: number): Record<string, unknown>;
  /** Reads a 200 body. */
  read(body: unknown): T;
  /**
   * For wrappers (`batch`): the status that really decides what to do with a 200 reply, e.g.
   * 421 when every sub-request was refused as wrong swarm. Undefined: the reply stands.
   */
  outcome?(body: unknown): { readonly status: number; readonly body: unknown } | undefined;
}

/** A message as `retrieve` returns it. */
export interface StoredMessage {
  /** The storage hash (43 characters, unpadded base64). */
  readonly hash: string;
  /** The store timestamp, ms. */
  readonly timestamp: number;
  /** When the node drops it, ms. */
  readonly expiration: number;
  /** The message body, base64. */
  readonly data: string;
}

/** Per swarm member results of a recursive method, by member Ed25519 key. */
export type SwarmResults = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** What `retrieve` returns. */
export interface RetrieveResult {
  /** Messages after the cursor, in the node's storage order. */
  readonly messages: readonly StoredMessage[];
  /** Whether the node holds more after these (ask again with `lastHash`). */
  readonly more: boolean;
  /** The cursor for the next call: the last message's hash, or the one passed in. */
  readonly lastHash: string | undefined;
  /** Ed25519 key of the node that answered (cursors are per node, core §2.9). */
  readonly node: string;
}

/** What `store` returns. */
export interface StoreResult {
  /** The message hash (checked against the one computed locally). */
  readonly hash: string;
  /** True when some member already had it: a retried store landed once. */
  readonly already: boolean;
  /** Per member results (`hash`, `expiry`, `signature`, or `failed`). */
  readonly swarm: SwarmResults;
  /** Ed25519 key of the node that took the request. */
  readonly node: string;
}

/** What `delete`, `expire` and `delete_all` return. */
export interface SwarmResult {
  /** Per member results (`deleted`, `updated`, `signature`, or `failed`). */
  readonly swarm: SwarmResults;
  /** Ed25519 key of the node that took the request. */
  readonly node: string;
}

/** One sub-result of `batch`/`sequence`. */
export interface BatchItem {
  /** The sub-request's status. */
  readonly code: number;
  /** Its body: JSON, or text for errors. */
  readonly body: unknown;
}

/** How one RPC reaches one node: through an onion path, or directly over HTTPS. */
export interface SnodeTransport {
  /** `"onion"` (default) or `"direct"`. */
  readonly kind: "onion" | "direct";
  /** One attempt; resolves with the node's status and body, rejects on transport failures. */
  send(
    node: ServiceNode,
    rpc: RpcBody,
    options: {
      readonly timeoutMs?: number;
      readonly signal?: AbortSignal;
      /** Suspects to keep off onion paths (ignored by the direct transport). */
      readonly avoid?: ReadonlySet<string>;
    },
  ): Promise<SnodeReply>;
}
