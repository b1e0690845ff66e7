/**
 * The direct transport: `POST https://ip:port/storage_rpc/v1` with the JSON body (core §4.1).
 * Faster, but the node sees who asks; only used when `transport: "direct"` is chosen.
 *
 * @module
 */
import { nodeUrl, type SnodeFetcher } from "../../onion/mod.ts";
import type { SnodeTransport } from "./types.ts";

const decoder = new TextDecoder();

/**
 * Creates the direct transport over `fetch` (a `SnodeAgent`'s, whose TLS checks are off for
 * these self-signed nodes only).
 *
 * @example
 * ```ts
 * const direct = createDirectTransport({ fetch: agent.fetch.bind(agent), timeoutMs: 10_000 });
 * const reply = await direct.send(node, { method: "info", params: {} }, {});
 * ```
 */
export function createDirectTransport(options: {
  readonly fetch: SnodeFetcher;
  readonly timeoutMs: number;
  readonly maxResponseBytes?: number;
}): SnodeTransport {
  return {
    kind: "direct",
    async send(node, rpc, sendOptions) {
      const res = await options.fetch(
        nodeUrl(node, "/storage_rpc/v1"),
        new TextEncoder().encode(
          JSON.stringify({ jsonrpc: "2.0", method: rpc.method, params: rpc.params }),
        ),
        {
          timeoutMs: sendOptions.timeoutMs ?? options.timeoutMs,
          signal: sendOptions.signal,
          headers: { "content-type": "application/json" },
          maxResponseBytes: options.maxResponseBytes,
        },
      );
      const text = decoder.decode(res.body);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Error statuses come as plain text.
      }
      return { status: res.status, body };
    },
  };
}
