/**
 * A devnet service node's transport: HTTPS routes with the storage server's rules, fault
 * checks, the storage RPC and the onion entry points.
 *
 * @module
 */
export { createDevnetNode, type DevnetNode, type DevnetNodeOptions } from "./node.ts";
export { createNodeHandler, type NodeRoutesDeps, rpcResponse } from "./routes.ts";
export { createNodeRpc, type RpcEngine } from "./rpc.ts";
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from "./rate_limit.ts";
