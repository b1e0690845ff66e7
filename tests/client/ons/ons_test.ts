/** Session names on one devnet: 3 random nodes asked through onion paths, answers must agree. */
import assert from "node:assert/strict";
import {
  CryptoError,
  NetworkError,
  SwarmError,
  ValidationError,
} from "../../../src/core/errors.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import { decryptOnsRecord, encryptOnsRecord, onsNameHash } from "../../../src/crypto/ons/mod.ts";
import type { Network } from "../../../src/client/network/mod.ts";
import { type OnsNetwork, resolveOnsName } from "../../../src/client/ons/mod.ts";
import type { ServiceNode } from "../../../src/onion/mod.ts";
import { hasCode } from "../_helpers.ts";
import { withDevnet } from "../files/_devnet.ts";
import { vectors } from "../../vectors.ts";

/** An {@link OnsNetwork} over the devnet client that records requests and rewrites answers. */
interface Watched extends OnsNetwork {
  readonly asked: { node: ServiceNode; method: string; params: unknown }[];
  rewrite?: (body: unknown, index: number) => unknown;
  rpc(node: ServiceNode, method: string, params?: Record<string, unknown>): Promise<unknown>;
}

/** `net` as a {@link Watched} network. */
function watch(net: Network): Watched {
  const spy: Watched = {
    asked: [],
    nodes: () => net.nodes(),
    getSwarm: (pubkey: string) => net.getSwarm(pubkey),
    async rpc(node, method, params) {
      const index = spy.asked.push({ node, method, params }) - 1;
      const body = await net.rpc(node, method, params);
      return spy.rewrite ? spy.rewrite(body, index) : body;
    },
  };
  return spy;
}

/** A reply body with `result` replaced. */
const withResult = (body: unknown, result: unknown) => ({ ...(body as object), result });

Deno.test("ONS resolution on the devnet, through onion", (t) =>
  withDevnet(async (devnet, net) => {
    const alice = Identity.generate().sessionId;
    devnet.names.register("alice-bot", alice);
    const ons = watch(net);

    await t.step(
      "3 distinct nodes agree on a modern record (pool bootstrapped first)",
      async () => {
        assert.equal(net.nodes().length, 0, "nothing contacted yet");
        assert.equal(await resolveOnsName(ons, "Alice-Bot"), alice);
        assert.equal(ons.asked.length, 3);
        assert.equal(new Set(ons.asked.map((a) => a.node.ed25519)).size, 3, "distinct nodes");
        assert.deepEqual(ons.asked[0].method, "oxend_request");
        assert.deepEqual(ons.asked[0].params, {
          endpoint: "ons_resolve",
          params: { type: 0, name_hash: onsNameHash("alice-bot") },
        });
      },
    );

    await t.step("an unregistered name is ValidationError name_not_found", async () => {
      await assert.rejects(
        resolveOnsName(ons, "nobody_here"),
        hasCode("name_not_found", ValidationError),
      );
    });

    await t.step("an invalid name is refused before any request", async () => {
      ons.asked.length = 0;
      for (const name of ["-alice", "alice-", "al ice", "émile", ""]) {
        await assert.rejects(resolveOnsName(ons, name), hasCode("invalid_name", ValidationError));
      }
      assert.equal(ons.asked.length, 0);
    });

    await t.step("one node lying or saying 'not found': CryptoError ons_disagreement", async () => {
      const mallory = Identity.generate().sessionId;
      ons.rewrite = (body, i) =>
        i === 0 ? withResult(body, encryptOnsRecord("alice-bot", mallory)) : body;
      ons.asked.length = 0;
      await assert.rejects(
        resolveOnsName(ons, "alice-bot"),
        hasCode("ons_disagreement", CryptoError),
      );
      ons.rewrite = (body, i) => i === 1 ? withResult(body, {}) : body;
      ons.asked.length = 0;
      await assert.rejects(
        resolveOnsName(ons, "alice-bot"),
        hasCode("ons_disagreement", CryptoError),
      );
      ons.rewrite = undefined;
    });

    await t.step("a node that fails is replaced by another one", async () => {
      ons.asked.length = 0;
      const failing = watch(net);
      failing.rpc = async (node, method, params) => {
        const index = failing.asked.push({ node, method, params }) - 1;
        if (index === 0) throw new SwarmError("node down", 503, { retryable: true });
        return await net.rpc(node, method, params);
      };
      assert.equal(await resolveOnsName(failing, "alice-bot"), alice);
      assert.equal(failing.asked.length, 4);
      assert.equal(new Set(failing.asked.map((a) => a.node.ed25519)).size, 4);
    });

    await t.step(
      "a legacy (Argon2id) record is decrypted once for 3 identical answers",
      async () => {
        const [legacy] = vectors("ons.json", "ons_decrypt_legacy_argon2");
        ons.rewrite = (body) => withResult(body, { encrypted_value: legacy.encrypted_value_hex });
        let decrypts = 0;
        const sessionId = await resolveOnsName(ons, legacy.name, {
          decrypt: (...args) => (decrypts++, decryptOnsRecord(...args)),
        });
        ons.rewrite = undefined;
        assert.equal(sessionId, legacy.expected_session_id);
        assert.equal(decrypts, 1);
      },
    );
  }));

Deno.test("ONS resolution needs 3 nodes", async () => {
  const two = [1, 2].map((i) => ({ ed25519: `${i}`.repeat(64), x25519: "", ip: "", port: i }));
  const network: OnsNetwork = {
    nodes: () => two,
    rpc: () => Promise.reject(new Error("never called")),
  };
  await assert.rejects(
    resolveOnsName(network, "alice"),
    hasCode("not_enough_nodes", NetworkError),
  );
});
