/**
 * The fault controller: one handle per node plus swarm moves, usable from tests and from the
 * control endpoint behind `sessionbot devnet fault`.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { NodeFaultState } from "./node_faults.ts";
import { storeRefusal } from "./refuse_store.ts";
import type { NodeFaults } from "./types.ts";

/** What the controller needs to know about one node. */
export interface FaultTarget {
  /** The node's Ed25519 key, hex. */
  readonly ed25519: string;
  /** Its fault state. */
  readonly state: NodeFaultState;
  /** Closes the node's port. */
  stop(): Promise<void>;
  /** Reopens it on the same port. */
  start(): Promise<void>;
}

/** Fault switches of one node. */
export interface NodeFaultHandle {
  /** Position of the node in `devnet.nodes`. */
  readonly index: number;
  /** The node's Ed25519 key, hex. */
  readonly ed25519: string;
  /** Current faults. */
  get(): NodeFaults;
  /** Answer every RPC with `code` (421, 406, 500, 503); `undefined` clears it. */
  status(code: number | undefined): void;
  /** Delay every request by `ms`. */
  latency(ms: number): void;
  /** Silently drop this fraction (0..1) of requests. */
  drop(fraction: number): void;
  /** Run the node's clock `ms` ahead (negative: behind). */
  skew(ms: number): void;
  /** Close the node's port; peers see it as unreachable. */
  stop(): Promise<void>;
  /** Reopen it on the same port. */
  start(): Promise<void>;
  /**
   * Refuse the storage RPC `store` (direct, as an onion destination, in a batch, or as a swarm
   * peer) with `status` (400, 401, 403, 406, 500 or 503; default 500) and `text` (default: the
   * real server's text for that status). Other methods and onion relaying keep working.
   */
  refuseStore(status?: number, text?: string): void;
  /** Store again (undoes {@link NodeFaultHandle.refuseStore}). */
  acceptStore(): void;
  /** Clear status, latency, drop, skew and store refusal (a stopped node stays stopped). */
  clear(): void;
}

/** The devnet-wide fault controller (`devnet.faults`). */
export interface FaultController {
  /** The handle of node `ref`: its index or its Ed25519 hex key. */
  node(ref: number | string): NodeFaultHandle;
  /** Every node's handle, in order. */
  readonly nodes: readonly NodeFaultHandle[];
  /** Serve `pubkey` (66 hex) from `swarmId` from now on; `undefined` undoes the move. */
  moveSwarm(pubkey: string, swarmId: bigint | undefined): void;
  /** The swarm `pubkey` was moved to, if any. */
  movedSwarm(pubkey: string): bigint | undefined;
  /** Every current move, pubkey → swarm id. */
  moves(): ReadonlyMap<string, bigint>;
  /** {@link NodeFaultHandle.refuseStore} on every node. */
  refuseStore(status?: number, text?: string): void;
  /** {@link NodeFaultHandle.acceptStore} on every node. */
  acceptStore(): void;
  /** Clears every node's faults and every swarm move, and restarts stopped nodes. */
  reset(): Promise<void>;
}

/**
 * Creates the controller over `targets`. `swarmIds()` lists valid swarms for moves.
 *
 * @example
 * ```ts
 * const devnet = await startDevnet({ nodes: 3, swarms: 1 });
 * devnet.faults.node(0).status(503);
 * devnet.faults.node(1).latency(200);
 * devnet.faults.node(1).refuseStore(400); // `store` answers 400, relaying still works
 * await devnet.faults.node(2).stop();
 * await devnet.faults.reset();
 * await devnet.stop();
 * ```
 */
export function createFaultController(
  targets: readonly FaultTarget[],
  swarmIds: () => readonly bigint[],
): FaultController {
  const moved = new Map<string, bigint>();
  const nodes = Object.freeze(targets.map((target, index) => handleFor(target, index)));

  function node(ref: number | string): NodeFaultHandle {
    const found = typeof ref === "number"
      ? nodes[ref]
      : nodes.find((n) => n.ed25519 === ref.toLowerCase());
    if (found) return found;
    throw new ValidationError(
      `no devnet node ${JSON.stringify(ref)}: use an index 0..${
        nodes.length - 1
      } or an Ed25519 key`,
      "unknown_node",
      "node",
    );
  }

  function moveSwarm(pubkey: string, swarmId: bigint | undefined): void {
    if (!/^[0-9a-f]{66}$/i.test(pubkey)) {
      throw new ValidationError("pubkey must be 66 hex digits", "bad_pubkey", "move");
    }
    if (swarmId === undefined) return void moved.delete(pubkey.toLowerCase());
    if (!swarmIds().includes(swarmId)) {
      const known = swarmIds().map((id) => id.toString(16)).join(", ");
      throw new ValidationError(`no swarm ${swarmId}: swarms are ${known}`, "bad_swarm", "swarm");
    }
    moved.set(pubkey.toLowerCase(), swarmId);
  }

  async function reset(): Promise<void> {
    moved.clear();
    for (const handle of nodes) {
      handle.clear();
      if (handle.get().stopped) await handle.start();
    }
  }

  function refuseStore(status?: number, text?: string): void {
    const refusal = storeRefusal(status, text); // validated once, before any node changes
    for (const handle of nodes) handle.refuseStore(refusal.status, refusal.text);
  }

  return {
    node,
    nodes,
    moveSwarm,
    movedSwarm: (pubkey) => moved.get(pubkey.toLowerCase()),
    moves: () => new Map(moved),
    refuseStore,
    acceptStore: () => nodes.forEach((handle) => handle.acceptStore()),
    reset,
  };
}

function handleFor(target: FaultTarget, index: number): NodeFaultHandle {
  const { state } = target;
  return Object.freeze({
    index,
    ed25519: target.ed25519,
    get: state.get,
    status: (code: number | undefined) => state.set({ status: code }),
    latency: (ms: number) => state.set({ latencyMs: ms || undefined }),
    drop: (fraction: number) => state.set({ drop: fraction || undefined }),
    skew: (ms: number) => state.set({ skewMs: ms || undefined }),
    stop: target.stop,
    start: target.start,
    refuseStore: (status?: number, text?: string) =>
      state.set({ refuseStore: storeRefusal(status, text) }),
    acceptStore: () => state.set({ refuseStore: undefined }),
    clear: state.clear,
  });
}
