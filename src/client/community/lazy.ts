/**
 * The `client.communities` stand-in: a few closures, so a 1:1-only client never loads (or
 * polls) anything community-related. The real implementation is imported on first use, or by
 * `start()` when rooms joined in an earlier run are stored.
 *
 * @module
 */
import type { DeadLetterRef } from "../session/dead_letter_lookup.ts";
import type { Runtime } from "../session/runtime.ts";
import type { CommunitiesRuntime } from "./communities.ts";
import { communityKeys } from "./keys.ts";
import type { Communities, Community } from "./types.ts";

/** `Communities` plus the lifecycle the client drives. */
export interface LazyCommunities extends Communities {
  /** Resumes stored rooms (loads the implementation only if there are any). */
  start(): Promise<void>;
  /** Stops what runs. */
  stop(): Promise<void>;
  /** Resolves when the community inbox is drained (at once when nothing was loaded). */
  idle(): Promise<void>;
  /** Polls the joined rooms now (nothing when none was loaded). */
  poll(): Promise<void>;
  /** Runs `job` under the community intake lock (loads the implementation if needed). */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Puts a community dead letter back into the community inbox (loads the implementation). */
  redeliver(ref: DeadLetterRef): Promise<void>;
}

/**
 * Creates the stand-in for the client runtime `rt`.
 *
 * @example
 * ```ts
 * const communities = lazyCommunities(rt); // nothing loaded yet
 * await communities.start(); // loads and resumes only if rooms are stored
 * ```
 */
export function lazyCommunities(rt: Runtime): LazyCommunities {
  let loading: Promise<CommunitiesRuntime> | undefined;
  let loaded: CommunitiesRuntime | undefined;
  let started = false;

  function load(): Promise<CommunitiesRuntime> {
    return loading ??= import("./communities.ts").then(async ({ createCommunities }) => {
      loaded = createCommunities(rt);
      if (started) await loaded.start();
      return loaded;
    });
  }

  async function hasRooms(): Promise<boolean> {
    for await (const _ of rt.kv.list({ prefix: communityKeys.room(rt.sid) }, { limit: 1 })) {
      return true;
    }
    return false;
  }

  return {
    join: async (link, options) => (await load()).join(link, options),
    leave: async (link) => (await load()).leave(link),
    list: async () => (await load()).list(),
    get: (link): Community | undefined => loaded?.get(link),
    capabilities: async (server, publicKey, options) =>
      (await load()).capabilities(server, publicKey, options),
    rooms: async (server, publicKey, options) => (await load()).rooms(server, publicKey, options),
    async start() {
      started = true;
      if (loaded) return await loaded.start();
      if (loading || await hasRooms()) await load();
    },
    async stop() {
      started = false;
      if (loading) await (await loading).stop();
    },
    async idle() {
      if (loading) await (await loading).idle();
    },
    async poll() {
      if (loading) await (await loading).poll();
    },
    run: async (job) => (await load()).run(job),
    redeliver: async (ref) => (await load()).redeliver(ref),
  };
}
