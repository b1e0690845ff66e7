/**
 * A local Session network for tests and development: a seed node, service nodes in swarms
 * with the real storage server's rules over HTTPS, onion routing (aes-gcm and xchacha20), a file
 * server and a community server (a session-pysogs lookalike, room `lobby`) reachable through
 * onion v4, persistence under a state directory, and fault injection.
 *
 * @example
 * ```ts
 * import { startDevnet } from "./mod.ts";
 *
 * await using devnet = await startDevnet({ nodes: 9, swarms: 3 });
 * console.log(devnet.seedUrl, devnet.nodes.map((n) => n.url));
 * devnet.faults.node(2).status(503);
 * await devnet.faults.node(4).stop();
 * ```
 *
 * @module
 */
export { startDevnet } from "./devnet.ts";
export { type Devnet, type DevnetDescription, type DevnetNodeHandle, INFO_PATH } from "./handle.ts";
export { type DevnetOptions } from "./config.ts";
export type { DevnetNodeInfo } from "./types.ts";
export {
  applyFaultCommand,
  CONTROL_PATH,
  FAULT_STATUSES,
  type FaultCommand,
  type FaultController,
  type FaultReport,
  type NodeFaultHandle,
  type NodeFaults,
  parseFaultCommand,
  REFUSE_STORE_STATUSES,
  sendFault,
  type StoreRefusal,
} from "./faults/mod.ts";
export type { FileServerInfo } from "./fileserver/mod.ts";
export type { CommunityDescription, DevnetCommunity } from "./community/handle.ts";
export type {
  CommunityAdmin,
  CommunityLimits,
  CommunityServerInfo,
  PermissionFlags,
} from "./community/mod.ts";
export { type CertOptions, createSelfSignedCert, type TlsCertificate } from "./tls/mod.ts";
export type { RateLimitOptions } from "./node/mod.ts";
export type { NameRegistry, OnsRecord } from "./storage/mod.ts";
export { spreadSwarmIds } from "./layout.ts";
export { STATE_FILE } from "./state.ts";
