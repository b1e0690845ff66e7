/**
 * One service node's storage engine: the `/storage_rpc/v1` request handling of the real storage
 * server, without HTTP. The HTTPS server, onion processing and orchestration wrap it.
 *
 * @module
 */
import { toHex, ValidationError } from "../../core/mod.ts";
import { createEd25519Signer } from "../../crypto/ed25519.ts";
import { sortKeys } from "./canonical.ts";
import { DEFAULT_HF, DEFAULT_VERSION, PEER_TIMEOUT } from "./constants.ts";
import type { NodeContext } from "./context.ts";
import { isJsonObject, parseJson } from "./json.ts";
import { createMethodTable } from "./methods/mod.ts";
import { createNameRegistry } from "./names.ts";
import { ParseError } from "./params.ts";
import { textResult } from "./results.ts";
import type { RpcResult, StorageNode, StorageNodeOptions } from "./types.ts";

const methods = createMethodTable();

/**
 * Creates a storage node engine.
 *
 * @example
 * ```ts
 * const kv = await Deno.openKv(":memory:");
 * const node = createStorageNode({ seed, info, network, store: createKvMessageStore(kv, info.ed25519) });
 * const answer = await node.handleRpcBody('{"method":"info","params":{}}');
 * // { status: 200, body: { hf: [19, 4], t: …, timestamp: …, version: [2, 8, 0] } }
 * ```
 */
export function createStorageNode(options: StorageNodeOptions): StorageNode {
  const signer = createEd25519Signer(options.seed);
  if (toHex(signer.publicKey) !== options.info.ed25519.toLowerCase()) {
    throw new ValidationError(
      "the seed's Ed25519 key does not match info.ed25519: pass the node's own seed",
      "key_mismatch",
      "seed",
    );
  }
  const ctx: NodeContext = {
    info: options.info,
    signer,
    network: options.network,
    store: options.store,
    names: options.names ?? createNameRegistry(),
    now: options.clock ?? Date.now,
    hf: options.hf ?? DEFAULT_HF,
    version: options.version ?? DEFAULT_VERSION,
    height: options.height ?? 1_000_000,
    peerTimeout: options.peerTimeout ?? PEER_TIMEOUT,
    refuse: options.refuse,
  };

  async function handle(
    method: string,
    params: Record<string, unknown>,
    { forwarded = false }: { forwarded?: boolean } = {},
  ): Promise<RpcResult> {
    const spec = methods.get(method);
    if (!spec) return textResult(400, `no method ${method}`);
    try {
      const request = spec.parse(params);
      if (forwarded && !spec.recursive) {
        return textResult(
          400,
          "invalid request: received invalid forwarded non-forwardable request",
        );
      }
      const result = await spec.run(ctx, request, !forwarded);
      return "body" in result ? { status: result.status, body: sortKeys(result.body) } : result;
    } catch (error) {
      if (error instanceof ParseError) return textResult(400, `invalid request: ${error.message}`);
      // Anything else may hold internals: the client gets the server's generic text.
      return textResult(500, "request failed");
    }
  }

  function handleRpcBody(body: Uint8Array | string): Promise<RpcResult> {
    let request: unknown;
    try {
      request = parseJson(body);
    } catch {
      return Promise.resolve(textResult(400, "invalid json"));
    }
    const method = isJsonObject(request) ? request.method : undefined;
    if (typeof method !== "string") {
      return Promise.resolve(textResult(400, "invalid json: no `method` field"));
    }
    const params = (request as Record<string, unknown>).params;
    if (!isJsonObject(params)) {
      return Promise.resolve(textResult(400, "invalid json: no `params` field"));
    }
    return handle(method, params);
  }

  return Object.freeze({ info: options.info, publicKey: signer.publicKey, handle, handleRpcBody });
}
