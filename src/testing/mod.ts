/**
 * The testing kit (`sessionbot/testing`): {@link createTestNetwork} starts a local devnet,
 * `createBot` runs your bot on it, `createUser` makes simulated users that send, react and
 * wait for replies. Everything is real: keys, encryption, onion paths, KV inbox and outbox.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "./mod.ts";
 *
 * Deno.test("the bot counts", async () => {
 *   await using net = await createTestNetwork();
 *   await net.createBot((bot) => {
 *     let n = 0;
 *     bot.command("count", (ctx) => ctx.reply(`count: ${++n}`));
 *   });
 *   const alice = await net.createUser("alice");
 *   await alice.send("/count");
 *   console.log((await alice.nextMessage()).body); // "count: 1"
 * });
 * ```
 *
 * @module
 */
export {
  createTestNetwork,
  type TestBotOptions,
  type TestClientOptions,
  type TestNetwork,
  type TestNetworkOptions,
} from "./network.ts";
export {
  createTestUser,
  type Peer,
  peerId,
  type TestUser,
  type TestUserDeps,
  type WaitOptions,
} from "./user.ts";
export { createMailbox, type Mailbox } from "./mailbox.ts";
export { type Truthy, waitFor } from "./wait.ts";
