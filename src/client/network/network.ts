/**
 * `createNetwork`: the storage client. Bootstraps from seeds, keeps the snode pool, swarms,
 * onion paths and the network clock, and sends every storage RPC through 3 hops (or directly
 * when asked) with bounded retries and typed errors.
 *
 * @module
 */
import { NetworkError, OnionError, SessionBotError } from "../../core/errors.ts";
import type {
  OnionPath,
  ServerRequest,
  ServerTarget,
  ServiceNode,
  V4Response,
} from "../../onion/mod.ts";
import { batchRequest } from "./batch.ts";
import { networkConfig, type NetworkOptions } from "./options.ts";
import { deleteAllRequest, deleteRequest, expireRequest, getExpiriesRequest } from "./manage.ts";
import {
  type RetrieveOptions,
  retrieveRequest,
  type Signer,
  type StoreOptions,
  storeRequest,
} from "./requests.ts";
import { exhausted, statusError } from "./errors.ts";
import type { SendOptions } from "./send.ts";
import type { ExpireMode } from "./signatures.ts";
import type {
  BatchItem,
  RetrieveResult,
  StorageRequest,
  StoreResult,
  SwarmResult,
} from "./types.ts";
import { surelyUndelivered } from "./undelivered.ts";
import { checkPubkey } from "./validate.ts";
import { wire } from "./wiring.ts";

/** Options of {@link Network.serverRequest}. */
export interface ServerRequestOptions {
  /** Whether sending the request twice is harmless (default true). */
  readonly idempotent?: boolean;
}

