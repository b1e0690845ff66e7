/**
 * How a node decides what to do with a decrypted layer, following the storage server's
 * `process_inner_request`: `"headers"` present → final destination; else `"host"` present →
 * relay to an HTTP(S) server; else relay to the node named by `"destination"`.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { keyHex } from "./_keys.ts";
import { type EncType, parseEncType } from "./enc_type.ts";
import { isPlainObject } from "./layer.ts";

/** This node is the final destination: the blob is a storage RPC body. */
export interface FinalDestinationRoute {
  /** Discriminant. */
  readonly type: "final_destination";
  /** `"json": true` embeds a JSON result unescaped in the reply (default false). */
  readonly json: boolean;
  /** `"base64": false` returns the encrypted reply as raw bytes (default true). */
  readonly base64: boolean;
}

/** This node is the exit: POST the whole decrypted layer to an HTTP(S) server. */
export interface RelayToServerRoute {
  /** Discriminant. */
  readonly type: "relay_to_server";
  /** Host name or IP of the server. */
  readonly host: string;
  /** URL path; see {@link isRelayTargetAllowed}. */
  readonly target: string;
  /** `"https"` (default) or `"http"`. */
  readonly protocol: "http" | "https";
  /** TCP port (default 443). */
  readonly port: number;
  /** The `method` the client wrote, if any (the server always POSTs). */
  readonly method?: string;
  /** Lowercase hex ephemeral key for the server, if given (the server reads it, not the node). */
  readonly ephemeralKey?: string;
  /** Encryption for the server's layer (default `aes-gcm`). */
  readonly encType: EncType;
}

/** Forward the blob to another service node. */
export interface RelayToNodeRoute {
  /** Discriminant. */
  readonly type: "relay_to_node";
  /** Lowercase hex Ed25519 key of the next node. */
  readonly destination: string;
  /** Lowercase hex X25519 ephemeral key for the next node. */
  readonly ephemeralKey: string;
  /** Encryption of the next layer (default `aes-gcm`). */
  readonly encType: EncType;
}

/** The decision a node makes for a decrypted layer. */
export type LayerRoute = FinalDestinationRoute | RelayToServerRoute | RelayToNodeRoute;

/**
 * Classifies a decrypted layer's JSON. Field types are checked (`json`/`base64` booleans,
 * `host`/`target`/`protocol` strings, `port` an integer 1..65535, keys 64 hex characters,
 * `enc_type` per `parseEncType`); a bad one throws `ValidationError` with code `bad_route` and
 * `field` naming the key. Unknown keys are ignored, as the server does.
 *
 * @example
 * ```ts
 * const route = classifyLayer({ host: "example.org", target: "/oxen/v4/lsrpc" });
 * route.type; // "relay_to_server" (port 443, protocol "https")
 * ```
 */
export function classifyLayer(json: Readonly<Record<string, unknown>>): LayerRoute {
  if (!isPlainObject(json)) throw bad("the layer JSON must be an object", "json");
  if ("headers" in json) {
    return {
      type: "final_destination",
      json: optionalBoolean(json, "json", false),
      base64: optionalBoolean(json, "base64", true),
    };
  }
  if ("host" in json) {
    const host = requiredString(json, "host");
    const target = requiredString(json, "target");
    const protocol = json.protocol ?? "https";
    if (protocol !== "http" && protocol !== "https") {
      throw bad(`"protocol" must be "http" or "https"`, "protocol");
    }
    const port = json.port ?? 443;
    if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
      throw bad(`"port" must be an integer from 1 to 65535`, "port");
    }
    const route: RelayToServerRoute = {
      type: "relay_to_server",
      host,
      target,
      protocol,
      port: port as number,
      encType: encTypeOf(json),
      ...(json.method === undefined ? {} : { method: requiredString(json, "method") }),
      ...(json.ephemeral_key === undefined ? {} : { ephemeralKey: hexKey(json, "ephemeral_key") }),
    };
    return route;
  }
  if (!("destination" in json)) {
    throw bad(`no "headers", "host" or "destination": nowhere to send this layer`, "destination");
  }
  return {
    type: "relay_to_node",
    destination: hexKey(json, "destination"),
    ephemeralKey: hexKey(json, "ephemeral_key"),
    encType: encTypeOf(json),
  };
}

/**
 * Whether a node forwards to this server `target`: it must start with `/loki/` or `/oxen/`,
 * end with `/lsrpc` and contain no `?` (the server otherwise answers an encrypted 400
 * "Invalid url"). Non-strings are not allowed.
 *
 * @example
 * ```ts
 * isRelayTargetAllowed("/oxen/v4/lsrpc"); // true
 * isRelayTargetAllowed("/loki/v3/lsrpc?foo=bar"); // false
 * ```
 */
export function isRelayTargetAllowed(target: unknown): boolean {
  return typeof target === "string" &&
    (target.startsWith("/loki/") || target.startsWith("/oxen/")) &&
    target.endsWith("/lsrpc") && !target.includes("?");
}

function requiredString(json: Readonly<Record<string, unknown>>, field: string): string {
  const value = json[field];
  if (typeof value !== "string" || value.length === 0) {
    throw bad(`"${field}" must be a non-empty string`, field);
  }
  return value;
}

function optionalBoolean(
  json: Readonly<Record<string, unknown>>,
  field: string,
  fallback: boolean,
): boolean {
  const value = json[field];
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw bad(`"${field}" must be true or false`, field);
  return value;
}

function hexKey(json: Readonly<Record<string, unknown>>, field: string): string {
  try {
    return keyHex(json[field], field);
  } catch {
    throw bad(`"${field}" must be 64 hex characters`, field);
  }
}

function encTypeOf(json: Readonly<Record<string, unknown>>): EncType {
  try {
    return parseEncType(json.enc_type);
  } catch (cause) {
    throw bad((cause as Error).message, "enc_type");
  }
}

function bad(detail: string, field: string): ValidationError {
  return new ValidationError(`Invalid json: ${detail}`, "bad_route", field);
}
