/**
 * Shapes of the devnet's node-side onion processing.
 *
 * @module
 */
import type { X25519KeyPair } from "../../onion/mod.ts";

/** What an onion hop answers: an HTTP status and body (text errors, or the sealed reply). */
export interface OnionAnswer {
  /** HTTP status of the hop's answer (200 whenever the destination was reached). */
  readonly status: number;
  /** The body: plain text for hop errors, bytes or base64 text for sealed replies. */
  readonly body: Uint8Array | string;
  /** Content type, when an exit node passes a server's through. Default `text/plain`. */
  readonly contentType?: string;
}

/** A storage RPC result, as the storage engine returns it. */
export type RpcAnswer =
  | { readonly status: number; readonly body: unknown }
  | { readonly status: number; readonly text: string };

/** What one node's onion processing needs from the node and the network. */
export interface OnionNodeDeps {
  /** The node's X25519 key pair (layers are encrypted to it). */
  readonly keyPair: X25519KeyPair;
  /** Runs a storage RPC body as the final destination (no rate limiter). */
  rpc(body: Uint8Array): Promise<RpcAnswer>;
  /** Hands `forward` to the node `destination` with hop number `hopNo`. */
  relayToNode(destination: string, forward: Uint8Array, hopNo: number): Promise<OnionAnswer>;
  /** POSTs `payload` to `url` (an exit towards an HTTP server). */
  relayToServer(url: string, payload: Uint8Array): Promise<OnionAnswer>;
}

/** The onion request hop limit (`MAX_ONION_HOPS`). */
export const MAX_ONION_HOPS = 15;
