/**
 * sessionbot: bots and automation on the Session messenger.
 *
 * The API comes in tiers:
 * 1. **Common**: {@link Identity}, the 1:1 codec ({@link encodeDirectMessage},
 *    {@link decodeDirectMessage}) and the error classes.
 * 2. **Convenience**: the encrypted keyring ({@link createKeyring}, {@link openKv}).
 * 3. **Advanced**: crypto primitives, blinding, protobuf codecs, and {@link startDevnet}, a
 *    local Session network for tests (subpaths `sessionbot/devnet`, `sessionbot/onion`).
 *
 * @example
 * ```ts
 * import { decodeDirectMessage, encodeDirectMessage, Identity } from "./mod.ts";
 *
 * const alice = Identity.generate();
 * const bob = Identity.generate();
 * const wire = encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body: "hello" } });
 * const message = decodeDirectMessage(bob, wire.data);
 * console.log(message.sender === alice.sessionId, message.content.dataMessage?.body);
 * ```
 *
 * @module
 */

// 1. Common
export { Identity, type PublicIdentity } from "./src/crypto/mod.ts";
export {
  decodeDirectMessage,
  type DecodedMessage,
  encodeDirectMessage,
  type EncodedMessage,
  type EncodeOptions,
} from "./src/client/mod.ts";
export {
  CryptoError,
  NetworkError,
  OnionError,
  SessionBotError,
  SwarmError,
  ValidationError,
} from "./src/core/mod.ts";

// 2. Convenience
export {
  createKeyring,
  defaultKvPath,
  type IdentityInfo,
  type Keyring,
  type KeyringOptions,
  type LoadOptions,
  openKv,
  type SaveOptions,
  type ScryptParams,
} from "./src/client/mod.ts";

// 3. Advanced
export * from "./src/crypto/mod.ts";
export * from "./src/proto/mod.ts";
export {
  type Devnet,
  type DevnetDescription,
  type DevnetNodeHandle,
  type DevnetNodeInfo,
  type DevnetOptions,
  type FaultController,
  type FileServerInfo,
  type NameRegistry,
  type NodeFaultHandle,
  type NodeFaults,
  type OnsRecord,
  type RateLimitOptions,
  startDevnet,
} from "./src/devnet/mod.ts";
