/**
 * Revoked subaccount tokens per account, newest 50 kept (the `revoked_subaccounts` table and
 * its trimming trigger).
 *
 * @module
 */
import type { Layout } from "./kv_layout.ts";
import type { KvOps } from "./kv_ops.ts";

const REVOKED_KEPT = 50;

/** Revocation operations of one store (writes unqueued). */
export interface KvRevocations {
  revoke(pubkey: string, tokens: readonly string[], now: number): Promise<void>;
  unrevoke(pubkey: string, tokens: readonly string[]): Promise<number>;
  isRevoked(pubkey: string, token: string): Promise<boolean>;
}

/** Creates the revocation operations of one store. */
export function createKvRevocations(kv: Deno.Kv, keys: Layout, ops: KvOps): KvRevocations {
  async function revoke(pubkey: string, tokens: readonly string[], now: number) {
    await ops.commit(tokens.map((token) => (op) => op.set(keys.revoked(pubkey, token), now)), 1);
    const all: { key: Deno.KvKey; at: number }[] = [];
    for await (const entry of kv.list<number>({ prefix: keys.revoked(pubkey) })) {
      all.push({ key: entry.key, at: entry.value });
    }
    all.sort((a, b) => b.at - a.at);
    await ops.commit(all.slice(REVOKED_KEPT).map(({ key }) => (op) => op.delete(key)), 1);
  }

  async function unrevoke(pubkey: string, tokens: readonly string[]) {
    const present = [];
    for (const token of new Set(tokens)) {
      const key = keys.revoked(pubkey, token);
      if ((await kv.get(key)).versionstamp !== null) present.push(key);
    }
    await ops.commit(present.map((key) => (op) => op.delete(key)), 1);
    return present.length;
  }

  async function isRevoked(pubkey: string, token: string): Promise<boolean> {
    return (await kv.get(keys.revoked(pubkey, token))).versionstamp !== null;
  }

  return Object.freeze({ revoke, unrevoke, isRevoked });
}
