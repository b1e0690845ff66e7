/**
 * A node's storage RPC as the routes and the onion final destination call it: the engine,
 * unless a status fault says otherwise.
 *
 * @module
 */
import type { NodeFaultState } from "../faults/mod.ts";
import type { RpcAnswer } from "../onion/mod.ts";

/** The part of the storage engine a node's transport uses. */
export interface RpcEngine {
  /** Processes a raw `/storage_rpc/v1` body. */
  handleRpcBody(body: Uint8Array): Promise<RpcAnswer>;
  /** Runs one method (used for the 421 body of a forced wrong-swarm answer). */
  handle(method: string, params: Record<string, unknown>): Promise<RpcAnswer>;
}

/** Texts of forced statuses, as the real server words them. */
const FORCED_TEXT: Readonly<Record<number, string>> = {
  406: "Timestamp error: check your clock",
  500: "request failed",
  503: "Service node is not ready: devnet fault injection\n",
};

/** Creates the node's RPC function; `engine()` is undefined until the node is fully up. */
export function createNodeRpc(
  engine: () => RpcEngine | undefined,
  faults: NodeFaultState,
): (body: Uint8Array) => Promise<RpcAnswer> {
  return async function nodeRpc(body: Uint8Array): Promise<RpcAnswer> {
    const running = engine();
    if (!running) return { status: 503, text: "Service node is not ready: starting\n" };
    const status = faults.get().status;
    if (status === undefined) return await running.handleRpcBody(body);
    if (status !== 421) return { status, text: FORCED_TEXT[status] ?? "request failed" };
    const swarm = await running.handle("get_swarm", { pubkey: pubkeyOf(body) });
    return "body" in swarm ? { status: 421, body: swarm.body } : swarm;
  };
}

/** The request's `params.pubkey`, or a key of the zero swarm space when there is none. */
function pubkeyOf(body: Uint8Array): string {
  try {
    const pubkey = JSON.parse(new TextDecoder().decode(body))?.params?.pubkey;
    if (typeof pubkey === "string" && /^[0-9a-f]{66}$/i.test(pubkey)) return pubkey;
  } catch {
    // fall through
  }
  return "05" + "00".repeat(32);
}
