/**
 * The devnet's network: the view each storage engine has of the other nodes (the stand-in for
 * oxend and OxenMQ), with fault injection on every peer call and swarm moves.
 *
 * A swarm move ("this pubkey now lives in swarm S") runs the request in a context where the
 * network has only swarm S, so every engine involved (the entry node and the peers it forwards
 * to) routes that pubkey to S: members of S accept it, everyone else answers 421 pointing at S.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { NetworkError } from "../core/errors.ts";
import type { NodeFaultState } from "./faults/mod.ts";
import { sleep } from "./http.ts";
import type { NetworkView, PeerNode, RpcResult, StorageNode } from "./storage/mod.ts";
import type { DevnetNodeInfo } from "./types.ts";

/** What the network needs to know about one member. */
export interface NetworkMember {
  /** The member's listing. */
  readonly info: DevnetNodeInfo;
  /** Its faults. */
  readonly faults: NodeFaultState;
  /** Its storage engine. */
  engine(): StorageNode;
}

/** The network and its swarm-move context. */
export interface DevnetNetwork {
  /** The view handed to every storage engine. */
  readonly view: NetworkView;
  /** Runs `fn` in the swarm layout the pubkey of RPC `body` sees. */
  inSwarmContext<T>(body: Uint8Array, fn: () => Promise<T>): Promise<T>;
}

/** Creates the network over `members`; `moves()` gives the current swarm moves. */
export function createNetwork(options: {
  members: () => readonly NetworkMember[];
  swarmIds: readonly bigint[];
  moves: () => ReadonlyMap<string, bigint>;
  closing: AbortSignal;
  peerHoldMs: number;
}): DevnetNetwork {
  const forced = new AsyncLocalStorage<bigint>();
  const byKey = () => new Map(options.members().map((m) => [m.info.ed25519, m]));

  function peer(ed25519: string): PeerNode | undefined {
    const member = byKey().get(ed25519.toLowerCase());
    if (!member) return undefined;
    return {
      handle: async function handle(method, params): Promise<RpcResult> {
        const verdict = await member.faults.admit();
        if (verdict.kind === "stopped" || verdict.kind === "drop") {
          // Unreachable or dropped: no answer, so the engine's peer timeout reports it.
          await sleep(options.peerHoldMs, options.closing);
          throw new NetworkError(`peer ${ed25519} did not answer`, "timeout");
        }
        if (verdict.kind === "status") return { status: verdict.status, text: "request failed" };
        return await member.engine().handle(method, params, { forwarded: true });
      },
    };
  }

  const view: NetworkView = {
    nodes: () => options.members().map((m) => m.info),
    swarmIds: () => {
      const only = forced.getStore();
      return only === undefined ? [...options.swarmIds] : [only];
    },
    members: (swarmId) => options.members().map((m) => m.info).filter((i) => i.swarmId === swarmId),
    peer,
  };

  function inSwarmContext<T>(body: Uint8Array, fn: () => Promise<T>): Promise<T> {
    const moves = options.moves();
    if (moves.size === 0) return fn();
    const target = moves.get(pubkeyOf(body) ?? "");
    return target === undefined ? fn() : forced.run(target, fn);
  }

  return { view, inSwarmContext };
}

/** The account an RPC body is about (batch requests: the first sub-request's). */
export function pubkeyOf(body: Uint8Array): string | undefined {
  try {
    const params = JSON.parse(new TextDecoder().decode(body))?.params;
    const found = params?.pubkey ?? params?.pubKey ??
      params?.requests?.find?.((r: { params?: { pubkey?: unknown } }) => r?.params?.pubkey)
        ?.params?.pubkey;
    return typeof found === "string" ? found.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
