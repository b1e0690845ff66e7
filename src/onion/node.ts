/**
 * Node side (for the local devnet and tests): open the layer a service node receives, decide
 * where it goes, and encrypt the reply the way the storage server does.
 *
 * @module
 */
import { assertBytes, toBase64 } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";
import type { X25519KeyPair } from "../crypto/x25519.ts";
import { keyBytes } from "./_keys.ts";
import { decryptAtNode } from "./channel.ts";
import { assertEncType, type EncType, parseEncType } from "./enc_type.ts";
import { encryptHop } from "./hop.ts";
import { encodeLayer, parseLayer } from "./layer.ts";
import { classifyLayer, type LayerRoute } from "./route.ts";

/** A layer a node received and decrypted, before routing. */
export interface OpenedLayer {
  /** The decrypted plaintext (for a server destination: the v4 request). */
  readonly plaintext: Uint8Array;
  /** The JSON the layer arrived with (`ephemeral_key`, `enc_type`, maybe `hop_no`, …). */
  readonly json: Record<string, unknown>;
  /** The hop key; replies from this node are encrypted with it. */
  readonly key: Uint8Array;
  /** The layer's encryption. */
  readonly encType: EncType;
  /** The client's ephemeral X25519 key, lowercase hex. */
  readonly ephemeralKey: string;
}

/** A decrypted plaintext's routing decision. */
export interface LayerDecision {
  /** Where this layer goes. */
  readonly route: LayerRoute;
  /**
   * The inner blob: the storage RPC body (final destination) or the next node's ciphertext
   * (relay to node). For relay to server, the inner ciphertext (the exit POSTs `forward`).
   */
  readonly payload: Uint8Array;
  /**
   * What to send on: for relay to node, the next node's request body
   * `[len][payload][{"ephemeral_key","enc_type"}]`; for relay to server, the whole decrypted
   * plaintext (the storage server POSTs it unchanged); absent at the final destination.
   */
  readonly forward?: Uint8Array;
}

/** A fully peeled layer: {@link OpenedLayer} plus its {@link LayerDecision}. */
export interface PeeledLayer extends OpenedLayer, LayerDecision {}

/** Options for {@link wrapReply}. */
export interface WrapReplyOptions {
  /** The RPC's status (carried inside; the HTTP status is 200). */
  readonly status: number;
  /** The RPC's response body: JSON text, plain text, or a value to serialise as JSON. */
  readonly body: unknown;
  /** Embed a JSON body unescaped (`"json": true` in the final destination's layer). */
  readonly json?: boolean;
  /** Base64-encode the ciphertext (default true, as the server does). */
  readonly base64?: boolean;
}

const encoder = new TextEncoder();

/**
 * Opens the `[len][ct][{"ephemeral_key","enc_type"?,"hop_no"?}]` body a node receives and
 * decrypts `ct`. Framing or JSON problems throw `ValidationError` code `bad_layer` (the server
 * answers 400 `Error parsing onion request: …`); a ciphertext that does not decrypt throws
 * `CryptoError` code `decrypt_failed` (400 `Invalid ciphertext`).
 *
 * @example
 * ```ts
 * const opened = openLayer(serverKeyPair, exitNodePost); // at a v4 server
 * const request = decodeV4Request(opened.plaintext);
 * ```
 */
export function openLayer(nodeKeyPair: X25519KeyPair, requestBytes: Uint8Array): OpenedLayer {
  const { blob, json } = parseLayer(requestBytes);
  let clientKey: Uint8Array;
  let encType: EncType;
  try {
    clientKey = keyBytes(json.ephemeral_key, "ephemeral_key");
    encType = parseEncType(json.enc_type);
    if (json.hop_no !== undefined && !Number.isInteger(json.hop_no)) {
      throw new TypeError('"hop_no" must be an integer');
    }
  } catch (cause) {
    throw new ValidationError(
      `Error parsing onion request: ${(cause as Error).message}`,
      "bad_layer",
      (cause as ValidationError).field ?? "hop_no",
      { cause },
    );
  }
  const { plaintext, key } = decryptAtNode(nodeKeyPair, clientKey, encType, blob);
  return {
    plaintext,
    json,
    key,
    encType,
    ephemeralKey: (json.ephemeral_key as string).toLowerCase(),
  };
}

