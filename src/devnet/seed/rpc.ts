/**
 * The seed's JSON-RPC: `get_n_service_nodes` (and its alias `get_service_nodes`) with the
 * request fields desktop and libsession send (`active_only`, `limit`, `fields`).
 *
 * @module
 */
import { stringifyJson } from "../json.ts";
import type { DevnetNodeInfo } from "../types.ts";
import { chainRecord, type ChainState, nodeRecord, pick } from "./fields.ts";

/** Where the seed reads the current network from. */
export interface SeedSource {
  /** Every registered node (stopped ones too, as on the real chain). */
  nodes(): readonly DevnetNodeInfo[];
  /** The fake chain state. */
  chain(): ChainState;
}

const METHODS = new Set(["get_n_service_nodes", "get_service_nodes"]);

/** Answers one JSON-RPC body with the JSON text oxend would send. */
export function seedRpc(source: SeedSource, body: string): { status: number; text: string } {
  let request: { id?: unknown; method?: unknown; params?: unknown };
  try {
    request = JSON.parse(body);
    if (typeof request !== "object" || request === null) throw new SyntaxError("not an object");
  } catch {
    return rpcError(null, -32700, "Parse error");
  }
  const id = request.id ?? 0;
  if (typeof request.method !== "string" || !METHODS.has(request.method)) {
    return rpcError(id, -32601, "Method not found");
  }
  const params = (request.params ?? {}) as Record<string, unknown>;
  const fields = typeof params.fields === "object" && params.fields !== null
    ? params.fields as Record<string, unknown>
    : undefined;
  const chain = source.chain();
  let nodes = [...source.nodes()];
  const limit = typeof params.limit === "number" ? params.limit : 0;
  if (limit > 0 && limit < nodes.length) nodes = shuffled(nodes).slice(0, limit);
  const result = {
    service_node_states: nodes.map((node) => pick(nodeRecord(node, chain), fields)),
    ...pick(chainRecord(chain), fields ?? {}),
    status: "OK",
  };
  return { status: 200, text: stringifyJson({ jsonrpc: "2.0", id, result }) };
}

function rpcError(id: unknown, code: number, message: string): { status: number; text: string } {
  return { status: 200, text: JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } }) };
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
