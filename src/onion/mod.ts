/**
 * Onion requests: per-hop encryption, layer framing, routing decisions, v4 bencoding, the
 * client-side request builder and reply decoding, the node-side layer peeling used by the local
 * devnet, and HTTPS to service nodes with self-signed certificates.
 *
 * @example
 * ```ts
 * import { buildOnionRequest, snodeFetch, snodePayload } from "./mod.ts";
 *
 * const request = buildOnionRequest({
 *   path: [guard, relay1, relay2],
 *   destination: { kind: "snode", ed25519: target.ed25519, x25519: target.x25519 },
 *   payload: snodePayload({ method: "info", params: {} }),
 * });
 * const res = await snodeFetch(`https://${guard.ip}:${guard.port}/onion_req/v2`, request.body);
 * const reply = request.decryptSnodeReply(res.body);
 * ```
 *
 * @module
 */
export type { X25519KeyPair } from "../crypto/x25519.ts";
export { OnionError, SessionBotError } from "../core/errors.ts";
export { type EncType, parseEncType } from "./enc_type.ts";
export { decryptHop, encryptHop, hopKey } from "./hop.ts";
export {
  decryptAtNode,
  encryptForNode,
  type NodeCiphertext,
  type NodePlaintext,
} from "./channel.ts";
export { encodeLayer, type Layer, parseLayer } from "./layer.ts";
export {
  classifyLayer,
  type FinalDestinationRoute,
  isRelayTargetAllowed,
  type LayerRoute,
  type RelayToNodeRoute,
  type RelayToServerRoute,
} from "./route.ts";
export {
  decodeV4Request,
  decodeV4Response,
  encodeV4Request,
  encodeV4Response,
  readV4Body,
  type V4Request,
  type V4RequestMeta,
  type V4Response,
  type V4ResponseMeta,
} from "./v4.ts";
export {
  buildOnionRequest,
  type OnionDestination,
  type OnionHop,
  type OnionRequest,
  type OnionRequestOptions,
  type ServerDestination,
  type SnodeDestination,
  snodePayload,
} from "./builder.ts";
export { decodeServerReply, decodeSnodeReply, onionHttpError, type SnodeReply } from "./reply.ts";
export {
  encryptReply,
  type LayerDecision,
  type OpenedLayer,
  openLayer,
  type PeeledLayer,
  peelLayer,
  readRoute,
  wrapReply,
  type WrapReplyOptions,
} from "./node.ts";
export { SnodeAgent, snodeFetch, type SnodeFetchOptions, type SnodeResponse } from "./transport.ts";
export { describeNode, nodeUrl, type ServiceNode, subnetOf } from "./service_node.ts";
export { createStrikes, type Strikes, type StrikesOptions } from "./strikes.ts";
export { chooseGuards, type GuardChoice } from "./guards.ts";
export { pickRelays } from "./relays.ts";
export {
  createPathPool,
  type OnionPath,
  type PathPool,
  type PathPoolOptions,
  type PickOptions,
} from "./paths.ts";
export { serverDestination, type ServerRequest, type ServerTarget } from "./server_target.ts";
export {
  createOnionRequester,
  type OnionRequester,
  type OnionRequesterOptions,
  type OnionSendOptions,
  type RpcBody,
  type SnodeFetcher,
} from "./requester.ts";
export { pickOne, type Random, shuffled } from "./_random.ts";