/** A storage client bound to one network; see {@link createNetwork}. */
export interface Network extends AsyncDisposable {
  /** `"onion"` or `"direct"`. */
  readonly transport: "onion" | "direct";
  /** Sends any built request to its swarm, with the retry rules; returns value and node. */
  send<T>(
    request: StorageRequest<T>,
    options?: SendOptions,
  ): Promise<{ value: T; node: ServiceNode }>;
  /** A raw RPC: to one node (one attempt), or to a pubkey's swarm (with retries). */
  rpc(to: ServiceNode | string, method: string, params?: Record<string, unknown>): Promise<unknown>;
  /**
   * Stores a message in the swarm of `target` (a Session ID, or a signer for private
   * namespaces). Retrying the same data gives the same hash: it lands once.
   *
   * @example
   * ```ts
   * const { hash, already } = await net.store(bob.sessionId, { data: encoded.data });
   * ```
   */
  store(target: string | Signer, options: StoreOptions): Promise<StoreResult>;
  /**
   * Signed retrieve of messages after `lastHash`; `node` asks that member first (cursors are
   * per node). The result's `lastHash` is the next cursor.
   *
   * @example
   * ```ts
   * let cursor: string | undefined;
   * const page = await net.retrieve(me, { lastHash: cursor });
   * cursor = page.lastHash;
   * ```
   */
  retrieve(
    signer: string | Signer,
    options?: RetrieveOptions & { readonly node?: string },
  ): Promise<RetrieveResult>;
  /** Deletes messages by hash. */
  deleteMessages(signer: Signer, hashes: readonly string[]): Promise<SwarmResult>;
  /** Sets messages' expiry (optionally only shortening or extending). */
  expire(
    signer: Signer,
    options: {
      readonly hashes: readonly string[];
      readonly expiry: number;
      readonly mode?: ExpireMode;
    },
  ): Promise<SwarmResult>;
  /** Deletes every message of a namespace (default 0) or of `"all"`. */
  deleteAll(
    signer: Signer,
    options?: { readonly namespace?: number | "all" },
  ): Promise<SwarmResult>;
  /** The current expiry of each message, by hash. */
  getExpiries(signer: Signer, hashes: readonly string[]): Promise<Record<string, number>>;
  /** The members of `pubkey`'s swarm (cached). */
  getSwarm(pubkey: string): Promise<readonly ServiceNode[]>;
  /** Up to 20 requests for one swarm, run in any order. */
  batch(requests: readonly StorageRequest[]): Promise<BatchItem[]>;
  /** Up to 20 requests for one swarm, in order, stopping at the first failure. */
  sequence(requests: readonly StorageRequest[]): Promise<BatchItem[]>;
  /**
   * A v4 request to a server (file server, community) through an onion path; 3 attempts. With
   * `{ idempotent: false }` a failed attempt is repeated only when it surely never reached the
   * server (a timeout is thrown at once: the caller checks whether it landed). Give a function
   * to build the request anew for each attempt (signed requests need a fresh nonce: a server
   * refuses one it has seen).
   */
  serverRequest(
    server: ServerTarget,
    request: ServerRequest | (() => ServerRequest),
    options?: ServerRequestOptions,
  ): Promise<V4Response>;
  /** Network time, ms (local clock corrected by the nodes' `t`). */
  now(): number;
  /** The snode pool as it is now. */
  nodes(): readonly ServiceNode[];
  /** The onion paths as they are now. */
  paths(): readonly OnionPath[];
  /** Aborts pending requests, waits for them, and closes connections. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates a storage client. Nothing is contacted until the first request. Without `network`
 * or `seeds` it bootstraps from the mainnet seeds (pinned certificates).
 *
 * @example
 * ```ts
 * await using net = createNetwork({ network: devnet.seedUrl });
 * const me = Identity.generate();
 * const { hash } = await net.store(me.sessionId, { data: encoded.data, ttl: 86_400_000 });
 * const page = await net.retrieve(me, { lastHash: undefined });
 * page.messages.some((m) => m.hash === hash); // true
 * ```
 */
export function createNetwork(options: NetworkOptions = {}): Network {
  const config = networkConfig(options);
  const pending = new Set<Promise<unknown>>();
  const remember = (promise: Promise<unknown>) => {
    pending.add(promise);
    const forget = () => pending.delete(promise);
    promise.then(forget, forget);
  };
  const parts = wire(config, options, remember);
  const { sender, closing } = parts;

  /** Runs `job` unless closed, and lets `close()` wait for it. */
  function track<T>(job: () => Promise<T>): Promise<T> {
    if (closing.signal.aborted) {
      return Promise.reject(new NetworkError("the network client is closed", "closed"));
    }
    const promise = job();
    remember(promise);
    return promise;
  }

  function send<T>(request: StorageRequest<T>, sendOptions: SendOptions = {}) {
    return track(() => sender.send(request, { attempts: config.attempts, ...sendOptions }));
  }

  async function value<T>(request: StorageRequest<T>, sendOptions?: SendOptions) {
    const { value, node } = await send(request, sendOptions);
    return { ...value, node: node.ed25519 };
  }

  async function serverRequest(
    server: ServerTarget,
    request: ServerRequest | (() => ServerRequest),
    options: ServerRequestOptions = {},
  ) {
    const build = typeof request === "function" ? request : () => request;
    let last: SessionBotError | undefined;
    for (let attempt = 1; attempt <= config.attempts; attempt++) {
      try {
        return await parts.onion.server(server, build(), { signal: closing.signal });
      } catch (error) {
        if (!(error instanceof OnionError || error instanceof NetworkError)) throw error;
        if (closing.signal.aborted) {
          throw new NetworkError("the network client is closed", "closed");
        }
        if (options.idempotent === false && !surelyUndelivered(error)) throw error;
        last = error;
      }
    }
    throw exhausted("server request", config.attempts, last!);
  }

  async function rpc(to: ServiceNode | string, method: string, params = {}) {
    if (typeof to === "string") {
      const pubkey = checkPubkey(to);
      const request = { method, pubkey, params: () => params, read: (body: unknown) => body };
      return (await send(request)).value;
    }
    const reply = await track(() => sender.call(to, { method, params }));
    if (reply.status >= 200 && reply.status < 300) return reply.body;
    throw statusError(to, reply.status, reply.body);
  }

  async function close(): Promise<void> {
    if (!closing.signal.aborted) closing.abort();
    await Promise.allSettled([...pending]);
    parts.agent.close();
  }

  return Object.freeze({
    transport: config.transport,
    send,
    rpc,
    store: async (target: string | Signer, o: StoreOptions) => await value(storeRequest(target, o)),
    retrieve: async (signer: string | Signer, o: RetrieveOptions & { node?: string } = {}) =>
      await value(retrieveRequest(signer, o), { node: o.node }),
    deleteMessages: async (signer: Signer, hashes: readonly string[]) =>
      await value(deleteRequest(signer, hashes)),
    expire: async (
      signer: Signer,
      o: { hashes: readonly string[]; expiry: number; mode?: ExpireMode },
    ) => await value(expireRequest(signer, o)),
    deleteAll: async (signer: Signer, o: { namespace?: number | "all" } = {}) =>
      await value(deleteAllRequest(signer, o)),
    getExpiries: async (signer: Signer, hashes: readonly string[]) =>
      (await send(getExpiriesRequest(signer, hashes))).value,
    getSwarm: async (pubkey: string) => await track(() => parts.swarms.get(checkPubkey(pubkey))),
    batch: async (requests: readonly StorageRequest[]) =>
      (await send(batchRequest("batch", requests))).value,
    sequence: async (requests: readonly StorageRequest[]) =>
      (await send(batchRequest("sequence", requests))).value,
    serverRequest: (
      server: ServerTarget,
      request: ServerRequest | (() => ServerRequest),
      o?: ServerRequestOptions,
    ) => track(() => serverRequest(server, request, o)),
    now: () => parts.clock.now(),
    nodes: () => parts.pool.nodes(),
    paths: () => parts.paths.paths(),
    close,
    [Symbol.asyncDispose]: close,
  });
}