/**
 * Reads a decrypted plaintext as `[len][blob][route JSON]` and classifies the route. Any
 * problem throws `ValidationError` with code `invalid_json` (the server answers an encrypted 400
 * `Invalid json`, so call this after {@link openLayer} when you need the key for that reply).
 *
 * @example
 * ```ts
 * const opened = openLayer(nodeKeyPair, body);
 * const { route, payload } = readRoute(opened.plaintext);
 * ```
 */
export function readRoute(plaintext: Uint8Array): LayerDecision {
  let route: LayerRoute;
  let payload: Uint8Array;
  try {
    const layer = parseLayer(plaintext);
    route = classifyLayer(layer.json);
    payload = layer.blob;
  } catch (cause) {
    const detail = (cause as Error).message.replace(
      /^(Invalid json|Error parsing onion request): /,
      "",
    );
    throw new ValidationError(
      `Invalid json: ${detail}`,
      "invalid_json",
      (cause as ValidationError).field,
      { cause },
    );
  }
  switch (route.type) {
    case "final_destination":
      return { route, payload };
    case "relay_to_server":
      return { route, payload, forward: assertBytes(plaintext).slice() };
    case "relay_to_node":
      return {
        route,
        payload,
        forward: encodeLayer(payload, {
          ephemeral_key: route.ephemeralKey,
          enc_type: route.encType,
        }),
      };
  }
}

/**
 * A node processing one layer: {@link openLayer} then {@link readRoute}. Errors as there.
 *
 * @example
 * ```ts
 * const peeled = peelLayer(guardKeyPair, request.body);
 * if (peeled.route.type === "relay_to_node") await sendTo(peeled.route.destination, peeled.forward);
 * ```
 */
export function peelLayer(nodeKeyPair: X25519KeyPair, requestBytes: Uint8Array): PeeledLayer {
  const opened = openLayer(nodeKeyPair, requestBytes);
  return { ...opened, ...readRoute(opened.plaintext) };
}

/**
 * Encrypts a reply with a layer's key and encryption (a fresh random IV), as the destination
 * does before the reply travels back unchanged through the path.
 *
 * @example
 * ```ts
 * const sealed = encryptReply(peeled.key, peeled.encType, v4ResponseBytes);
 * ```
 */
export function encryptReply(
  key: Uint8Array,
  encType: EncType,
  replyBytes: Uint8Array,
): Uint8Array {
  return encryptHop(assertEncType(encType), key, replyBytes);
}

/**
 * The storage server's `wrap_proxy_response`: `{"status":…,"body":…}` (the body as a JSON
 * string, or embedded when `json` is set and the body is JSON text), encrypted with the layer's
 * key and base64-encoded unless `base64` is false. Send it with HTTP 200.
 *
 * @example
 * ```ts
 * const httpBody = wrapReply(peeled.key, peeled.encType, { status: 200, body: '{"t":1}' });
 * ```
 */
export function wrapReply(
  key: Uint8Array,
  encType: EncType,
  options: WrapReplyOptions,
): Uint8Array {
  const { status, json = false, base64 = true } = options;
  if (!Number.isInteger(status)) throw new TypeError("status must be an integer");
  const text = typeof options.body === "string"
    ? options.body
    : JSON.stringify(options.body ?? null);
  let wrapped: string;
  if (json && isJsonText(text)) wrapped = `{"status":${status},"body":${text}}`;
  else wrapped = JSON.stringify({ status, body: text });
  const sealed = encryptReply(key, encType, encoder.encode(wrapped));
  return base64 ? encoder.encode(toBase64(sealed)) : sealed;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
