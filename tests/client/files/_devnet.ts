/**
 * One devnet per test file for the media tests, a network client with test timeouts, and a
 * spying wrapper around `serverRequest` that records requests and can tamper with replies.
 */
import { png as sharedPng } from "../../png.ts";
import { createNetwork, type Network } from "../../../src/client/network/mod.ts";
import { type Devnet, type DevnetOptions, startDevnet } from "../../../src/devnet/mod.ts";
import type { ServerRequest, ServerTarget, V4Response } from "../../../src/onion/mod.ts";
import type { FileServerNetwork } from "../../../src/client/files/mod.ts";

/** A 10 MB attachment encrypts to 10,000,064 bytes: the devnet file server must take that. */
export const FILE_LIMIT = 10_100_000;

/** Runs `fn` with a devnet (file server limit {@link FILE_LIMIT}) and a client; closes both. */
export async function withDevnet(
  fn: (devnet: Devnet, net: Network) => Promise<void>,
  options: DevnetOptions = {},
): Promise<void> {
  const devnet = await startDevnet({
    nodes: 6,
    swarms: 2,
    timeouts: { peerMs: 300, relayMs: 5000, dropHoldMs: 5000 },
    fileServer: { maxFileSize: FILE_LIMIT },
    ...options,
  });
  const net = createNetwork({
    network: devnet.seedUrl,
    timeoutMs: 20_000,
    guardTimeoutMs: 2000,
    seed: { timeoutMs: 2000, backoffMs: 50 },
  });
  try {
    await fn(devnet, net);
  } finally {
    await net.close();
    await devnet.stop();
  }
}

/** A `serverRequest` spy: every request is recorded; `tamper` may rewrite replies. */
export interface Spy extends FileServerNetwork {
  /** Every request sent, in order. */
  readonly requests: ServerRequest[];
  /** Rewrites a reply (default: none). */
  tamper?: (request: ServerRequest, response: V4Response) => V4Response;
}

/** Wraps `net` in a {@link Spy}. */
export function spy(net: FileServerNetwork): Spy {
  const out: Spy = {
    requests: [],
    async serverRequest(server: ServerTarget, request: ServerRequest) {
      out.requests.push(request);
      const response = await net.serverRequest(server, request);
      return out.tamper ? out.tamper(request, response) : response;
    },
  };
  return out;
}

/** A reply whose body has byte `at` (negative: from the end) flipped. */
export function flipByte(response: V4Response, at: number): V4Response {
  const body = response.body.slice();
  body[at < 0 ? body.length + at : at] ^= 0x01;
  return { ...response, body };
}

/** `length` bytes of a repeating, non-zero pattern (fast to make, not compressible to zero). */
export function pattern(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 255;
  return out;
}

/** A PNG header (signature and IHDR) of `width`×`height`, followed by `extra` filler bytes. */
export function png(width: number, height: number, extra = 2000): Uint8Array {
  return sharedPng(width, height, extra);
}
