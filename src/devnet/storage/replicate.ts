/**
 * Recursive requests (store, delete*, expire*, revoke): the entry node forwards the request to
 * every other member of its swarm, applies it itself, and gathers one result per member under
 * `swarm` (`distribute_command`, `reply_or_fail` in `request_handler.cpp`).
 *
 * @module
 */
import { type NodeContext, swarmPeers } from "./context.ts";
import { isJsonObject, type JsonObject } from "./json.ts";
import type { NodeInfo, RpcResult } from "./types.ts";

/** What a recursive request produced: the status and body to answer with. */
export interface Replicated {
  readonly status: number;
  readonly body: JsonObject;
}

/**
 * Applies `local` and, when `recurse` (the client's own request), forwards `params` to every
 * swarm peer at the same time. Without `recurse` (a peer's copy) the local result is the whole
 * body. With it, the body is `{swarm: {ed25519: result}}` and the status 500 when every member
 * failed.
 */
export async function replicate(
  ctx: NodeContext,
  method: string,
  params: JsonObject,
  recurse: boolean,
  local: () => Promise<JsonObject>,
): Promise<Replicated> {
  if (!recurse) return { status: 200, body: await local() };
  // Peers are asked first, as the server does, so their work overlaps ours.
  const asked = swarmPeers(ctx).map((peer) => askPeer(ctx, peer, method, params));
  const swarm: Record<string, JsonObject> = { [ctx.info.ed25519]: await local() };
  const answers = await Promise.all(asked);
  for (const [ed25519, result] of answers) swarm[ed25519] = result;
  const allFailed = Object.values(swarm).every((result) => "failed" in result);
  return { status: allFailed ? 500 : 200, body: { swarm } };
}

const TIMED_OUT = Symbol("timeout");

async function askPeer(
  ctx: NodeContext,
  peer: NodeInfo,
  method: string,
  params: JsonObject,
): Promise<[string, JsonObject]> {
  const node = ctx.network.peer(peer.ed25519);
  // An unknown peer cannot be reached at all: OxenMQ would report that as a timeout.
  if (!node) return [peer.ed25519, { failed: true, timeout: true }];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ctx.peerTimeout);
  });
  try {
    const answer = await Promise.race([node.handle(method, params, { forwarded: true }), timeout]);
    if (answer === TIMED_OUT) return [peer.ed25519, { failed: true, timeout: true }];
    return [peer.ed25519, peerResult(answer)];
  } catch (error) {
    return [peer.ed25519, thrownResult(error)];
  } finally {
    clearTimeout(timer);
  }
}

/** A peer's answer as the entry node records it. */
function peerResult(answer: RpcResult): JsonObject {
  if (answer.status !== 200) {
    const reason = "text" in answer ? answer.text : JSON.stringify(answer.body);
    // OxenMQ error replies are two string frames, so the code arrives as a string.
    return { failed: true, code: String(answer.status), reason };
  }
  if (!("body" in answer) || !isJsonObject(answer.body)) {
    return { failed: true, bad_peer_response: true };
  }
  return asBencoded(answer.body) as JsonObject;
}

function thrownResult(error: unknown): JsonObject {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === "number") {
    return { failed: true, code: String(status), reason: String((error as Error).message) };
  }
  return { failed: true, bad_peer_response: true };
}

/**
 * Peers answer in bencode, which has no booleans: `true`/`false` come back as 1/0 (so a peer's
 * `already` is `1` while the entry node's own is `true`).
 */
export function asBencoded(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (Array.isArray(value)) return value.map(asBencoded);
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asBencoded(v)]));
  }
  return value;
}
