/**
 * `createTestNetwork`: a devnet with simulated users and bots, for tests of about ten lines.
 *
 * @module
 */
import { Bot, type BotCreateOptions, type Context } from "../bot/mod.ts";
import type { FileServerTarget } from "../client/files/mod.ts";
import { createNetwork, type Network, type NetworkOptions } from "../client/network/mod.ts";
import type { RetryPolicy } from "../client/session/mod.ts";
import { Identity } from "../crypto/mod.ts";
import { type Devnet, type DevnetOptions, startDevnet } from "../devnet/mod.ts";
import { createTestUser, type TestUser } from "./user.ts";

/** Options of {@link createTestNetwork}. */
export interface TestNetworkOptions {
  /** Service nodes (default 6; onion paths need at least 4). */
  readonly nodes?: number;
  /** Swarms (default 2). */
  readonly swarms?: number;
  /** How requests travel: through 3-hop onion paths (default, as in production) or direct. */
  readonly transport?: "onion" | "direct";
  /** Default wait of `nextMessage` and friends, ms (default 10 000). */
  readonly timeoutMs?: number;
  /** Poll interval of every client, ms (default 50 after activity, up to 200). */
  readonly pollInterval?: { readonly min?: number; readonly max?: number };
  /** More devnet options (ports, state directory, rate limits…). */
  readonly devnet?: Omit<DevnetOptions, "nodes" | "swarms">;
}

/** Client options for this devnet: fast polls and retries, its seed and file server. */
export interface TestClientOptions {
  /** The devnet's seed URL. */
  readonly network: string;
  /** The devnet's file server. */
  readonly fileServer: FileServerTarget;
  /** Fast polls, ms. */
  readonly pollInterval: { readonly min?: number; readonly max?: number };
  /** Quick handler retries. */
  readonly retry: RetryPolicy;
  /** Quick send retries. */
  readonly sendRetry: RetryPolicy;
  /** Short network timeouts. */
  readonly networkOptions: NetworkOptions;
}

/** Options of {@link TestNetwork.createBot}: `Bot.create`'s, all optional. */
export type TestBotOptions<C extends Context = Context> = Partial<BotCreateOptions<C>> & {
  /** Start the bot (default true). */
  readonly start?: boolean;
};

/** A devnet with helpers; `await using` stops everything it made. */
export interface TestNetwork extends AsyncDisposable {
  /** The devnet (faults, nodes, file server). */
  readonly devnet: Devnet;
  /** Its seed URL: `network` for clients in other processes. */
  readonly seedUrl: string;
  /** The network client users and bots share. */
  readonly network: Network;
  /** Options to open clients or bots on this devnet yourself (`Bot.create`, `serve`). */
  clientOptions(): TestClientOptions;
  /** A started simulated user (display name `name`); `send(text)` goes to the last bot made. */
  createUser(name?: string): Promise<TestUser>;
  /** A bot on a fresh identity and in-memory KV, set up by `setup` and started. */
  createBot<C extends Context = Context>(
    setup?: (bot: Bot<C>) => unknown,
    options?: TestBotOptions<C>,
  ): Promise<Bot<C>>;
  /** Stops users and bots, closes their stores, stops the devnet. */
  close(): Promise<void>;
}

/**
 * Starts a small devnet (6 nodes in 2 swarms, HTTPS, onion routing, a file server) for a test.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "./mod.ts";
 *
 * Deno.test("echo", async () => {
 *   await using net = await createTestNetwork();
 *   await net.createBot((bot) => bot.on("message:text", (ctx) => ctx.reply(ctx.text)));
 *   const alice = await net.createUser("alice");
 *   await alice.send("hello");
 *   const reply = await alice.nextMessage();
 *   if (reply.body !== "hello") throw new Error(`got ${reply.body}`);
 * });
 * ```
 */
export async function createTestNetwork(options: TestNetworkOptions = {}): Promise<TestNetwork> {
  const devnet = await startDevnet({
    rateLimit: { burst: 1e9, perSecond: 1e9 },
    ...options.devnet,
    nodes: options.nodes ?? 6,
    swarms: options.swarms ?? 2,
  });
  const networkOptions: NetworkOptions = {
    transport: options.transport ?? "onion",
    timeoutMs: 5000,
    guardTimeoutMs: 2000,
    seed: { timeoutMs: 3000, backoffMs: 50 },
  };
  const network = createNetwork({ ...networkOptions, network: devnet.seedUrl });
  const shared = {
    fileServer: { url: devnet.fileServer.url, x25519: devnet.fileServer.x25519 },
    pollInterval: { min: 50, max: 200, ...options.pollInterval },
    retry: { attempts: 3, backoffMs: [20, 50] },
    sendRetry: { attempts: 4, backoffMs: [50, 100, 200] },
  };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const users: TestUser[] = [];
  const bots: Bot<never>[] = [];
  const kvs: Deno.Kv[] = [];
  let closing: Promise<void> | undefined;

  async function createBot<C extends Context>(
    setup?: (bot: Bot<C>) => unknown,
    botOptions: TestBotOptions<C> = {},
  ): Promise<Bot<C>> {
    const { start = true, ...rest } = botOptions;
    let kv = rest.kv;
    if (kv === undefined) kvs.push(kv = await Deno.openKv(":memory:"));
    const identity = rest.identityName ? undefined : rest.identity ?? Identity.generate();
    const bot = await Bot.create<C>({ ...shared, network, ...rest, kv, identity });
    bots.push(bot as unknown as Bot<never>);
    await setup?.(bot);
    if (start) await bot.start();
    return bot;
  }

  async function createUser(name = `user${users.length + 1}`): Promise<TestUser> {
    const user = await createTestUser({
      name,
      identity: Identity.generate(),
      options: { ...shared, network },
      defaultPeer: () => bots.at(-1)?.me,
      timeoutMs,
    });
    users.push(user);
    return user;
  }

  const close = () =>
    closing ??= (async () => {
      await Promise.allSettled([...users.map((u) => u.close()), ...bots.map((b) => b.stop())]);
      kvs.forEach((kv) => kv.close());
      await network.close();
      await devnet.stop();
    })();

  return {
    devnet,
    seedUrl: devnet.seedUrl,
    network,
    clientOptions: () => ({ ...shared, network: devnet.seedUrl, networkOptions }),
    createUser,
    createBot,
    close,
    [Symbol.asyncDispose]: close,
  };
}
