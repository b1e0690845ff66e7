/**
 * Building RPC results the way the server answers: JSON bodies with `t`/`hf`
 * (`add_misc_response_fields`), plain-text errors, and the 421 wrong-swarm reply.
 *
 * @module
 */
import { fromHex } from "../../core/mod.ts";
import { type NodeContext, swarmOf } from "./context.ts";
import { toBase32z } from "./encoding.ts";
import type { JsonObject } from "./json.ts";
import type { UserPubkey } from "./pubkey.ts";
import { INVALID_SWARM_ID } from "./swarm.ts";
import type { RpcResult } from "./types.ts";

/** A JSON result. */
export function jsonResult(status: number, body: unknown): RpcResult {
  return { status, body };
}

/** A plain-text error result. */
export function textResult(status: number, text: string): RpcResult {
  return { status, text };
}

/** Adds `t` (the node clock, or `now`) and `hf` to `body`, and returns it. */
export function withMisc<T extends JsonObject>(ctx: NodeContext, body: T, now = ctx.now()): T {
  return Object.assign(body, { t: now, hf: [...ctx.hf] });
}

/** `swarm_to_json`: the owning swarm's members in `get_swarm` form, and its hex id. */
export function swarmJson(ctx: NodeContext, pubkey: UserPubkey): JsonObject {
  const swarm = swarmOf(ctx, pubkey);
  if (!swarm) return { snodes: [], swarm: INVALID_SWARM_ID.toString(16) };
  const snodes = swarm.members.map((node) => ({
    // The legacy key of a devnet node is its Ed25519 key.
    address: `${toBase32z(fromHex(node.ed25519))}.snode`,
    pubkey_legacy: node.ed25519,
    pubkey_x25519: node.x25519,
    pubkey_ed25519: node.ed25519,
    port: String(node.port),
    port_https: node.port,
    port_omq: node.omqPort ?? node.port,
    port_quic: node.omqPort ?? node.port,
    ip: node.ip,
  }));
  return { snodes, swarm: swarm.id.toString(16) };
}

/** 421 with the right swarm (`handle_wrong_swarm`). */
export function wrongSwarm(ctx: NodeContext, pubkey: UserPubkey): RpcResult {
  return jsonResult(421, withMisc(ctx, swarmJson(ctx, pubkey)));
}
