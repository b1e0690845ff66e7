/**
 * One devnet service node: its HTTPS listener and routes, its storage RPC (with status faults
 * and swarm moves), its onion processing, and the in-process entry other nodes relay to.
 *
 * @module
 */
import type { NodeFaultState } from "../faults/mod.ts";
import type { DevnetKeys } from "../keys.ts";
import { createListener, type Listener } from "../listener.ts";
import { sleep } from "../http.ts";
import {
  createOnionNode,
  MAX_ONION_HOPS,
  type OnionAnswer,
  type OnionNodeDeps,
  type RpcAnswer,
} from "../onion/mod.ts";
import type { TlsCertificate } from "../tls/mod.ts";
import { createRateLimiter, type RateLimitOptions } from "./rate_limit.ts";
import { createNodeHandler } from "./routes.ts";
import { createNodeRpc, type RpcEngine } from "./rpc.ts";

/** Options for {@link createDevnetNode}. */
export interface DevnetNodeOptions {
  /** The node's keys. */
  readonly keys: DevnetKeys;
  /** Port on 127.0.0.1 (0: a free one). */
  readonly port: number;
  /** The node's certificate. */
  readonly tls: TlsCertificate;
  /** The node's faults. */
  readonly faults: NodeFaultState;
  /** The `/storage_rpc/v1` token bucket. */
  readonly rateLimit?: RateLimitOptions;
  /** Aborted when the devnet stops (releases held requests). */
  readonly closing: AbortSignal;
  /** How long dropped requests are held, ms. */
  readonly dropHoldMs: number;
  /** How long a relay into a node that drops the request waits, ms (OxenMQ: 30 s). */
  readonly relayTimeoutMs: number;
  /** The storage engine; undefined until the devnet has attached it. */
  engine(): RpcEngine | undefined;
  /** Runs `fn` with the swarm layout `body`'s pubkey sees (swarm moves). */
  inSwarmContext<T>(body: Uint8Array, fn: () => Promise<T>): Promise<T>;
  /** The next-hop and exit relays. */
  readonly relays: Pick<OnionNodeDeps, "relayToNode" | "relayToServer">;
}

/** A devnet node's runtime pieces. */
export interface DevnetNode {
  /** The HTTPS listener (stop/start for fault injection). */
  readonly listener: Listener;
  /** The node's storage RPC (direct and onion). */
  rpc(body: Uint8Array): Promise<RpcAnswer>;
  /** Where other nodes hand relayed onion layers (OxenMQ `sn.onion_request`). */
  acceptRelay(forward: Uint8Array, hopNo: number): Promise<OnionAnswer>;
}

/** Creates a node; `listener.start()` opens its port. */
export function createDevnetNode(options: DevnetNodeOptions): DevnetNode {
  const { faults, keys } = options;
  const baseRpc = createNodeRpc(options.engine, faults);
  const rpc = (body: Uint8Array) => options.inSwarmContext(body, () => baseRpc(body));
  const onion = createOnionNode({ keyPair: keys.x25519, rpc, ...options.relays });
  const listener = createListener({
    port: options.port,
    tls: options.tls,
    name: `node ${keys.ed25519Hex.slice(0, 8)}`,
    handler: createNodeHandler({
      ed25519: keys.ed25519Hex,
      faults,
      limiter: createRateLimiter(options.rateLimit),
      dropHoldMs: options.dropHoldMs,
      rpc,
      onion: (body) => onion.process(body),
    }),
  });

  async function acceptRelay(forward: Uint8Array, hopNo: number): Promise<OnionAnswer> {
    const verdict = await faults.admit();
    if (verdict.kind === "stopped") return { status: 504, body: "Request time out" };
    if (verdict.kind === "drop") {
      await sleep(options.relayTimeoutMs, options.closing);
      return { status: 504, body: "Request time out" };
    }
    if (verdict.kind === "status" && verdict.status === 503) {
      return { status: 503, body: `Snode not ready: ${keys.ed25519Hex}` };
    }
    if (hopNo > MAX_ONION_HOPS) {
      return { status: 400, body: "onion request max path length exceeded" };
    }
    const answer = await onion.process(forward, hopNo);
    // OxenMQ carries only the status and the body back; headers stay at the exit.
    return { status: answer.status, body: answer.body };
  }

  return { listener, rpc, acceptRelay };
}
