/** Shared helpers for the devnet tests: a devnet per test, HTTPS calls, signed RPC params. */
import { runCli } from "../../src/cli/main.ts";
import { toBase64, utf8 } from "../../src/core/bytes.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { type Devnet, type DevnetOptions, startDevnet } from "../../src/devnet/mod.ts";
import assert from "node:assert/strict";
import {
  buildOnionRequest,
  type EncType,
  type SnodeAgent,
  snodeFetch,
  snodePayload,
} from "../../src/onion/mod.ts";

/** The vector account (storage.json `request_signature`, identity seed 39038c89…). */
export const ACCOUNT = Identity.fromSeed("39038c8988db02c1af44e8c847bd9713");

/** A fixed master secret: the same node keys on every run. */
export const SECRET = new Uint8Array(32).fill(42);

/** Runs `fn` with a fresh devnet (in memory unless `state` is given); always stops it. */
export async function withDevnet(
  options: DevnetOptions,
  fn: (devnet: Devnet) => Promise<void>,
): Promise<void> {
  const devnet = await startDevnet({ secret: SECRET, ...options });
  try {
    await fn(devnet);
  } finally {
    await devnet.stop();
  }
}

/** What one HTTPS call returned. */
export interface Reply {
  status: number;
  text: string;
  bytes: Uint8Array;
  headers: Readonly<Record<string, string>>;
  // deno-lint-ignore no-explicit-any
  json: any;
}

/** POSTs `body` (a string, bytes or a JSON value) over HTTPS (self-signed, loopback). */
export async function post(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; agent?: SnodeAgent; method?: "GET" | "POST" } = {},
): Promise<Reply> {
  const payload = typeof body === "string" || body instanceof Uint8Array
    ? body
    : JSON.stringify(body);
  const res = await snodeFetch(url, payload, { timeoutMs: 20_000, ...options });
  const text = new TextDecoder().decode(res.body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, bytes: res.body, headers: res.headers, json };
}

/** Calls `method` on a node's `/storage_rpc/v1`. */
export function rpc(
  node: { url: string },
  method: string,
  params: Record<string, unknown>,
  agent?: SnodeAgent,
): Promise<Reply> {
  return post(`${node.url}/storage_rpc/v1`, { method, params }, { agent });
}

/** Base64 of the account's signature over `text`. */
export function sign(text: string, who: Identity = ACCOUNT): string {
  return toBase64(who.signer.sign(utf8(text)));
}

/** `ns` as it appears in signed strings: "" for 0. */
export function nsPart(namespace: number): string {
  return namespace === 0 ? "" : String(namespace);
}

/** Params of an authenticated `store`. */
export function storeParams(
  options: { namespace?: number; data?: string; ttl?: number; timestamp?: number; who?: Identity } =
    {},
): Record<string, unknown> {
  const who = options.who ?? ACCOUNT;
  const namespace = options.namespace ?? 0;
  const timestamp = options.timestamp ?? Date.now();
  return {
    pubkey: who.sessionId,
    pubkey_ed25519: who.ed25519PublicKey,
    namespace,
    timestamp,
    ttl: options.ttl ?? 60_000,
    data: options.data ?? toBase64(utf8(`hello ${crypto.randomUUID()}`)),
    signature: sign(`store${nsPart(namespace)}${timestamp}`, who),
  };
}

/** Params of an authenticated `retrieve`. */
export function retrieveParams(
  options: { namespace?: number; timestamp?: number; who?: Identity; lastHash?: string } = {},
): Record<string, unknown> {
  const who = options.who ?? ACCOUNT;
  const namespace = options.namespace ?? 0;
  const timestamp = options.timestamp ?? Date.now();
  return {
    pubkey: who.sessionId,
    pubkey_ed25519: who.ed25519PublicKey,
    namespace,
    timestamp,
    signature: sign(`retrieve${nsPart(namespace)}${timestamp}`, who),
    ...(options.lastHash ? { last_hash: options.lastHash } : {}),
  };
}

/** The nodes of the swarm that owns `pubkey` (asks the devnet itself). */
export async function swarmOf(devnet: Devnet, pubkey: string) {
  const reply = await rpc(devnet.nodes[0], "get_swarm", { pubkey });
  const keys = new Set(reply.json.snodes.map((s: { pubkey_ed25519: string }) => s.pubkey_ed25519));
  return {
    id: reply.json.swarm as string,
    inside: devnet.nodes.filter((n) => keys.has(n.ed25519)),
    outside: devnet.nodes.filter((n) => !keys.has(n.ed25519)),
  };
}

/** Sends `rpc` to `target` through `path` (guard first) and decodes the reply. */
export async function viaOnion(
  path: { ed25519: string; x25519: string; url: string }[],
  target: { ed25519: string; x25519: string },
  rpcBody: unknown,
  encType: EncType = "aes-gcm",
) {
  const request = buildOnionRequest({
    path,
    destination: { kind: "snode", ...target },
    payload: snodePayload(rpcBody),
    encType,
  });
  const res = await post(`${path[0].url}/onion_req/v2`, request.body);
  assert.equal(res.status, 200, res.text);
  return request.decryptSnodeReply(res.bytes);
}

/** `sessionbot devnet fault --seed <devnet> …` run in-process: its exit code and output. */
export function faultCli(devnet: Devnet) {
  return async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["devnet", "fault", "--seed", devnet.seedUrl, ...args], {
      stdin: ReadableStream.from([]),
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      env: {},
    });
    return { code, stdout, stderr };
  };
}
