/**
 * Fault injection for the devnet: per-node status, latency, drop, clock skew, stop/start and
 * store refusal, plus swarm moves, from tests (`devnet.faults`) or from the CLI through the
 * control endpoint.
 *
 * @module
 */
export { FAULT_STATUSES, type FaultVerdict, type NodeFaults } from "./types.ts";
export {
  checkRefusal,
  DEFAULT_REFUSE_STORE_STATUS,
  REFUSE_STORE_STATUSES,
  type StoreRefusal,
  storeRefusal,
} from "./refuse_store.ts";
export { checkFaults, createNodeFaults, type NodeFaultState } from "./node_faults.ts";
export {
  createFaultController,
  type FaultController,
  type FaultTarget,
  type NodeFaultHandle,
} from "./controller.ts";
export {
  applyFaultCommand,
  type FaultCommand,
  type FaultReport,
  faultReport,
  parseSwarm,
} from "./command.ts";
export { CONTROL_PATH, createControlRoute, parseFaultCommand } from "./control.ts";
export { sendFault } from "./client.ts";
