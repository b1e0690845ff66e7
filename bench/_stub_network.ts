/**
 * A stand-in for `Network` that serves a fixed list of stored messages from memory, so the
 * client benchmarks measure the client (KV inbox, decrypt, dispatch, commits), not HTTP.
 *
 * @module
 */
import { encodeDirectMessage } from "../src/client/codec/mod.ts";
import { messageHash, type Network, type StoredMessage } from "../src/client/network/mod.ts";
import { fromBase64 } from "../src/core/bytes.ts";
import { Identity } from "../src/crypto/mod.ts";

/** `count` messages to `recipient` from 20 senders, with distinct sent times. */
export function backlog(recipient: Identity, count: number): StoredMessage[] {
  const senders = Array.from(
    { length: 20 },
    (_, i) => Identity.fromSeed(new Uint8Array(16).fill(i + 1)),
  );
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const body = `backlog message ${i} ` + "x".repeat(100);
    const { data } = encodeDirectMessage(senders[i % senders.length], recipient.sessionId, {
      dataMessage: { body },
    }, { timestamp: now - count + i });
    const hash = messageHash(recipient.sessionId, 0, fromBase64(data));
    return { hash, timestamp: now, expiration: now + 86_400_000, data };
  });
}

/** A network whose swarm holds `messages`; `retrieve` pages through them by `lastHash`. */
export function stubNetwork(messages: readonly StoredMessage[]): Network {
  const index = new Map(messages.map((m, i) => [m.hash, i]));
  const stub = {
    transport: "direct",
    retrieve(_signer: unknown, options: { lastHash?: string; maxCount?: number } = {}) {
      const from = options.lastHash === undefined ? 0 : (index.get(options.lastHash) ?? -1) + 1;
      const page = messages.slice(from, from + (options.maxCount ?? 500));
      const lastHash = page.at(-1)?.hash ?? options.lastHash;
      const more = from + page.length < messages.length;
      return Promise.resolve({ messages: page, more, lastHash, node: "stub" });
    },
    deleteMessages: () => Promise.resolve({ swarm: {}, node: "stub" }),
    now: () => Date.now(),
    close: () => Promise.resolve(),
  };
  return stub as unknown as Network;
}
