/**
 * Several identities in one process: one KV store and one network (pool, paths, clock) shared,
 * and per identity its own poller, inbox, outbox and state, so a slow or failing identity
 * never holds up another.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { Identity } from "../../crypto/identity.ts";
import { openKv } from "../kv.ts";
import { createNetwork } from "../network/mod.ts";
import { SessionClient } from "./client.ts";
import type { Handler, SessionEvent, SessionEventMap, SessionEventType } from "./events.ts";
import type { SessionClientOptions } from "./options.ts";

/** Clients of several identities, started and stopped together. */
export interface SessionClients extends AsyncDisposable {
  /** The clients, in the order the identities were given. */
  readonly clients: readonly SessionClient[];
  /** The client of `sessionId`. */
  get(sessionId: string): SessionClient | undefined;
  /** Subscribes `handler` on every client; returns an unsubscribe. */
  on<K extends SessionEventType>(type: K, handler: Handler<SessionEventMap[K]>): () => void;
  /** Subscribes `handler` to every event but `error`, on every client. */
  on(type: "*", handler: Handler<SessionEvent>): () => void;
  /** Starts every client. */
  start(): Promise<void>;
  /** Stops every client, then closes the shared network and store (if opened here). */
  stop(): Promise<void>;
}

/**
 * Opens a client per identity (an `Identity`, or a keyring name with its passphrase), sharing
 * `kv` and the network; the other options apply to every client.
 *
 * @example
 * ```ts
 * const bots = await openClients({ kv: "./bots.kv", network: devnet.seedUrl }, [alice, bob]);
 * bots.on("message", (e) => bots.get(e.identity)!.send(e.from, "hi from " + e.identity));
 * await bots.start();
 * ```
 */
export async function openClients(
  options: Omit<SessionClientOptions, "identity" | "identityName" | "passphrase">,
  identities: readonly (Identity | { readonly name: string; readonly passphrase?: string })[],
): Promise<SessionClients> {
  if (identities.length === 0) {
    throw new ValidationError(
      "openClients needs at least one identity",
      "bad_option",
      "identities",
    );
  }
  const kv = typeof options.kv === "string" ? await openKv(options.kv) : options.kv;
  const network = typeof options.network === "object"
    ? options.network
    : createNetwork({ ...options.networkOptions, network: options.network });
  const clients: SessionClient[] = [];
  const release = async () => {
    await Promise.all(clients.map((c) => c.stop()));
    if (typeof options.network !== "object") await network.close();
    if (typeof options.kv === "string") kv.close();
  };
  try {
    for (const identity of identities) {
      const who = "name" in identity && typeof identity.name === "string"
        ? { identityName: identity.name, passphrase: identity.passphrase }
        : { identity: identity as Identity };
      clients.push(await SessionClient.open({ ...options, ...who, kv, network }));
    }
  } catch (error) {
    await release();
    throw error;
  }
  const ids = new Set(clients.map((c) => c.sessionId));
  if (ids.size !== clients.length) {
    await release();
    throw new ValidationError(
      "openClients got the same identity twice",
      "duplicate_identity",
      "identities",
    );
  }
  let stopping: Promise<void> | undefined;
  const stop = () => stopping ??= release();
  return {
    clients,
    get: (sessionId) => clients.find((c) => c.sessionId === sessionId),
    on: ((type: SessionEventType, handler: Handler<SessionEvent>) => {
      const offs = clients.map((c) => c.on(type, handler));
      return () => offs.forEach((off) => off());
    }) as SessionClients["on"],
    start: async () => void await Promise.all(clients.map((c) => c.start())),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
