/**
 * Sending a storage request to a swarm with the client reactions of core §4.9: another member
 * after a failure (bounded), the named swarm after a 421, one clock resync after a 406, no
 * retry for 400/401. Every attempt has a timeout, so a call always ends with a value or a
 * typed error (`SwarmError`, `OnionError`, `NetworkError`).
 *
 * @module
 */
import { NetworkError, OnionError, SessionBotError, SwarmError } from "../../core/errors.ts";
import {
  type Random,
  type RpcBody,
  type ServiceNode,
  type SnodeReply,
  type Strikes,
} from "../../onion/mod.ts";
import { pickOne } from "../../onion/mod.ts";
import type { NetworkClock } from "./clock.ts";
import {
  clockError,
  closed,
  deadlineError,
  exhausted,
  statusError,
  withNode,
  wrongSwarmLoop,
} from "./errors.ts";
import { readSwarmNodes } from "./replies.ts";
import type { SwarmCache } from "./swarms.ts";
import type { SnodeTransport, StorageRequest } from "./types.ts";

/** What the sender works with. */
export interface SenderDeps {
  readonly transport: SnodeTransport;
  readonly swarms: SwarmCache;
  readonly clock: NetworkClock;
  readonly strikes: Strikes;
  readonly random: Random;
  /** Aborted when the network closes. */
  readonly closing: AbortSignal;
  /** Whole-call budget of `send`, ms: retries and path building included. */
  readonly deadlineMs: number;
  /** Told about work that may outlive a call cut off by its deadline (to await on close). */
  readonly onWork?: (work: Promise<unknown>) => void;
}

/** Per-call options of `send`. */
export interface SendOptions {
  /** Failed attempts (each on another member when possible) before giving up (default 3). */
  readonly attempts?: number;
  /** Try this member (Ed25519 hex) first, e.g. the node a retrieve cursor came from. */
  readonly node?: string;
  /** Per-attempt timeout, ms (default: the network's). */
  readonly timeoutMs?: number;
  /** Whole-call budget, ms (default: the network's `deadlineMs`). */
  readonly deadlineMs?: number;
}

/** A 421 may move the request at most this often (then it is a wrong-swarm loop). */
const MAX_MOVES = 3;

