/**
 * Client side: builds the onion request for `POST /onion_req/v2`, innermost layer first
 * (core §6.3), and decodes what comes back with the keys it kept.
 *
 * @module
 */
import { assertBytes, toHex } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";
import { keyBytes, keyHex } from "./_keys.ts";
import { encryptForNode } from "./channel.ts";
import { assertEncType, type EncType } from "./enc_type.ts";
import { encodeLayer, isPlainObject, parseLayer } from "./layer.ts";
import { serverReply, type SnodeReply, snodeReply } from "./reply.ts";
import { isRelayTargetAllowed } from "./route.ts";
import type { V4Response } from "./v4.ts";

/** A service node on the path: its Ed25519 key (hex) and X25519 key (hex or bytes). */
export interface OnionHop {
  /** Ed25519 public key, 64 hex characters (how the previous hop names it). */
  readonly ed25519: string;
  /** X25519 public key (`pubkey_x25519`), 64 hex characters or 32 bytes. */
  readonly x25519: string | Uint8Array;
}

/** A service node as the final destination of a storage RPC. */
export interface SnodeDestination {
  /** Discriminant. */
  readonly kind: "snode";
  /** Ed25519 public key, 64 hex characters. */
  readonly ed25519: string;
  /** X25519 public key, 64 hex characters or 32 bytes. */
  readonly x25519: string | Uint8Array;
}

/** An HTTP(S) server (SOGS, file server) reached through the last path node. */
export interface ServerDestination {
  /** Discriminant. */
  readonly kind: "server";
  /** Host name or IP, without scheme or port. */
  readonly host: string;
  /** Onion endpoint path, e.g. `/oxen/v4/lsrpc`. */
  readonly target: string;
  /** `"https"` or `"http"`. */
  readonly protocol: "http" | "https";
  /** TCP port (443 for https, 80 for http by convention). */
  readonly port: number;
  /** The server's X25519 public key, 64 hex characters or 32 bytes. */
  readonly x25519: string | Uint8Array;
}

/** Where an onion request ends. */
export type OnionDestination = SnodeDestination | ServerDestination;

/** Input of {@link buildOnionRequest}. */
export interface OnionRequestOptions {
  /** The path, guard first (normally 3 nodes; 1 to 14 allowed). */
  readonly path: readonly OnionHop[];
  /** The final destination. */
  readonly destination: OnionDestination;
  /**
   * The destination's plaintext: `snodePayload(rpc)` for a snode, `encodeV4Request(…)` for a
   * server.
   */
  readonly payload: Uint8Array;
  /** Hop encryption for every layer (default `aes-gcm`, as desktop uses). */
  readonly encType?: EncType;
}

/** A built onion request and the means to read its reply. */
export interface OnionRequest {
  /** The binary body for `POST https://<guard>/onion_req/v2`. */
  readonly body: Uint8Array;
  /** The destination layer's key; replies are encrypted with it. */
  readonly destinationKey: Uint8Array;
  /** The encryption used on every layer. */
  readonly encType: EncType;
  /**
   * Decodes the HTTP-200 body of a snode destination's reply (core §6.4). Throws
   * `CryptoError` when it does not decrypt, `OnionError` with `hop` and `status` when a path
   * node answered with its own encrypted error, `OnionError` code `bad_reply` when malformed.
   */
  decryptSnodeReply(responseBody: Uint8Array): SnodeReply;
  /** Decodes the HTTP-200 body of a server destination's v4 reply (core §6.5); errors as above. */
  decryptServerReply(responseBody: Uint8Array): V4Response;
}

const MAX_PATH = 14;
const encoder = new TextEncoder();
const textDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Frames a storage RPC body for a snode destination: `[len][body][{"headers":{}}]`, where the
 * `"headers"` key marks the final destination. `rpc` is an object (serialised as JSON), JSON
 * text or its UTF-8 bytes; it must be a JSON object with a string `method`, else
 * `ValidationError` code `bad_payload`.
 *
 * @example
 * ```ts
 * const payload = snodePayload({ method: "info", params: {} });
 * ```
 */
export function snodePayload(rpc: unknown): Uint8Array {
  let bytes: Uint8Array;
  let parsed: unknown = rpc;
  try {
    if (rpc instanceof Uint8Array) {
      bytes = rpc;
      parsed = JSON.parse(textDecoder.decode(rpc));
    } else if (typeof rpc === "string") {
      bytes = encoder.encode(rpc);
      parsed = JSON.parse(rpc);
    } else {
      bytes = encoder.encode(JSON.stringify(rpc));
    }
  } catch (cause) {
    throw badPayload("the RPC body is not valid UTF-8 JSON", cause);
  }
  if (!isPlainObject(parsed) || typeof parsed.method !== "string") {
    throw badPayload('the RPC body must be a JSON object with a string "method"');
  }
  return encodeLayer(bytes, { headers: {} });
}

