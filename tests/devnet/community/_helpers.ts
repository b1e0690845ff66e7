/** A community server on 127.0.0.1 with a movable clock, and users that sign their requests. */
import { ed25519 } from "@noble/curves/ed25519.js";
import { toBase64, toHex, utf8 } from "../../../src/core/bytes.ts";
import {
  blind15KeyPair,
  blind15Sign,
  blind25KeyPair,
  blind25Sign,
} from "../../../src/crypto/blinding.ts";
import { padMessage } from "../../../src/crypto/padding.ts";
import { sogsRequestHeaders, sogsSignatureMessage } from "../../../src/crypto/sogs_auth.ts";
import { Identity } from "../../../src/crypto/identity.ts";
import {
  type CommunityLimits,
  type CommunityServer,
  createCommunityServer,
} from "../../../src/devnet/community/mod.ts";
import { keysFromSeed } from "../../../src/devnet/keys.ts";

/** The server's fixed key seed. */
export const SERVER_SEED = new Uint8Array(32).fill(9);

/** What one request returned. */
export interface Answer {
  status: number;
  // deno-lint-ignore no-explicit-any
  json: any;
  text: string;
  bytes: Uint8Array;
  headers: Headers;
}

/** A test server and its clock (ms). */
export interface TestServer {
  server: CommunityServer;
  url: string;
  publicKey: string;
  clock: { now: number };
  kv: Deno.Kv;
}

/** Runs `fn` with a fresh server (room "lobby"); always stops it. */
export async function withCommunity(
  fn: (t: TestServer) => Promise<void>,
  limits: Partial<CommunityLimits> = {},
  kvPath = ":memory:",
): Promise<void> {
  const kv = await Deno.openKv(kvPath);
  const clock = { now: 1_800_000_000_000 };
  const server = await createCommunityServer({
    kv,
    keys: keysFromSeed(SERVER_SEED),
    port: 0,
    now: () => clock.now,
    ...limits,
  });
  await server.admin.createRoom("lobby", "Lobby");
  await server.listener.start();
  try {
    await fn({ server, url: server.info().url, publicKey: server.info().publicKey, clock, kv });
  } finally {
    await server.listener.stop();
    kv.close();
  }
}

/** How a user signs: blind15 (default), blind25, or unblinded (00). */
export type SignAs = "15" | "25" | "00";

/** A user that talks to the server over plain HTTP. */
export interface TestUser {
  readonly identity: Identity;
  /** The id the server shows for this user. */
  readonly id: string;
  /** A signed request; `path` is sent as given (percent-encode on the wire yourself). */
  request(
    method: string,
    path: string,
    body?: unknown,
    options?: { headers?: Record<string, string>; signPath?: string; raw?: Uint8Array },
  ): Promise<Answer>;
  /** Posts `text` as a padded, signed message. */
  post(room: string, text: string, extra?: Record<string, unknown>): Promise<Answer>;
  /** The `{data, signature}` of `text`. */
  signed(text: string): { data: string; signature: string };
}

/** A user with identity seed `seedByte` (repeated), signing as `as`. */
export function user(t: TestServer, seedByte: number, as: SignAs = "15"): TestUser {
  const identity = Identity.fromSeed(toHex(new Uint8Array(16).fill(seedByte)));
  const seed = new Uint8Array(32);
  seed.set(new Uint8Array(16).fill(seedByte));
  const id = as === "15"
    ? blind15KeyPair(seed, t.publicKey).id
    : as === "25"
    ? blind25KeyPair(seed, t.publicKey).id
    : identity.sessionId;

  function signed(text: string) {
    const data = padMessage(utf8(text));
    const signature = as === "25"
      ? blind25Sign(seed, t.publicKey, data)
      : as === "00"
      ? xedSign(seed, data)
      : blind15Sign(seed, t.publicKey, data, { nonce: "sogs" });
    return { data: toBase64(data), signature: toBase64(signature) };
  }

  return {
    identity,
    id,
    signed,
    async request(method, path, body, options = {}) {
      const bytes = options.raw ??
        (body === undefined ? undefined : utf8(JSON.stringify(body)));
      const signPath = options.signPath ?? decodeURIComponent(path);
      const auth = as === "25"
        ? blind25Headers(seed, t.publicKey, method, signPath, bytes)
        : sogsRequestHeaders({
          ed25519Seed: seed,
          serverPubkey: t.publicKey,
          method,
          path: signPath,
          body: bytes,
          blinded: as === "15",
          timestamp: Math.floor(t.clock.now / 1000),
        });
      return await send(t.url + path, method, bytes, {
        ...(bytes ? { "content-type": "application/json" } : {}),
        ...auth,
        ...options.headers,
      });
    },
    post(room, text, extra = {}) {
      return this.request("POST", `/room/${room}/message`, { ...signed(text), ...extra });
    },
  };

  function blind25Headers(
    seed: Uint8Array,
    server: string,
    method: string,
    path: string,
    body?: Uint8Array,
  ) {
    const nonce = crypto.getRandomValues(new Uint8Array(16));
    const timestamp = Math.floor(t.clock.now / 1000);
    const message = sogsSignatureMessage({
      serverPubkey: server,
      nonce,
      timestamp,
      method,
      path,
      body,
    });
    return {
      "X-SOGS-Pubkey": blind25KeyPair(seed, server).id,
      "X-SOGS-Timestamp": String(timestamp),
      "X-SOGS-Nonce": toBase64(nonce),
      "X-SOGS-Signature": toBase64(blind25Sign(seed, server, message)),
    };
  }
}

/** XEd25519-style as Session apps post unblinded: Ed25519, the key's sign bit in S's top bit. */
function xedSign(seed: Uint8Array, data: Uint8Array): Uint8Array {
  const signature = ed25519.sign(data, seed);
  signature[63] |= ed25519.getPublicKey(seed)[31] & 0x80;
  return signature;
}

/** A plain HTTP request; reads the whole answer. */
export async function send(
  url: string,
  method = "GET",
  body?: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, { method, body: body?.slice(), headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, bytes, headers: res.headers };
}

/** The post text inside a message's base64 `data` (padding removed). */
export function textOf(data: string): string {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return new TextDecoder().decode(bytes.subarray(0, end - 1));
}
