/**
 * `oxend_request`: the two oxend RPCs a storage server relays, answered from the devnet's own
 * network view (`get_service_nodes`) and name registry (`ons_resolve`).
 *
 * @module
 */
import type { NodeContext } from "../context.ts";
import { isJsonObject, type JsonObject } from "../json.ts";
import { normalizeNameHash } from "../names.ts";
import { isInteger, ParseError, readString, required } from "../params.ts";
import { jsonResult, textResult, withMisc } from "../results.ts";
import type { NodeInfo, RpcResult } from "../types.ts";
import { method } from "./method.ts";

const ENDPOINTS = new Set(["get_service_nodes", "ons_resolve"]);

interface OxendRequest {
  readonly endpoint: string;
  readonly params?: unknown;
}

function parse(params: JsonObject): OxendRequest {
  const endpoint = required("endpoint", readString(params, "endpoint"));
  if (!ENDPOINTS.has(endpoint)) throw new ParseError(`Invalid oxend endpoint '${endpoint}'`);
  return { endpoint, params: params.params ?? undefined };
}

/** `JSON.rawJSON` (V8 ships it; TypeScript's lib does not declare it yet). */
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** A uint64 as JSON: a number when exact, else raw digits so `JSON.stringify` keeps them. */
function u64(value: bigint): unknown {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : rawJson(value.toString());
}

function nodeState(ctx: NodeContext, node: NodeInfo): JsonObject {
  return {
    public_ip: node.ip,
    storage_port: node.port,
    storage_lmq_port: node.omqPort ?? node.port,
    pubkey_x25519: node.x25519,
    pubkey_ed25519: node.ed25519,
    service_node_pubkey: node.ed25519,
    swarm_id: u64(node.swarmId),
    requested_unlock_height: 0,
    storage_server_version: [...ctx.version],
  };
}

function serviceNodes(ctx: NodeContext, params: unknown): RpcResult {
  const options = isJsonObject(params) ? params : {};
  let nodes = ctx.network.nodes();
  const wanted = options.service_node_pubkeys;
  if (Array.isArray(wanted) && wanted.length > 0) {
    nodes = nodes.filter((node) => wanted.includes(node.ed25519));
  }
  if (isInteger(options.limit) && options.limit > 0 && options.limit < nodes.length) {
    nodes = [...nodes].sort(() => Math.random() - 0.5).slice(0, options.limit);
  }
  const fields = isJsonObject(options.fields) ? options.fields : undefined;
  const states = nodes.map((node) => {
    const state = nodeState(ctx, node);
    if (!fields) return state;
    return Object.fromEntries(Object.entries(state).filter(([key]) => fields[key] === true));
  });
  return ok(ctx, { service_node_states: states, height: ctx.height });
}

function onsResolve(ctx: NodeContext, params: unknown): RpcResult {
  const options = isJsonObject(params) ? params : {};
  if (typeof options.name_hash !== "string") {
    return textResult(400, "Required key 'name_hash' not found");
  }
  if (!isInteger(options.type)) return textResult(400, "Required key 'type' not found");
  if (normalizeNameHash(options.name_hash) === undefined) {
    return textResult(400, "Invalid name_hash: expected hash as 64 hex digits or base64");
  }
  // Only Session (type 0) records exist on the devnet; an unknown name resolves to nothing.
  const record = options.type === 0 ? ctx.names.resolve(options.name_hash) : undefined;
  return ok(ctx, record ? { ...record } : {});
}

function ok(ctx: NodeContext, result: JsonObject): RpcResult {
  return jsonResult(200, withMisc(ctx, { result }));
}

/** The `oxend_request` method. */
export const oxendMethod = method({
  recursive: false,
  parse,
  run(ctx: NodeContext, req: OxendRequest) {
    const answer = req.endpoint === "get_service_nodes"
      ? serviceNodes(ctx, req.params)
      : onsResolve(ctx, req.params);
    return Promise.resolve(answer);
  },
});
