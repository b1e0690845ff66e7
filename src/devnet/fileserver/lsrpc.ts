/**
 * The file server's onion endpoint (`POST /oxen/v4/lsrpc`): the exit node POSTs the whole
 * decrypted layer; the server opens it with its own X25519 key, runs the bencoded v4 request as
 * a sub-request and returns the v4 response encrypted with the same key, as raw bytes.
 *
 * @module
 */
import {
  decodeV4Request,
  encodeV4Response,
  encryptReply,
  type OpenedLayer,
  openLayer,
  type V4Request,
  type X25519KeyPair,
} from "../../onion/mod.ts";
import { textResponse } from "../http.ts";

/** Paths the v4 endpoint answers on. */
export const LSRPC_PATHS: readonly string[] = ["/oxen/v4/lsrpc", "/loki/v4/lsrpc"];

/** Creates the v4 endpoint over `routes` (the file server's own HTTP API). */
export function createLsrpc(
  keyPair: X25519KeyPair,
  routes: (request: Request) => Promise<Response>,
): (body: Uint8Array) => Promise<Response> {
  return async function lsrpc(body: Uint8Array): Promise<Response> {
    let opened: OpenedLayer;
    try {
      opened = openLayer(keyPair, body);
    } catch {
      return textResponse(400, "Bad Request");
    }
    const reply = await answer(opened.plaintext, routes);
    return new Response(encryptReply(opened.key, opened.encType, reply).slice(), {
      headers: { "content-type": "application/octet-stream" },
    });
  };
}

async function answer(
  plaintext: Uint8Array,
  routes: (request: Request) => Promise<Response>,
): Promise<Uint8Array> {
  let request: V4Request;
  try {
    request = decodeV4Request(plaintext);
  } catch {
    return encodeV4Response(
      { code: 400, headers: { "content-type": "text/plain; charset=utf-8" } },
      "Invalid v4 onion request",
    );
  }
  const { method, endpoint, headers = {} } = request.meta;
  const response = await routes(
    new Request(`http://fileserver${endpoint}`, {
      method,
      headers,
      body: request.body && method !== "GET" ? request.body.slice() : undefined,
    }),
  );
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "content-length") out[name] = value;
  });
  return encodeV4Response(
    { code: response.status, headers: out },
    new Uint8Array(await response.arrayBuffer()),
  );
}