/**
 * Builds an onion request (core §6.3): the destination payload is encrypted for the
 * destination, then wrapped for each path node from last to first, each layer with a fresh
 * ephemeral X25519 key; the outer body is `[len][ct][{"ephemeral_key","enc_type"}]`. For a
 * server destination the last path node gets the route `{host, target, method, protocol, port,
 * ephemeral_key, enc_type}`; for a snode destination `{destination, ephemeral_key, enc_type}`.
 * Malformed keys, paths, destinations or payloads throw `ValidationError`.
 *
 * @example
 * ```ts
 * const request = buildOnionRequest({
 *   path: [guard, relay1, relay2], // each { ed25519: hex, x25519: hex }
 *   destination: { kind: "snode", ed25519: node.ed25519, x25519: node.x25519 },
 *   payload: snodePayload({ method: "info", params: {} }),
 * });
 * const res = await snodeFetch(`https://${guardIp}:${guardPort}/onion_req/v2`, request.body);
 * const reply = request.decryptSnodeReply(res.body); // { status: 200, body: { version: … } }
 * ```
 */
export function buildOnionRequest(options: OnionRequestOptions): OnionRequest {
  const { path, destination, payload } = options;
  const encType = options.encType === undefined ? "aes-gcm" : assertEncType(options.encType);
  assertBytes(payload, undefined, "payload");
  if (!Array.isArray(path) || path.length < 1 || path.length > MAX_PATH) {
    throw new ValidationError(
      `the onion path must list 1 to ${MAX_PATH} nodes (normally 3), guard first`,
      "bad_path",
      "path",
    );
  }
  const hops = path.map((hop, i) => ({
    ed25519: keyHex(hop?.ed25519, `path[${i}].ed25519`),
    x25519: keyBytes(hop?.x25519, `path[${i}].x25519`),
  }));
  const toSnode = destination?.kind === "snode";
  const destinationX25519 = keyBytes(destination?.x25519, "destination.x25519");
  let route: Record<string, unknown>;
  if (toSnode) {
    route = { destination: keyHex(destination.ed25519, "destination.ed25519") };
    checkSnodePayload(payload);
  } else if (destination?.kind === "server") {
    route = serverRoute(destination);
  } else {
    throw new ValidationError(
      'destination.kind must be "snode" or "server"',
      "bad_destination",
      "destination.kind",
    );
  }

  const inner = encryptForNode(destinationX25519, payload, encType);
  const destinationKey = inner.key;
  let ciphertext = inner.ciphertext;
  let ephemeralKey = inner.ephemeralPublicKey;
  const hopKeys: Uint8Array[] = new Array(hops.length);
  for (let i = hops.length - 1; i >= 0; i--) {
    route.ephemeral_key = toHex(ephemeralKey);
    route.enc_type = encType;
    const sent = encryptForNode(hops[i].x25519, encodeLayer(ciphertext, route), encType);
    hopKeys[i] = sent.key;
    ciphertext = sent.ciphertext;
    ephemeralKey = sent.ephemeralPublicKey;
    route = { destination: hops[i].ed25519 };
  }
  const body = encodeLayer(ciphertext, { ephemeral_key: toHex(ephemeralKey), enc_type: encType });

  return Object.freeze({
    body,
    destinationKey,
    encType,
    decryptSnodeReply(responseBody: Uint8Array): SnodeReply {
      if (!toSnode) throw new TypeError("this request went to a server: use decryptServerReply");
      return snodeReply(responseBody, destinationKey, encType, hopKeys);
    },
    decryptServerReply(responseBody: Uint8Array): V4Response {
      if (toSnode) throw new TypeError("this request went to a snode: use decryptSnodeReply");
      return serverReply(responseBody, destinationKey, encType, hopKeys);
    },
  });
}

function serverRoute(destination: ServerDestination): Record<string, unknown> {
  const { host, target, protocol, port } = destination;
  if (typeof host !== "string" || !/^[^\s/?#@:]+$/.test(host)) {
    throw new ValidationError(
      "destination.host must be a host name or IPv4 address, without scheme, port or path",
      "bad_destination",
      "destination.host",
    );
  }
  if (!isRelayTargetAllowed(target)) {
    throw new ValidationError(
      "destination.target must start with /oxen/ or /loki/, end with /lsrpc and have no query " +
        "(e.g. /oxen/v4/lsrpc); service nodes refuse anything else",
      "bad_destination",
      "destination.target",
    );
  }
  if (protocol !== "http" && protocol !== "https") {
    throw new ValidationError(
      'destination.protocol must be "http" or "https"',
      "bad_destination",
      "destination.protocol",
    );
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ValidationError(
      "destination.port must be an integer from 1 to 65535",
      "bad_destination",
      "destination.port",
    );
  }
  return { host, target, method: "POST", protocol, port };
}

function checkSnodePayload(payload: Uint8Array): void {
  let json: Record<string, unknown>;
  try {
    json = parseLayer(payload).json;
  } catch (cause) {
    throw badPayload("a snode payload must be framed by snodePayload(rpc)", cause);
  }
  if (!("headers" in json)) {
    throw badPayload('a snode payload\'s JSON needs "headers": frame it with snodePayload(rpc)');
  }
}

function badPayload(detail: string, cause?: unknown): ValidationError {
  return new ValidationError(
    detail,
    "bad_payload",
    "payload",
    cause === undefined ? undefined : { cause },
  );
}
