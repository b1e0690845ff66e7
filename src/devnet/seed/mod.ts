/**
 * The devnet seed node: answers `get_n_service_nodes` with the fields real seeds return.
 *
 * @module
 */
export { chainRecord, type ChainState, nodeRecord } from "./fields.ts";
export { seedRpc, type SeedSource } from "./rpc.ts";
export { createSeedHandler, type Routes } from "./server.ts";
