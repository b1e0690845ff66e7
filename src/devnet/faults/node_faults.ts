/**
 * Fault state of one node, with the checks every entry point (HTTPS routes, in-process onion
 * relays, swarm peer calls) runs before handling a request.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { checkRefusal, type StoreRefusal } from "./refuse_store.ts";
import { FAULT_STATUSES, type FaultVerdict, type NodeFaults } from "./types.ts";

/** A node's fault switches; handed out as `devnet.nodes[i].faults`. */
export interface NodeFaultState {
  /** Current faults (a frozen snapshot). */
  get(): NodeFaults;
  /** Merges `faults` into the current ones; `undefined` fields are cleared. */
  set(faults: NodeFaults): void;
  /** Clears every fault except `stopped` (use start() for that). */
  clear(): void;
  /** The node clock: `Date.now()` plus the skew. */
  now(): number;
  /** Waits for the configured latency, then says whether to pass, drop or fail the request. */
  admit(): Promise<FaultVerdict>;
  /**
   * How the storage engine must refuse RPC `method`, if a fault says so (only `store` can be
   * refused); checked after the request is validated, where the real server would write it.
   */
  refusal(method: string): StoreRefusal | undefined;
}

/** Creates the fault state of one node. `random` is injectable for tests. */
export function createNodeFaults(random: () => number = Math.random): NodeFaultState {
  let current: NodeFaults = Object.freeze({});

  function get(): NodeFaults {
    return current;
  }

  function set(faults: NodeFaults): void {
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(checkFaults(faults))) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    current = Object.freeze(next as NodeFaults);
  }

  function clear(): void {
    current = Object.freeze(current.stopped ? { stopped: true } : {});
  }

  function now(): number {
    return Date.now() + (current.skewMs ?? 0);
  }

  async function admit(): Promise<FaultVerdict> {
    if (current.stopped) return { kind: "stopped" };
    const latency = current.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (current.stopped) return { kind: "stopped" };
    if ((current.drop ?? 0) > 0 && random() < current.drop!) return { kind: "drop" };
    if (current.status !== undefined) return { kind: "status", status: current.status };
    return { kind: "pass" };
  }

  function refusal(method: string): StoreRefusal | undefined {
    return method === "store" ? current.refuseStore : undefined;
  }

  return { get, set, clear, now, admit, refusal };
}

/** Validates fault values, naming the field that is wrong. */
export function checkFaults(faults: NodeFaults): NodeFaults {
  const { status, latencyMs, drop, skewMs, refuseStore } = faults;
  if (status !== undefined && !FAULT_STATUSES.includes(status)) {
    throw new ValidationError(
      `status must be one of ${FAULT_STATUSES.join(", ")}, got ${status}`,
      "bad_fault",
      "status",
    );
  }
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw new ValidationError(`latency must be ms >= 0, got ${latencyMs}`, "bad_fault", "latency");
  }
  if (drop !== undefined && !(drop >= 0 && drop <= 1)) {
    throw new ValidationError(`drop must be a fraction in 0..1, got ${drop}`, "bad_fault", "drop");
  }
  if (skewMs !== undefined && !Number.isFinite(skewMs)) {
    throw new ValidationError(`skew must be a number of ms, got ${skewMs}`, "bad_fault", "skew");
  }
  if (refuseStore !== undefined) checkRefusal(refuseStore);
  return faults;
}
