/**
 * The fault kinds a devnet node can be given.
 *
 * @module
 */
import type { StoreRefusal } from "./refuse_store.ts";

/** Statuses a node can be forced to answer with. */
export const FAULT_STATUSES: readonly number[] = [421, 406, 500, 503];

/** The faults currently set on one node. Absent fields mean "behave normally". */
export interface NodeFaults {
  /** Every RPC answers with this status (421, 406, 500 or 503). */
  readonly status?: number;
  /** Extra delay before each request is handled, in ms. */
  readonly latencyMs?: number;
  /** Fraction (0..1) of requests silently dropped (never answered). */
  readonly drop?: number;
  /** Offset added to the node's clock, in ms (positive = ahead). */
  readonly skewMs?: number;
  /** The node is stopped: its port is closed and peers cannot reach it. */
  readonly stopped?: boolean;
  /** The storage RPC `store` is refused with this status and text; everything else works. */
  readonly refuseStore?: StoreRefusal;
}

/** What a fault-aware entry point should do with one incoming request. */
export type FaultVerdict =
  | { readonly kind: "pass" }
  | { readonly kind: "drop" }
  | { readonly kind: "stopped" }
  | { readonly kind: "status"; readonly status: number };
