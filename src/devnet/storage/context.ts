/**
 * What every RPC handler of a node can reach: its keys, clock, store, network view and the
 * swarm lookups (`is_pubkey_for_us`, `get_swarm`) built on them.
 *
 * @module
 */
import { concatBytes, toBase64 } from "../../core/mod.ts";
import type { Ed25519Signer } from "../../crypto/ed25519.ts";
import type { NameRegistry } from "./names.ts";
import type { UserPubkey } from "./pubkey.ts";
import type { MessageStore } from "./store.ts";
import { INVALID_SWARM_ID, selectSwarm, swarmSpace } from "./swarm.ts";
import type { NetworkView, NodeInfo } from "./types.ts";

/** The node-wide state handed to every method. */
export interface NodeContext {
  readonly info: NodeInfo;
  readonly signer: Ed25519Signer;
  readonly network: NetworkView;
  readonly store: MessageStore;
  readonly names: NameRegistry;
  /** The node's clock, ms. */
  readonly now: () => number;
  readonly hf: readonly [number, number];
  readonly version: readonly [number, number, number];
  readonly height: number;
  readonly peerTimeout: number;
  /** A fault refusing `method` after validation (devnet store refusal); undefined: none. */
  readonly refuse?: (
    method: string,
  ) => { readonly status: number; readonly text: string } | undefined;
}

/** The swarm that owns a pubkey: its id and members. */
export interface SwarmInfo {
  readonly id: bigint;
  readonly members: NodeInfo[];
}

/** The swarm owning `pubkey`, or `undefined` when the network has no swarm at all. */
export function swarmOf(ctx: NodeContext, pubkey: UserPubkey): SwarmInfo | undefined {
  const id = selectSwarm(ctx.network.swarmIds(), swarmSpace(pubkey.hex));
  if (id === INVALID_SWARM_ID) return undefined;
  return { id, members: ctx.network.members(id) };
}

/** `is_pubkey_for_us`: the owning swarm is this node's swarm. */
export function isPubkeyForUs(ctx: NodeContext, pubkey: UserPubkey): boolean {
  const swarm = swarmOf(ctx, pubkey);
  return swarm !== undefined && swarm.id === ctx.info.swarmId;
}

/** The other members of this node's swarm, which recursive requests are forwarded to. */
export function swarmPeers(ctx: NodeContext): NodeInfo[] {
  if (ctx.info.swarmId === INVALID_SWARM_ID) return [];
  return ctx.network.members(ctx.info.swarmId).filter((n) => n.ed25519 !== ctx.info.ed25519);
}

const utf8 = new TextEncoder();

/**
 * The node's base64 Ed25519 signature over its parts concatenated (numbers in base 10, bytes
 * raw), as every per-node result is signed (`create_signature`).
 */
export function nodeSignature(
  ctx: NodeContext,
  ...parts: (string | number | Uint8Array)[]
): string {
  const bytes = parts.map((part) => part instanceof Uint8Array ? part : utf8.encode(String(part)));
  return toBase64(ctx.signer.sign(concatBytes(...bytes)));
}