/** Creates `send` (to a swarm, with retries) and `call` (one attempt to one node). */
export function createSender(deps: SenderDeps) {
  const { transport, swarms, clock, strikes } = deps;

  /** One attempt to `node`; observes the reply's clock. Transport failures reject. */
  async function call(
    node: ServiceNode,
    rpc: RpcBody,
    options: { timeoutMs?: number; avoid?: ReadonlySet<string>; signal?: AbortSignal } = {},
  ): Promise<SnodeReply> {
    if (deps.closing.aborted) throw closed();
    try {
      const reply = await transport.send(node, rpc, {
        ...options,
        signal: options.signal ?? deps.closing,
      });
      clock.observe(reply.body, node.ed25519);
      return reply;
    } catch (error) {
      if (deps.closing.aborted) throw closed(error);
      throw error;
    }
  }

  async function member(pubkey: string, tried: Set<string>, prefer?: string) {
    const swarm = await swarms.get(pubkey);
    const fresh = swarm.filter((n) => !tried.has(n.ed25519));
    const preferred = fresh.find((n) => n.ed25519 === prefer);
    const node = preferred ?? pickOne(fresh.length > 0 ? fresh : swarm, deps.random);
    if (node) return node;
    throw new SwarmError(
      `no reachable member is left in the swarm of ${pubkey.slice(0, 10)}…: retry later`,
      503,
      { code: "swarm_unavailable", retryable: true },
    );
  }

  async function resync(
    node: ServiceNode,
    signal: AbortSignal,
    timeoutMs?: number,
    cause?: unknown,
  ) {
    try {
      const reply = await call(node, { method: "info", params: {} }, { timeoutMs, signal });
      if (reply.status === 200) return;
    } catch (error) {
      if (signal.aborted) throw error;
    }
    throw clockError(node, cause);
  }

  /** `attempt` under a deadline that aborts its requests and path building when it fires. */
  async function send<T>(
    request: StorageRequest<T>,
    options: SendOptions = {},
  ): Promise<{ value: T; node: ServiceNode }> {
    const deadlineMs = options.deadlineMs ?? deps.deadlineMs;
    const deadline = new AbortController();
    const stop = () => deadline.abort();
    const timer = setTimeout(stop, deadlineMs);
    deps.closing.addEventListener("abort", stop, { once: true });
    const state: { last?: SessionBotError } = {};
    // The signal stops our own requests; the race also ends a call whose transport ignores it.
    const expired = new Promise<never>((_, reject) => {
      deadline.signal.addEventListener("abort", () => reject(deadline.signal.reason), {
        once: true,
      });
    });
    const work = attempt(request, options, deadline.signal, state);
    expired.catch(() => {});
    work.catch(() => {});
    deps.onWork?.(work);
    try {
      return await Promise.race([work, expired]);
    } catch (error) {
      if (deps.closing.aborted) throw closed(error);
      if (deadline.signal.aborted) throw deadlineError(request.method, deadlineMs, state.last);
      throw error;
    } finally {
      clearTimeout(timer);
      deps.closing.removeEventListener("abort", stop);
    }
  }

  async function attempt<T>(
    request: StorageRequest<T>,
    options: SendOptions,
    signal: AbortSignal,
    state: { last?: SessionBotError },
  ): Promise<{ value: T; node: ServiceNode }> {
    const attempts = options.attempts ?? 3;
    const tried = new Set<string>();
    // Members that timed out or sent unreadable replies: keep them off this request's paths.
    const suspects = new Set<string>();
    // Two budgets: failures of members, and failures of paths that say nothing about the member.
    const failures = { node: 0, path: 0 };
    let moves = 0;
    let resynced = false;
    let again: ServiceNode | undefined;
    const fail = (kind: "node" | "path", error: SessionBotError) => {
      state.last = error;
      if (++failures[kind] >= attempts) {
        throw exhausted(request.method, failures.node + failures.path, error);
      }
    };

    for (;;) {
      const node = again ?? await member(request.pubkey, tried, options.node);
      again = undefined;
      tried.add(node.ed25519);
      const rpc = { method: request.method, params: request.params(clock.now(node.ed25519)) };
      let reply: SnodeReply;
      try {
        reply = await call(node, rpc, { timeoutMs: options.timeoutMs, avoid: suspects, signal });
      } catch (error) {
        if (signal.aborted || !(error instanceof OnionError || error instanceof NetworkError)) {
          throw error;
        }
        if (error.code === "clock_out_of_sync") {
          reply = { status: 406, body: error.message };
        } else if (error.code === "wrong_swarm") {
          reply = { status: 421, body: undefined };
        } else {
          const blame = blameOf(error);
          // A timeout or an unreadable reply may be the member's fault too: strike it as well.
          if (blame !== "path-only") strikes.strike(node.ed25519, error.message);
          if (blame === "either") suspects.add(node.ed25519);
          fail(blame === "node" ? "node" : "path", error);
          // A known relay failed: the member is innocent, try it again through another path.
          if (blame === "path-only") again = node;
          continue;
        }
      }
      const decided = reply.status === 200 ? request.outcome?.(reply.body) ?? reply : reply;
      const status = decided.status;
      if (status >= 200 && status < 300) {
        try {
          return { value: request.read(reply.body), node };
        } catch (error) {
          if (!(error instanceof SwarmError)) throw error;
          strikes.strike(node.ed25519, error.message);
          fail("node", withNode(error, node));
          continue;
        }
      }
      if (status === 421) {
        strikes.strike(node.ed25519, "wrong swarm");
        if (++moves > MAX_MOVES) throw wrongSwarmLoop(request.pubkey, node, moves);
        let named: ServiceNode[] | undefined;
        try {
          named = readSwarmNodes(decided.body);
        } catch {
          named = undefined;
        }
        if (named) swarms.replace(request.pubkey, named);
        else swarms.removeMember(request.pubkey, node.ed25519);
        continue;
      }
      if (status === 406 || status === 425) {
        if (resynced) throw clockError(node, decided.body);
        resynced = true;
        await resync(node, signal, options.timeoutMs, decided.body);
        again = node; // same node, re-signed with its clock
        continue;
      }
      const error = statusError(node, status, decided.body);
      if (!error.retryable) throw error;
      strikes.strike(node.ed25519, `HTTP ${status}`);
      fail("node", error);
    }
  }

  return { send, call };
}

/**
 * Who a transport failure points at: the member (direct failures, errors naming the
 * destination), a known path node only, or nobody in particular (timeouts, unreadable replies).
 */
function blameOf(error: OnionError | NetworkError): "node" | "path-only" | "either" {
  if (error instanceof NetworkError || error.code.startsWith("destination_")) return "node";
  return error.hop === undefined ? "either" : "path-only";
}
