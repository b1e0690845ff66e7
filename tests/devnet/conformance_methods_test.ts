/** storage-server.md §6.3–§6.7 (retrieve, delete*, expire*, get_expiries, get_swarm, info,
 * batch/sequence, oxend_request), one step per rule, over HTTPS. */
import assert from "node:assert/strict";
import { fromBase64, fromHex, toBase64, toHex, utf8 } from "../../src/core/bytes.ts";
import { createEd25519Signer, verifyEd25519 } from "../../src/crypto/ed25519.ts";
import { onsNameHash } from "../../src/devnet/storage/mod.ts";
import { ACCOUNT, retrieveParams, rpc, sign, storeParams, withDevnet } from "./_helpers.ts";

const auth = (text: string) => ({
  pubkey: ACCOUNT.sessionId,
  pubkey_ed25519: ACCOUNT.ed25519PublicKey,
  signature: sign(text),
});

Deno.test("§6.3–§6.7 methods over HTTPS", (t) =>
  withDevnet({ nodes: 3, swarms: 1 }, async (devnet) => {
    const node = devnet.nodes[0];
    const call = (method: string, params: Record<string, unknown>) => rpc(node, method, params);
    const put = async (namespace: number, data: string, ttl = 600_000) =>
      (await call("store", storeParams({ namespace, data, ttl }))).json.hash as string;

    await t.step("§6.3 retrieve auth: omitted namespace and no signature → 401", async () => {
      const reply = await call("retrieve", { pubkey: ACCOUNT.sessionId });
      assert.deepEqual([reply.status, reply.text], [401, "retrieve: request signature required"]);
      const partial = await call("retrieve", { pubkey: ACCOUNT.sessionId, timestamp: Date.now() });
      assert.equal(partial.status, 400);
      assert.match(partial.text, /Required field 'signature' missing/);
    });

    await t.step("§6.3 retrieve timestamp outside ±60 s → 406", async () => {
      const reply = await call("retrieve", retrieveParams({ timestamp: Date.now() - 61_000 }));
      assert.deepEqual(
        [reply.status, reply.text],
        [406, "retrieve timestamp too far from current time"],
      );
    });

    await t.step("§6.3 retrieve signature over retrieve ‖ ns ‖ timestamp; bad → 401", async () => {
      const ok = await call("retrieve", retrieveParams({ namespace: 5 }));
      assert.equal(ok.status, 200, ok.text);
      const bad = await call("retrieve", {
        ...retrieveParams({ namespace: 5 }),
        signature: sign("x"),
      });
      assert.deepEqual([bad.status, bad.text], [401, "retrieve signature verification failed"]);
    });

    await t.step("§6.3 retrieve subaccounts need Read", async () => {
      const group = createEd25519Signer(new Uint8Array(32).fill(5));
      const sub = createEd25519Signer(new Uint8Array(32).fill(6));
      const read = async (flags: number) => {
        const token = new Uint8Array([0x03, flags, 0, 0, ...sub.publicKey]);
        const ts = Date.now();
        return await call("retrieve", {
          pubkey: "03" + toHex(group.publicKey),
          namespace: 11,
          timestamp: ts,
          subaccount: toBase64(token),
          subaccount_sig: toBase64(group.sign(token)),
          signature: toBase64(sub.sign(utf8(`retrieve11${ts}`))),
        });
      };
      assert.equal((await read(1)).status, 200);
      assert.equal((await read(2)).status, 401);
    });

    await t.step(
      '§6.3 last_hash: alias, both → 400, "" = none, bad → 400, unknown = start',
      async () => {
        const a = await put(7, "bGFzdDE=");
        const b = await put(7, "bGFzdDI=");
        const list = async (extra: Record<string, unknown>) =>
          await call("retrieve", { ...retrieveParams({ namespace: 7 }), ...extra });
        assert.deepEqual(
          (await list({ last_hash: a })).json.messages.map((m: { hash: string }) => m.hash),
          [b],
        );
        assert.deepEqual((await list({ lastHash: a })).json.messages.length, 1);
        assert.equal((await list({ last_hash: a, lastHash: a })).status, 400);
        assert.equal((await list({ last_hash: "" })).json.messages.length, 2);
        assert.equal((await list({ last_hash: "nope" })).status, 400);
        assert.equal((await list({ last_hash: "A".repeat(43) })).json.messages.length, 2);
      },
    );

    await t.step("§6.3 max_count / max_size; at least one message; storage order", async () => {
      const hashes = [await put(9, "b25l"), await put(9, "dHdv"), await put(9, "dGhyZWU=")];
      const page = await call("retrieve", { ...retrieveParams({ namespace: 9 }), max_count: 2 });
      assert.deepEqual(page.json.messages.map((m: { hash: string }) => m.hash), hashes.slice(0, 2));
      assert.equal(page.json.more, true);
      const tiny = await call("retrieve", { ...retrieveParams({ namespace: 9 }), max_size: 1 });
      assert.equal(tiny.json.messages.length, 1);
      const all = await call("retrieve", retrieveParams({ namespace: 9 }));
      assert.deepEqual(all.json.messages.map((m: { hash: string }) => m.hash), hashes);
      assert.equal(all.json.more, false);
    });

    await t.step(
      "§6.3 response: messages {hash,timestamp,expiration,data}, more, t, hf",
      async () => {
        await put(8, "c2hhcGU=");
        const reply = await call("retrieve", retrieveParams({ namespace: 8 }));
        assert.deepEqual(Object.keys(reply.json).sort(), ["hf", "messages", "more", "t"]);
        assert.deepEqual(Object.keys(reply.json.messages[0]).sort(), [
          "data",
          "expiration",
          "hash",
          "timestamp",
        ]);
        assert.equal(reply.json.messages[0].data, "c2hhcGU=");
      },
    );

    await t.step(
      "§6.4 delete: signature over delete ‖ hashes, sorted results, node signature",
      async () => {
        const h1 = await put(0, "ZGVsMQ==");
        const h2 = await put(0, "ZGVsMg==");
        const empty = await call("delete", { ...auth("delete"), messages: [] });
        assert.equal(empty.status, 400);
        const bad = await call("delete", { ...auth("delete"), messages: [h1] });
        assert.deepEqual([bad.status, bad.text], [
          401,
          "delete_msgs signature verification failed",
        ]);
        const reply = await call("delete", { ...auth(`delete${h1}${h2}`), messages: [h1, h2] });
        assert.equal(reply.status, 200, reply.text);
        const mine = reply.json.swarm[node.ed25519];
        assert.deepEqual(mine.deleted, [h1, h2].sort());
        const signed = utf8(ACCOUNT.sessionId + h1 + h2 + [h1, h2].sort().join(""));
        assert.ok(verifyEd25519(fromBase64(mine.signature), signed, fromHex(node.ed25519)));
        const single = await call("delete", {
          ...auth(`delete${h1}`),
          messages: h1,
          required: true,
        });
        assert.equal(single.status, 404, "required and nothing deleted anywhere");
      },
    );

    await t.step(
      "§6.5 delete_all: ±60 s → 406, signature, sorted list or {ns: […]} for all",
      async () => {
        const old = Date.now() - 61_000;
        const late = await call("delete_all", { ...auth(`delete_all${old}`), timestamp: old });
        assert.equal(late.status, 406);
        const h = await put(0, "YWxs");
        const ts = Date.now();
        const reply = await call("delete_all", { ...auth(`delete_all${ts}`), timestamp: ts });
        assert.ok(reply.json.swarm[node.ed25519].deleted.includes(h));
        await put(20, "YWxsMg==");
        const ts2 = Date.now();
        const every = await call("delete_all", {
          ...auth(`delete_allall${ts2}`),
          timestamp: ts2,
          namespace: "all",
        });
        assert.ok(Array.isArray(every.json.swarm[node.ed25519].deleted["20"]));
      },
    );

    await t.step("§6.5 delete_before: before > now + 60 s → 401; signature", async () => {
      const future = Date.now() + 120_000;
      const reply = await call("delete_before", {
        ...auth(`delete_before${future}`),
        before: future,
      });
      assert.deepEqual(
        [reply.status, reply.text],
        [401, "delete_before timestamp too far in the future"],
      );
      const h = await put(0, "YmVmb3Jl");
      const now = Date.now();
      const ok = await call("delete_before", { ...auth(`delete_before${now}`), before: now });
      assert.ok(ok.json.swarm[node.ed25519].deleted.includes(h));
    });

    await t.step(
      "§6.6 expire: shorten/extend, past → 401, 30-day cap, signature, shape",
      async () => {
        const h = await put(0, "ZXhwaXJl");
        const both = await call("expire", {
          ...auth("x"),
          messages: [h],
          expiry: Date.now() + 1000,
          shorten: true,
          extend: true,
        });
        assert.equal(both.status, 400);
        const past = Date.now() - 61_000;
        const old = await call("expire", {
          ...auth(`expire${past}${h}`),
          messages: [h],
          expiry: past,
        });
        assert.deepEqual([old.status, old.text], [
          401,
          "expire: timestamp should be >= current time",
        ]);
        const far = Date.now() + 40 * 86_400_000;
        const capped = await call("expire", {
          ...auth(`expire${far}${h}`),
          messages: [h],
          expiry: far,
        });
        assert.equal(capped.status, 200, capped.text);
        const mine = capped.json.swarm[node.ed25519];
        assert.deepEqual(mine.updated, [h]);
        assert.ok(mine.expiry <= Date.now() + 30 * 86_400_000 + 1000);
        const soon = Date.now() + 60_000;
        const shorter = await call("expire", {
          ...auth(`expireshorten${soon}${h}`),
          messages: [h],
          expiry: soon,
          shorten: true,
        });
        assert.equal(shorter.json.swarm[node.ed25519].expiry, soon);
        assert.ok("unchanged" in shorter.json.swarm[node.ed25519]);
        const forged = await call("expire", { ...auth("nope"), messages: [h], expiry: soon });
        assert.equal(forged.status, 401);
      },
    );

    await t.step("§6.6 expire_all: past → 406, only shortens", async () => {
      const past = Date.now() - 61_000;
      assert.equal(
        (await call("expire_all", { ...auth(`expire_all${past}`), expiry: past })).status,
        406,
      );
      const h = await put(0, "ZXhwYWxs", 600_000);
      const soon = Date.now() + 30_000;
      const reply = await call("expire_all", { ...auth(`expire_all${soon}`), expiry: soon });
      assert.ok(reply.json.swarm[node.ed25519].updated.includes(h));
    });

    await t.step("§6.6 get_expiries: ±60 s → 406, signature, {expiries} without t/hf", async () => {
      const h = await put(0, "Z2V0ZXhw");
      const old = Date.now() - 61_000;
      const late = await call("get_expiries", {
        ...auth(`get_expiries${old}${h}`),
        timestamp: old,
        messages: [h],
      });
      assert.equal(late.status, 406);
      const ts = Date.now();
      const reply = await call("get_expiries", {
        ...auth(`get_expiries${ts}${h}`),
        timestamp: ts,
        messages: [h],
      });
      assert.deepEqual(Object.keys(reply.json), ["expiries"]);
      assert.ok(reply.json.expiries[h] > Date.now());
    });

    await t.step("§6.7 get_swarm (alias get_snodes_for_pubkey): fields", async () => {
      for (const method of ["get_swarm", "get_snodes_for_pubkey"]) {
        const reply = await call(method, { pubkey: ACCOUNT.sessionId });
        assert.equal(reply.status, 200);
        assert.equal(reply.json.snodes.length, 3);
        const s = reply.json.snodes[0];
        for (const key of ["address", "pubkey_legacy", "pubkey_x25519", "pubkey_ed25519", "ip"]) {
          assert.ok(key in s, key);
        }
        assert.equal(typeof s.port, "string");
        assert.match(s.address, /\.snode$/);
        assert.equal(reply.json.swarm.length, 16);
      }
    });

    await t.step("§6.7 info: version, timestamp, t, hf", async () => {
      const reply = await call("info", {});
      assert.deepEqual(reply.json.version, [2, 8, 0]);
      assert.equal(typeof reply.json.timestamp, "number");
    });

    await t.step("§6.7 batch/sequence: 1..20, no nesting, results, sequence stops", async () => {
      const info = { method: "info", params: {} };
      const bad = { method: "retrieve", params: { ...retrieveParams(), signature: sign("x") } };
      const batch = await call("batch", { requests: [info, bad, info] });
      assert.deepEqual(batch.json.results.map((r: { code: number }) => r.code), [200, 401, 200]);
      assert.equal(batch.json.results[1].body, "retrieve signature verification failed");
      const sequence = await call("sequence", { requests: [info, bad, info] });
      assert.deepEqual(sequence.json.results.map((r: { code: number }) => r.code), [200, 401]);
      const unparsable = { method: "retrieve", params: { pubkey: "05" } };
      assert.equal((await call("batch", { requests: [info, unparsable] })).status, 400);
      assert.equal((await call("batch", { requests: Array(21).fill(info) })).status, 400);
      assert.equal((await call("batch", { requests: [] })).status, 400);
      const nested = await call("batch", {
        requests: [{ method: "batch", params: { requests: [info] } }],
      });
      assert.equal(nested.status, 400);
    });

    await t.step("§6.7 oxend_request: get_service_nodes and ons_resolve only", async () => {
      const nodes = await call("oxend_request", { endpoint: "get_service_nodes" });
      assert.equal(nodes.status, 200, nodes.text);
      const other = await call("oxend_request", { endpoint: "get_info" });
      assert.equal(other.status, 400);
      devnet.names.register("alice", ACCOUNT.sessionId);
      const ons = await call("oxend_request", {
        endpoint: "ons_resolve",
        params: { type: 0, name_hash: toBase64(onsNameHash("alice")) },
      });
      assert.equal(ons.status, 200, ons.text);
      assert.ok(JSON.stringify(ons.json).includes("encrypted_value"));
    });
  }));
