/**
 * A simulated onion path for tests: real X25519 keys and Ed25519 names, each node peeling its
 * layer with `peelLayer` exactly as a storage server would.
 */
import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { randomBytes, toHex } from "../../src/core/bytes.ts";
import { generateX25519KeyPair, type X25519KeyPair } from "../../src/crypto/x25519.ts";
import {
  decodeV4Request,
  encodeV4Response,
  encryptReply,
  isRelayTargetAllowed,
  type OnionHop,
  openLayer,
  type PeeledLayer,
  peelLayer,
  type V4Request,
  wrapReply,
} from "../../src/onion/mod.ts";

/** A simulated service node (or server): its key pair and public names. */
export interface SimNode {
  readonly keys: X25519KeyPair;
  readonly ed25519: string;
  readonly hop: OnionHop;
}

/** A node with real keys. */
export function simNode(): SimNode {
  const keys = generateX25519KeyPair();
  const ed = toHex(ed25519.getPublicKey(randomBytes(32)));
  return { keys, ed25519: ed, hop: { ed25519: ed, x25519: toHex(keys.publicKey) } };
}

/** What each hop saw, for assertions. */
export interface Trace {
  readonly peeled: PeeledLayer[];
  rpc?: unknown;
  v4?: V4Request;
}

/** How the destination answers. */
export interface Behaviour {
  /** Snode destination: status and body of the RPC reply. */
  snode?: (rpc: unknown) => { status: number; body: unknown; json?: boolean };
  /** Server destination: the v4 response. */
  server?: (request: V4Request) => { code: number; headers: Record<string, string>; body: string };
  /** A hop (index) that answers with its own encrypted error instead of forwarding. */
  failAt?: { hop: number; status: number; body: string };
}

/**
 * Delivers `body` to `path[0]` and lets every hop peel and forward, as the storage server
 * does; returns the HTTP body the guard would send back.
 */
export function deliver(
  body: Uint8Array,
  path: readonly SimNode[],
  destination: SimNode,
  behaviour: Behaviour = {},
  trace: Trace = { peeled: [] },
): Uint8Array {
  const byEd = new Map([...path, destination].map((node) => [node.ed25519, node]));
  let node = path[0];
  let current = body;
  for (let hop = 0;; hop++) {
    const peeled = peelLayer(node.keys, current);
    trace.peeled.push(peeled);
    if (behaviour.failAt?.hop === hop) {
      const { status, body } = behaviour.failAt;
      return wrapReply(peeled.key, peeled.encType, { status, body });
    }
    const route = peeled.route;
    switch (route.type) {
      case "relay_to_node": {
        const next = byEd.get(route.destination);
        assert.ok(next, `hop ${hop} routes to an unknown node`);
        assert.equal(next, hop + 1 < path.length ? path[hop + 1] : destination);
        node = next;
        current = peeled.forward!;
        break;
      }
      case "final_destination": {
        assert.equal(node, destination, "only the destination sees headers");
        const rpc = JSON.parse(new TextDecoder().decode(peeled.payload));
        trace.rpc = rpc;
        const reply = behaviour.snode?.(rpc) ?? { status: 200, body: JSON.stringify({ ok: rpc }) };
        return wrapReply(peeled.key, peeled.encType, { ...reply, json: reply.json ?? route.json });
      }
      case "relay_to_server": {
        assert.equal(hop, path.length - 1, "the last path node is the exit");
        if (!isRelayTargetAllowed(route.target)) {
          return wrapReply(peeled.key, peeled.encType, { status: 400, body: "Invalid url" });
        }
        const opened = openLayer(destination.keys, peeled.forward!);
        const request = decodeV4Request(opened.plaintext);
        trace.v4 = request;
        const res = behaviour.server?.(request) ??
          { code: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' };
        const plain = encodeV4Response({ code: res.code, headers: res.headers }, res.body);
        return encryptReply(opened.key, opened.encType, plain);
      }
    }
  }
}
