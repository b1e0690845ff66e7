/**
 * Fault commands as JSON: what `sessionbot devnet fault` sends to the control endpoint and
 * what tests can apply directly.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { FaultController } from "./controller.ts";
import type { NodeFaults } from "./types.ts";

/**
 * One fault command. Node faults need `node` (except `refuseStore`, which without `node`
 * applies to every node); a swarm move needs `move` and `toSwarm`.
 */
export interface FaultCommand {
  /** Node index or Ed25519 hex key. */
  readonly node?: number | string;
  /** Forced status (421, 406, 500, 503); `null` clears it. */
  readonly status?: number | null;
  /** Latency in ms (0 clears). */
  readonly latency?: number;
  /** Drop fraction 0..1 (0 clears). */
  readonly drop?: number;
  /** Clock skew in ms (0 clears). */
  readonly skew?: number;
  /** Stop the node. */
  readonly stop?: boolean;
  /** Start it again. */
  readonly start?: boolean;
  /** Clear the node's faults; without `node`, reset the whole devnet. */
  readonly clear?: boolean;
  /** A 66-hex pubkey to move to another swarm. */
  readonly move?: string;
  /** Target swarm: its hex id (as `get_swarm` prints it) or its index; `""` undoes. */
  readonly toSwarm?: string;
  /**
   * Refuse `store` with this status (400, 401, 403, 406, 500, 503), or `true` for the default
   * (500); `false` or `null` stores again.
   */
  readonly refuseStore?: number | boolean | null;
  /** The refusal's text (default: the real server's text for the status). */
  readonly refuseStoreText?: string;
}

/** The fault state of the whole devnet, as JSON. */
export interface FaultReport {
  /** Per node: index, key and current faults. */
  readonly nodes: readonly { index: number; ed25519: string; faults: NodeFaults }[];
  /** Moved pubkeys → swarm id (hex, as `get_swarm` prints it). */
  readonly moves: Readonly<Record<string, string>>;
}

/**
 * Applies `command` to `faults` and returns the resulting report.
 *
 * @example
 * ```ts
 * import { applyFaultCommand, type Devnet, spreadSwarmIds } from "../mod.ts";
 *
 * declare const devnet: Devnet;
 * // Node 0 answers 503 after 200 ms, as `POST /_devnet/faults` would make it.
 * const report = await applyFaultCommand(
 *   devnet.faults,
 *   { node: 0, status: 503, latency: 200 },
 *   spreadSwarmIds(1),
 * );
 * console.log(JSON.stringify(report));
 * ```
 */
export async function applyFaultCommand(
  faults: FaultController,
  command: FaultCommand,
  swarmIds: readonly bigint[],
): Promise<FaultReport> {
  if (command.move !== undefined) {
    faults.moveSwarm(command.move, parseSwarm(command.toSwarm ?? "", swarmIds));
  }
  if (command.node === undefined) {
    if (command.clear) await faults.reset();
    if (command.refuseStore !== undefined) applyRefusal(faults, command);
    else if (!command.clear && command.move === undefined) {
      throw new ValidationError("say which node (--node <index|ed25519>)", "no_node", "node");
    }
    return faultReport(faults);
  }
  const node = faults.node(command.node);
  if (command.clear) node.clear();
  if (command.status !== undefined) node.status(command.status ?? undefined);
  if (command.latency !== undefined) node.latency(command.latency);
  if (command.drop !== undefined) node.drop(command.drop);
  if (command.skew !== undefined) node.skew(command.skew);
  if (command.refuseStore !== undefined) applyRefusal(node, command);
  if (command.stop) await node.stop();
  if (command.start) await node.start();
  return faultReport(faults);
}

/** Applies `refuseStore`/`refuseStoreText` to one node or (the controller) every node. */
function applyRefusal(
  target: Pick<FaultController, "refuseStore" | "acceptStore">,
  { refuseStore, refuseStoreText }: FaultCommand,
): void {
  if (refuseStore === false || refuseStore === null) return target.acceptStore();
  target.refuseStore(refuseStore === true ? undefined : refuseStore, refuseStoreText);
}

/** The current report. */
export function faultReport(faults: FaultController): FaultReport {
  return {
    nodes: faults.nodes.map((n) => ({ index: n.index, ed25519: n.ed25519, faults: n.get() })),
    moves: Object.fromEntries(
      [...faults.moves()].map(([pk, id]) => [pk, id.toString(16)]),
    ),
  };
}

/**
 * A swarm given by its hex id (as `get_swarm` prints it) or by its index in the devnet; `""`
 * means "undo the move". A hex id that names a swarm wins over an index.
 */
export function parseSwarm(text: string, swarmIds: readonly bigint[]): bigint | undefined {
  if (text === "") return undefined;
  const hex = /^[0-9a-f]{1,16}$/i.test(text) ? BigInt(`0x${text}`) : undefined;
  if (hex !== undefined && swarmIds.includes(hex)) return hex;
  if (/^\d+$/.test(text) && Number(text) < swarmIds.length) return swarmIds[Number(text)];
  throw new ValidationError(
    `unknown swarm "${text}": give a swarm id (${
      swarmIds.map((id) => id.toString(16)).join(", ")
    })` +
      ` or an index 0..${swarmIds.length - 1}`,
    "bad_swarm",
    "to-swarm",
  );
}
