/**
 * Bootstrap (core §5.1): ask every seed in parallel for the service node list, take the first
 * good answer, and retry rounds with exponential back-off (desktop: 4 attempts, 1 s, ×2).
 * Pinned seeds are verified against their certificate; a custom seed URL (a devnet's) is
 * self-signed like a service node and reached the same way.
 *
 * @module
 */
import { NetworkError, SessionBotError } from "../../core/errors.ts";
import { type ServiceNode, snodeFetch, type SnodeResponse } from "../../onion/mod.ts";
import { sleep } from "./_sleep.ts";
import { readNodes } from "./nodes.ts";
import { pinnedFetch } from "./pinned_fetch.ts";
import { type SeedNode, seedRpcUrl } from "./seeds.ts";

/** Options for {@link fetchFromSeeds}. */
export interface SeedFetchOptions {
  /** Per request, ms (default 5000, as desktop). */
  readonly timeoutMs?: number;
  /** Rounds over all seeds (default 4). */
  readonly attempts?: number;
  /** First back-off, ms; doubles each round (default 1000). */
  readonly backoffMs?: number;
  /** Aborts everything (e.g. the network was closed). */
  readonly signal?: AbortSignal;
}

/** `get_n_service_nodes` as desktop asks it: every active node, no `limit`. */
const REQUEST = JSON.stringify({
  jsonrpc: "2.0",
  method: "get_n_service_nodes",
  params: {
    active_only: true,
    fields: {
      public_ip: true,
      storage_port: true,
      pubkey_x25519: true,
      pubkey_ed25519: true,
      requested_unlock_height: true,
      height: true,
    },
  },
});
const HEADERS = {
  "user-agent": "WhatsApp",
  "accept-language": "en-us",
  "content-type": "application/json",
};

/**
 * The service node list from the first seed that answers with at least one usable node.
 * Throws `NetworkError` `seed_unreachable` (the last failure as `cause`) when every round
 * failed, or `aborted`.
 *
 * @example
 * ```ts
 * const nodes = await fetchFromSeeds(MAINNET_SEEDS);
 * ```
 */
export async function fetchFromSeeds(
  seeds: readonly SeedNode[],
  options: SeedFetchOptions = {},
): Promise<ServiceNode[]> {
  const attempts = options.attempts ?? 4;
  let last: unknown;
  for (let round = 0; round < attempts; round++) {
    if (round > 0) await sleep((options.backoffMs ?? 1000) * 2 ** (round - 1), options.signal);
    if (options.signal?.aborted) break;
    const controller = new AbortController();
    const stop = () => controller.abort();
    options.signal?.addEventListener("abort", stop, { once: true });
    const asks = seeds.map((seed) =>
      askSeed(seed, options.timeoutMs ?? 5000, controller.signal).then((nodes) => {
        controller.abort(); // first good answer wins: stop the others
        return nodes;
      })
    );
    const settled = await Promise.allSettled(asks);
    options.signal?.removeEventListener("abort", stop);
    const won = settled.find((s) => s.status === "fulfilled");
    if (won?.status === "fulfilled") return won.value;
    last = settled.map((s) => (s as PromiseRejectedResult).reason)
      .find((r) => !(r instanceof NetworkError && r.code === "aborted")) ?? last;
  }
  if (options.signal?.aborted) throw new NetworkError("the seed request was aborted", "aborted");
  const detail = last instanceof Error ? `: ${last.message}` : "";
  throw new NetworkError(
    `no seed answered with the service node list after ${attempts} rounds${detail}; ` +
      "check the network connection (or the --network URL)",
    "seed_unreachable",
    { cause: last },
  );
}

async function askSeed(seed: SeedNode, timeoutMs: number, signal: AbortSignal) {
  const url = seedRpcUrl(seed.url);
  const options = { timeoutMs, signal, headers: HEADERS };
  const res: SnodeResponse = seed.ca === undefined
    ? await snodeFetch(url, REQUEST, options)
    : await pinnedFetch(url, REQUEST, seed, options);
  if (res.status !== 200) throw seedError(url, `HTTP ${res.status}`);
  let nodes: ServiceNode[];
  try {
    nodes = readNodes(JSON.parse(new TextDecoder().decode(res.body))?.result?.service_node_states);
  } catch (cause) {
    throw seedError(url, "the reply is not JSON", cause);
  }
  if (nodes.length === 0) throw seedError(url, "the reply lists no usable service node");
  return nodes;
}

function seedError(url: string, detail: string, cause?: unknown): SessionBotError {
  return new NetworkError(`seed ${url}: ${detail}`, "bad_seed_reply", { cause });
}
