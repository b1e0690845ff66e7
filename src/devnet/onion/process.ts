/**
 * One node's onion processing, as the storage server does it (storage-server.md §7): open the
 * layer, then answer as the final destination, relay to the next node, or relay to a server.
 *
 * @module
 */
import { CryptoError, ValidationError } from "../../core/errors.ts";
import {
  isRelayTargetAllowed,
  type OpenedLayer,
  openLayer,
  readRoute,
  type RelayToServerRoute,
  wrapReply,
} from "../../onion/mod.ts";
import type { OnionAnswer, OnionNodeDeps, RpcAnswer } from "./types.ts";

/** A node's onion entry points. */
export interface OnionNode {
  /** Processes a received layer `[N][ct]{json}`; `hopNo` defaults to the JSON's `hop_no`. */
  process(bytes: Uint8Array, hopNo?: number): Promise<OnionAnswer>;
}

/**
 * Creates the onion processing of one node.
 *
 * @example
 * ```ts
 * const onion = createOnionNode({ keyPair, rpc, relayToNode, relayToServer });
 * const answer = await onion.process(await request.bytes());
 * ```
 */
export function createOnionNode(deps: OnionNodeDeps): OnionNode {
  async function process(bytes: Uint8Array, hopNo?: number): Promise<OnionAnswer> {
    let opened: OpenedLayer;
    try {
      opened = openLayer(deps.keyPair, bytes);
    } catch (error) {
      if (error instanceof CryptoError) return { status: 400, body: "Invalid ciphertext" };
      if (error instanceof ValidationError) return { status: 400, body: error.message };
      throw error;
    }
    const hop = hopNo ?? Math.max(0, (opened.json.hop_no as number | undefined) ?? 0);
    let decision;
    try {
      decision = readRoute(opened.plaintext);
    } catch (error) {
      // The server takes any protocol string and refuses it later, as a bad URL.
      const badUrl = error instanceof ValidationError && error.field === "protocol";
      return sealed(opened, { status: 400, text: badUrl ? "Invalid url" : "Invalid json" });
    }
    const { route, payload, forward } = decision;
    switch (route.type) {
      case "final_destination":
        return sealed(opened, await deps.rpc(payload), route.json, route.base64);
      case "relay_to_node":
        return await deps.relayToNode(route.destination, forward!, hop + 1);
      case "relay_to_server":
        if (!isRelayTargetAllowed(route.target)) {
          return sealed(opened, { status: 400, text: "Invalid url" });
        }
        return await deps.relayToServer(serverUrl(route), forward!);
    }
  }

  return { process };
}

function sealed(opened: OpenedLayer, result: RpcAnswer, json = false, base64 = true): OnionAnswer {
  const isJson = "body" in result;
  const body = wrapReply(opened.key, opened.encType, {
    status: result.status,
    body: isJson ? JSON.stringify(result.body) : result.text,
    json: json && isJson,
    base64,
  });
  return { status: 200, body, contentType: base64 ? "text/plain" : "application/octet-stream" };
}

/** `protocol://host[:port]/target`, the port only when not the protocol's default. */
export function serverUrl(route: RelayToServerRoute): string {
  const defaultPort = route.protocol === "https" ? 443 : 80;
  const port = route.port === defaultPort ? "" : `:${route.port}`;
  const slash = route.target.startsWith("/") ? "" : "/";
  return `${route.protocol}://${route.host}${port}${slash}${route.target}`;
}
