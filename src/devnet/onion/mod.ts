/**
 * Node-side onion processing for devnet service nodes (storage-server.md §7).
 *
 * @module
 */
export { createOnionNode, type OnionNode, serverUrl } from "./process.ts";
export { relayToServer, SERVER_TIMEOUT_MS } from "./exit.ts";
export { MAX_ONION_HOPS, type OnionAnswer, type OnionNodeDeps, type RpcAnswer } from "./types.ts";
