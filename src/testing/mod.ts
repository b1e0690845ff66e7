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
// Types the signatures above refer to (full APIs: `sessionbot/bot`, `sessionbot/devnet`,
// `sessionbot` for the client), so this entry point documents completely on its own.
export type * from "../bot/types.ts";
export type {
  CommunityAdmin,
  CommunityDescription,
  CommunityLimits,
  CommunityServerInfo,
  Devnet,
  DevnetCommunity,
  DevnetDescription,
  DevnetNodeHandle,
  DevnetNodeInfo,
  DevnetOptions,
  FaultController,
  FileServerInfo,
  NameRegistry,
  NodeFaultHandle,
  NodeFaults,
  OnsRecord,
  PermissionFlags,
  RateLimitOptions,
  StoreRefusal,
} from "../devnet/mod.ts";
export type {
  ClientStats,
  Communities,
  Contact,
  DeadLetter,
  Handler,
  OwnProfile,
  ProfileInput,
  RoomRef,
  ServerOptions,
  SessionClient,
  SessionEvent,
  SessionEventType,
  TimerSetting,
} from "../client/session/mod.ts";
