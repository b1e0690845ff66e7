/** storage-server.md §6.1 (common field rules) and §6.2 (store), one step per rule, over HTTPS. */
import assert from "node:assert/strict";
import { fromBase64, toBase64, toHex, utf8 } from "../../src/core/bytes.ts";
import { createEd25519Signer } from "../../src/crypto/ed25519.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { messageHash } from "../../src/devnet/storage/mod.ts";
import { verifyEd25519 } from "../../src/crypto/ed25519.ts";
import { fromHex } from "../../src/core/bytes.ts";
import { ACCOUNT, retrieveParams, rpc, sign, storeParams, withDevnet } from "./_helpers.ts";

const DAY = 86_400_000;

Deno.test("§6.1 common field rules and §6.2 store, over HTTPS", (t) =>
  withDevnet({ nodes: 3, swarms: 1 }, async (devnet) => {
    const node = devnet.nodes[0];
    const call = (method: string, params: Record<string, unknown>) => rpc(node, method, params);
    const other = Identity.fromSeed("00112233445566778899aabbccddeeff");
    const group = createEd25519Signer(new Uint8Array(32).fill(3));
    const groupId = "03" + toHex(group.publicKey);

    await t.step("§6.1 pubkey: 66 hex digits", async () => {
      for (const pubkey of ["05abcd", "zz" + "00".repeat(32), 5]) {
        const reply = await call("retrieve", { pubkey, namespace: -10 });
        assert.equal(reply.status, 400, String(pubkey));
        if (typeof pubkey === "string") assert.match(reply.text, /Pubkey must be 66 hex digits/);
      }
      // any prefix parses (e.g. 15… blinded) for a public-inbox store
      const anyPrefix = await call("store", {
        ...storeParams(),
        pubkey: "15" + "ab".repeat(32),
        pubkey_ed25519: undefined,
        signature: undefined,
      });
      assert.equal(anyPrefix.status, 200, anyPrefix.text);
    });
    await t.step("§6.1 pubKey alias, both → 400", async () => {
      const alias = await call("get_swarm", { pubKey: ACCOUNT.sessionId });
      assert.equal(alias.status, 200);
      const both = await call("get_swarm", {
        pubkey: ACCOUNT.sessionId,
        pubKey: ACCOUNT.sessionId,
      });
      assert.equal(both.status, 400);
      assert.match(both.text, /Cannot specify both 'pubkey' and 'pubKey'/);
    });
    await t.step(
      "§6.1 05 accounts verify with pubkey_ed25519, which must convert to the pubkey → else 401",
      async () => {
        const mismatch = await call("retrieve", {
          ...retrieveParams(),
          pubkey_ed25519: other.ed25519PublicKey,
        });
        assert.equal(mismatch.status, 401);
        // pubkey_ed25519 on a non-05 key → 400
        const onGroup = await call("retrieve", {
          ...retrieveParams(),
          pubkey: groupId,
        });
        assert.equal(onGroup.status, 400);
        assert.match(onGroup.text, /pubkey_ed25519 is only permitted for 05/);
      },
    );
    await t.step("§6.1 03 group keys sign with the key itself", async () => {
      const groupRetrieve = await call("retrieve", {
        pubkey: groupId,
        namespace: 11,
        timestamp: Date.now(),
        signature: toBase64(group.sign(utf8(`retrieve11${Date.now()}`))),
      });
      assert.equal(groupRetrieve.status, 200, groupRetrieve.text);
    });
    await t.step("§6.1 signature: 86 unpadded or 88 padded base64 chars", async () => {
      for (const signature of ["abc", "!".repeat(88), sign("x").slice(0, 86) + "="]) {
        const reply = await call("retrieve", { ...retrieveParams(), signature });
        assert.deepEqual(
          [reply.status, reply.text],
          [400, "invalid request: invalid signature: expected base64 encoded Ed25519 signature"],
        );
      }
      const unpadded = retrieveParams();
      const ok86 = await call("retrieve", {
        ...unpadded,
        signature: (unpadded.signature as string).replace(/=+$/, ""),
      });
      assert.equal(ok86.status, 200);
    });
    await t.step("§6.1 timestamps are milliseconds", async () => {
      const seconds = await call("retrieve", retrieveParams({ timestamp: 999_999_999 }));
      assert.equal(seconds.status, 400);
      assert.match(seconds.text, /timestamp must be in milliseconds/);
    });
    await t.step("§6.1 store accepts stringified timestamp and ttl", async () => {
      const strings = storeParams();
      const stringified = await call("store", {
        ...strings,
        timestamp: String(strings.timestamp),
        ttl: String(strings.ttl),
      });
      assert.equal(stringified.status, 200, stringified.text);
    });
    await t.step("§6.1 namespace range −32768..32767", async () => {
      const range = await call("retrieve", { ...retrieveParams(), namespace: 32768 });
      assert.equal(range.status, 400);
      assert.match(range.text, /value out of range/);
    });
    await t.step("§6.1 public inbox (divisible by 10): anyone may store unsigned", async () => {
      const unsigned = storeParams({ namespace: 0 });
      delete unsigned.signature;
      delete unsigned.pubkey_ed25519;
      assert.equal((await call("store", unsigned)).status, 200);
    });
    await t.step("§6.1 −10 legacy closed group: retrieve needs no auth", async () => {
      const legacy = await call("retrieve", { pubkey: ACCOUNT.sessionId, namespace: -10 });
      assert.equal(legacy.status, 200);
    });
    await t.step(
      "§6.1 public outbox −(20n+1): store needs auth and replaces; retrieve needs no auth",
      async () => {
        const outboxUnsigned = await call("store", {
          ...storeParams({ namespace: -21 }),
          signature: undefined,
        });
        assert.equal(outboxUnsigned.status, 401);
        const first = await call("store", storeParams({ namespace: -21, data: "Zmlyc3Q=" }));
        const second = await call("store", storeParams({ namespace: -21, data: "c2Vjb25k" }));
        assert.equal(first.status, 200);
        assert.equal(second.status, 200);
        const outbox = await call("retrieve", { pubkey: ACCOUNT.sessionId, namespace: -21 });
        assert.deepEqual(outbox.json.messages.map((m: { data: string }) => m.data), ["c2Vjb25k"]);
      },
    );
    await t.step("§6.1 other namespaces need auth for every operation", async () => {
      const needs = await call("retrieve", { pubkey: ACCOUNT.sessionId, namespace: 5 });
      assert.equal(needs.status, 400);
      assert.match(needs.text, /Required field 'signature' missing/);
    });
    await t.step(
      "§6.1 message hash = base64(blake2b-256(prefix ‖ pubkey32 ‖ ns ‖ data)), 43 chars",
      async () => {
        const stored = await call("store", storeParams({ namespace: 3, data: "aGVsbG8=" }));
        assert.equal(
          stored.json.hash,
          messageHash(ACCOUNT.sessionId, 3, fromBase64("aGVsbG8=")),
        );
        assert.equal(stored.json.hash.length, 43);
        const badHash = await call("retrieve", { ...retrieveParams(), last_hash: "short" });
        assert.equal(badHash.status, 400);
      },
    );
    await t.step(
      "§6.1 subaccounts: token = prefix ‖ flags ‖ 00 00 ‖ subaccount key, signed by the owner",
      async () => {
        const sub = createEd25519Signer(new Uint8Array(32).fill(4));
        const subStore = (flags: number) => {
          const token = new Uint8Array([0x03, flags, 0, 0, ...sub.publicKey]);
          const ts = Date.now();
          return call("store", {
            pubkey: groupId,
            namespace: 11,
            timestamp: ts,
            ttl: 60_000,
            data: "c3Vi",
            subaccount: toBase64(token),
            subaccount_sig: toBase64(group.sign(token)),
            signature: toBase64(sub.sign(utf8(`store11${ts}`))),
          });
        };
        assert.equal((await subStore(2)).status, 200, "Write flag may store");
        assert.equal((await subStore(1)).status, 401, "Read-only subaccount may not store");
      },
    );
    // §6.1 swarm check (421): swarm_test.ts, with several swarms.
    await t.step("§6.2 exactly one of ttl and expiry", async () => {
      const noTtl = storeParams();
      delete noTtl.ttl;
      assert.match(
        (await call("store", noTtl)).text,
        /Required field 'expiry' or 'ttl' missing|'ttl'/,
      );
      const bothTtl = await call("store", { ...storeParams(), expiry: Date.now() + 60_000 });
      assert.equal(bothTtl.status, 400);
      assert.match(bothTtl.text, /Cannot specify both/);
    });
    await t.step("§6.2 data: base64, at most 102,400 chars", async () => {
      const huge = await call("store", storeParams({ data: "A".repeat(102_404) }));
      assert.deepEqual(
        [huge.status, huge.text],
        [400, "invalid request: Message body exceeds maximum allowed length of 76800 bytes"],
      );
      const notB64 = await call("store", storeParams({ data: "***" }));
      assert.equal(notB64.status, 400);
    });
    await t.step(
      "§6.2 TTL range: 10 s..14 days (public inbox), ..30 days (others) → 403",
      async () => {
        for (
          const [namespace, ttl, status] of [
            [0, 9_999, 403],
            [0, 14 * DAY + 1, 403],
            [0, 14 * DAY, 200],
            [3, 30 * DAY, 200],
            [3, 30 * DAY + 1, 403],
          ]
        ) {
          const reply = await call("store", storeParams({ namespace, ttl }));
          assert.equal(reply.status, status, `ns ${namespace} ttl ${ttl}`);
          if (status === 403) assert.equal(reply.text, "Provided expiry/TTL is not valid.");
        }
      },
    );
    await t.step("§6.2 timestamp > now + 10 s, or expiry < now − 10 s → 406", async () => {
      const future = await call("store", storeParams({ timestamp: Date.now() + 20_000 }));
      assert.deepEqual([future.status, future.text], [406, "Timestamp error: check your clock"]);
    });
    await t.step("§6.2 non-public namespace without a signature → 401", async () => {
      const noSig = await call("store", { ...storeParams({ namespace: 3 }), signature: undefined });
      assert.deepEqual(
        [noSig.status, noSig.text],
        [401, "store: signature required to store to namespace 3"],
      );
    });
    await t.step("§6.2 sig_timestamp outside ±60 s → 406", async () => {
      const oldSig = Date.now() - 120_000;
      const stale = await call("store", {
        ...storeParams({ namespace: 3 }),
        sig_timestamp: oldSig,
        signature: sign(`store3${oldSig}`),
      });
      assert.deepEqual(
        [stale.status, stale.text],
        [406, "store signature timestamp too far from current time"],
      );
    });
    await t.step("§6.2 bad signature → 401", async () => {
      const forged = await call("store", {
        ...storeParams({ namespace: 3 }),
        signature: sign("nope"),
      });
      assert.deepEqual([forged.status, forged.text], [401, "store signature verification failed"]);
    });
    await t.step("§6.2 a signature on a public inbox is not verified", async () => {
      const ignored = await call("store", {
        ...storeParams({ namespace: 0 }),
        signature: sign("nope"),
      });
      assert.equal(ignored.status, 200);
    });
    await t.step("§6.2 duplicates: 200 with already:true and a raised expiry", async () => {
      const dup = storeParams({ ttl: 60_000 });
      const firstStore = await call("store", dup);
      const again = await call("store", { ...dup, ttl: 120_000 });
      assert.equal(again.status, 200);
      assert.equal(again.json.swarm[node.ed25519].already, true);
      assert.ok(again.json.swarm[node.ed25519].expiry > firstStore.json.swarm[node.ed25519].expiry);
    });
    await t.step(
      "§6.2 response: hash, swarm map of every member with its signature of the hash, t, hf",
      async () => {
        const res = await call("store", storeParams());
        assert.deepEqual(
          Object.keys(res.json.swarm).sort(),
          devnet.nodes.map((n) => n.ed25519).sort(),
        );
        for (
          const [ed, entry] of Object.entries(res.json.swarm) as [string, { signature: string }][]
        ) {
          assert.ok(
            verifyEd25519(fromBase64(entry.signature), utf8(res.json.hash), fromHex(ed)),
            ed,
          );
        }
        assert.ok(res.json.swarm[node.ed25519].t, "entry node adds t");
        assert.deepEqual(res.json.hf, [19, 4]);
      },
    );
    // §6.2 dead peers (failed/timeout entries): faults_test.ts. "Every member failed → 500"
    // needs a failing local database, which only the engine-level suite can fake.
  }));
