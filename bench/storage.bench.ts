/**
 * Storage engine throughput, in process (no HTTP): `deno task bench`.
 *
 * - `store` of a 1 KiB message on a one-node swarm (parse, hash, sign, KV commit);
 * - signed `retrieve` of the newest message after `last_hash` (verify, KV range read);
 * - `store + retrieve`: one message in, then read back, like a bot's send/poll pair;
 * - `store` on a three-node swarm: the entry node replicates to two in-process peers.
 */
import { toBase64, toHex } from "../src/core/mod.ts";
import { createEd25519Signer } from "../src/crypto/ed25519.ts";
import { ed25519ToX25519PublicKey } from "../src/crypto/x25519.ts";
import {
  createKvMessageStore,
  createStorageNode,
  type NetworkView,
  type NodeInfo,
  type StorageNode,
} from "../src/devnet/storage/mod.ts";

const T0 = 1_700_000_000_000;
const SWARM = 0x1000_0000_0000_0000n;
const utf8 = new TextEncoder();
const kv = await Deno.openKv(":memory:");

function startSwarm(size: number, tag: string): StorageNode[] {
  const infos: NodeInfo[] = [];
  const nodes: StorageNode[] = [];
  const network: NetworkView = {
    nodes: () => infos,
    swarmIds: () => [SWARM],
    members: () => infos,
    peer: (ed) => nodes[infos.findIndex((i) => i.ed25519 === ed)],
  };
  for (let i = 0; i < size; i++) {
    const seed = new Uint8Array(32).fill(0x60 + i);
    const publicKey = createEd25519Signer(seed).publicKey;
    const info: NodeInfo = {
      ed25519: toHex(publicKey),
      x25519: toHex(ed25519ToX25519PublicKey(publicKey)),
      ip: "127.0.0.1",
      port: 22100 + i,
      swarmId: SWARM,
    };
    infos.push(info);
    const store = createKvMessageStore(kv, `${tag}-${i}`);
    nodes.push(createStorageNode({ seed, info, network, store, clock: () => T0 }));
  }
  return nodes;
}

const account = createEd25519Signer(new Uint8Array(32).fill(7));
const pubkey = "05" + toHex(ed25519ToX25519PublicKey(account.publicKey));
const retrieveAuth = {
  pubkey,
  pubkey_ed25519: toHex(account.publicKey),
  timestamp: T0,
  signature: toBase64(account.sign(utf8.encode(`retrieve${T0}`))),
};
const payload = new Uint8Array(1024);
let counter = 0;

function storeBody(): string {
  new DataView(payload.buffer).setUint32(0, counter++);
  return JSON.stringify({
    method: "store",
    params: { pubkey, timestamp: T0, ttl: 86_400_000, data: toBase64(payload) },
  });
}

function retrieveBody(lastHash?: string): string {
  return JSON.stringify({ method: "retrieve", params: { ...retrieveAuth, last_hash: lastHash } });
}

async function expectOk(result: Promise<{ status: number }>): Promise<unknown> {
  const answer = await result;
  if (answer.status !== 200) throw new Error(`unexpected ${JSON.stringify(answer)}`);
  return answer;
}

const [single] = startSwarm(1, "one");
const trio = startSwarm(3, "three");
let lastHash: string | undefined;

Deno.bench("store (1 KiB, one-node swarm)", { group: "engine", baseline: true }, async () => {
  const answer = await expectOk(single.handleRpcBody(storeBody())) as { body: { hash: string } };
  lastHash = answer.body.hash;
});

Deno.bench("retrieve after last_hash (signed)", { group: "engine" }, async () => {
  await expectOk(single.handleRpcBody(retrieveBody(lastHash)));
});

Deno.bench("store + retrieve (send/poll pair)", { group: "engine" }, async () => {
  const previous = lastHash;
  const answer = await expectOk(single.handleRpcBody(storeBody())) as { body: { hash: string } };
  lastHash = answer.body.hash;
  const polled = await expectOk(single.handleRpcBody(retrieveBody(previous))) as {
    body: { messages: unknown[] };
  };
  if (polled.body.messages.length !== 1) throw new Error("poll missed the new message");
});

Deno.bench("store replicated to a three-node swarm", { group: "swarm" }, async () => {
  await expectOk(trio[0].handleRpcBody(storeBody()));
});

globalThis.addEventListener("unload", () => kv.close());
