// storage-server.md §6.1: pubkeys, which key verifies, signature/timestamp/namespace formats,
// namespace kinds, hash format, subaccounts and the 421 swarm check.
import assert from "node:assert/strict";
import { concatBytes, toBase64 } from "../../../src/core/mod.ts";
import { createEd25519Signer } from "../../../src/crypto/ed25519.ts";
import { SubaccountAccess } from "../../../src/devnet/storage/mod.ts";
import {
  accountIn,
  body,
  groupAccount,
  hashesOn,
  put,
  retrieveParams,
  storeParams,
  SWARM_A,
  SWARM_B,
  withNet,
} from "./_helpers.ts";

const bad = (message: string) => ({ status: 400, text: `invalid request: ${message}` });

Deno.test("§6.1 pubkey must be 66 hex: otherwise 400 with the server's text", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    for (
      const pubkey of [alice.pubkey.slice(2), alice.pubkey + "00", "zz" + alice.pubkey.slice(2)]
    ) {
      const result = await n.node.handle("store", { ...storeParams(alice, time.now), pubkey });
      assert.deepEqual(result, bad("Pubkey must be 66 hex digits (33 bytes) long"), pubkey);
    }
  });
});

Deno.test("§6.1 any prefix loads, and upper-case hex is the same account", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hash = await put(n.node, alice, time.now);
    const upper = { ...retrieveParams(alice, time.now), pubkey: alice.pubkey.toUpperCase() };
    const messages = body(await n.node.handle("retrieve", upper)).messages as { hash: string }[];
    assert.deepEqual(messages.map((m) => m.hash), [hash]);
  });
});

Deno.test("§6.1 `pubKey` alias works; both given → 400; neither → 400", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const { pubkey, ...rest } = storeParams(alice, time.now);
    assert.equal((await n.node.handle("store", { ...rest, pubKey: pubkey })).status, 200);
    assert.deepEqual(
      await n.node.handle("store", { ...rest, pubKey: pubkey, pubkey }),
      bad("Cannot specify both 'pubkey' and 'pubKey'"),
    );
    assert.deepEqual(await n.node.handle("store", rest), bad("Required field 'pubkey' missing"));
    const swarm = await n.node.handle("get_swarm", { pubKey: pubkey });
    assert.equal(swarm.status, 200);
  });
});

Deno.test("§6.1 05 + pubkey_ed25519: the Ed25519 key must convert to the pubkey, else 401", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const mallory = accountIn(SWARM_A, undefined, 1);
    const params = retrieveParams(alice, time.now);
    assert.equal((await n.node.handle("retrieve", params)).status, 200);
    // Mallory signs with her own key but claims Alice's account.
    const forged = { ...retrieveParams(mallory, time.now), pubkey: alice.pubkey };
    const result = await n.node.handle("retrieve", forged);
    assert.deepEqual(result, { status: 401, text: "retrieve signature verification failed" });
  });
});

Deno.test("§6.1 05 without pubkey_ed25519 verifies with the X25519 bytes: 401", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const { pubkey_ed25519: _, ...params } = retrieveParams(alice, time.now);
    assert.deepEqual(await n.node.handle("retrieve", params), {
      status: 401,
      text: "retrieve signature verification failed",
    });
  });
});

Deno.test("§6.1 pubkey_ed25519 is rejected on non-05 pubkeys and must be hex", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const group = accountIn(SWARM_A, groupAccount);
    const params = { ...retrieveParams(group, time.now), pubkey_ed25519: group.ed25519 };
    assert.deepEqual(
      await n.node.handle("retrieve", params),
      bad("pubkey_ed25519 is only permitted for 05[...] pubkeys"),
    );
    const alice = accountIn(SWARM_A);
    const notHex = { ...retrieveParams(alice, time.now), pubkey_ed25519: "z".repeat(64) };
    assert.deepEqual(
      await n.node.handle("retrieve", notHex),
      bad("invalid pubkey_ed25519: value is not hex"),
    );
    const short = { ...retrieveParams(alice, time.now), pubkey_ed25519: "ab" };
    assert.deepEqual(
      await n.node.handle("retrieve", short),
      bad("Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey"),
    );
  });
});

Deno.test("§6.1 03 accounts sign with the key itself", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const group = accountIn(SWARM_A, groupAccount);
    const hash = await put(n.node, group, time.now, { namespace: 11 });
    assert.deepEqual(await hashesOn(n.node, group, time.now, 11), [hash]);
  });
});

Deno.test("§6.1 signature: 86 chars or 88 ending in == only, standard base64", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const params = retrieveParams(alice, time.now);
    const padded = params.signature as string;
    assert.equal(padded.length, 88);
    assert.equal(
      (await n.node.handle("retrieve", { ...params, signature: padded.slice(0, 86) }))
        .status,
      200,
    );
    const message = bad("invalid signature: expected base64 encoded Ed25519 signature");
    for (
      const signature of [
        padded.slice(0, 87),
        padded.slice(0, 86) + "AA",
        padded.slice(0, 85) + "-",
        padded.slice(0, 84),
        "",
      ]
    ) {
      assert.deepEqual(await n.node.handle("retrieve", { ...params, signature }), message);
    }
  });
});

Deno.test("§6.1 timestamps under 1,000,000 s → 400 `timestamp must be in milliseconds`", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const params = retrieveParams(alice, time.now, { timestamp: 999_999_999 });
    assert.deepEqual(
      await n.node.handle("retrieve", params),
      bad("Invalid timestamp for 'timestamp': timestamp must be in milliseconds"),
    );
    // A real seconds value today is over 1e9, so it passes as ms and fails the clock check.
    const seconds = retrieveParams(alice, time.now, { timestamp: Math.floor(time.now / 1000) });
    assert.equal((await n.node.handle("retrieve", seconds)).status, 406);
    const negative = retrieveParams(alice, time.now, { timestamp: -5 });
    assert.deepEqual(
      await n.node.handle("retrieve", negative),
      bad("Invalid value given for 'timestamp': expected integer timestamp (in milliseconds)"),
    );
  });
});

Deno.test("§6.1 store's timestamp and ttl may be decimal strings; anything else → 400", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const params = { ...storeParams(alice, time.now), timestamp: String(time.now), ttl: "60000" };
    const stored = body(await n.node.handle("store", params));
    assert.equal(
      (stored.swarm as Record<string, { expiry: number }>)[n.info.ed25519].expiry,
      time.now + 60000,
    );
    assert.deepEqual(
      await n.node.handle("store", { ...params, ttl: "60s" }),
      bad(`Invalid value given for 'ttl': "60s"`),
    );
    assert.deepEqual(
      await n.node.handle("store", { ...params, ttl: -5 }),
      bad("Invalid value given for 'ttl': expected positive integer"),
    );
  });
});

Deno.test("§6.1 namespace must be an int16: out of range → 400 `value out of range`", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    for (const namespace of [32768, -32769]) {
      const params = { ...storeParams(alice, time.now), namespace };
      assert.deepEqual(
        await n.node.handle("store", params),
        bad("Invalid value given for 'namespace': value out of range"),
      );
    }
    assert.deepEqual(
      await n.node.handle("store", { ...storeParams(alice, time.now), namespace: "5" }),
      bad("Invalid value given for 'namespace': expected 16-bit integer"),
    );
    assert.equal(
      (await n.node.handle("store", storeParams(alice, time.now, { namespace: -32768 })))
        .status,
      200,
    );
  });
});

Deno.test("§6.1 public inbox (÷10): anyone stores unsigned, even in negative namespaces", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    for (const namespace of [0, -10, 60, -30]) {
      const params = storeParams(alice, time.now, { namespace });
      assert.equal(params.signature, undefined);
      assert.equal((await n.node.handle("store", params)).status, 200, String(namespace));
    }
  });
});

Deno.test("§6.1 −10 and public outboxes are retrievable without a signature", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const legacy = await put(n.node, alice, time.now, { namespace: -10 });
    const outbox = await put(n.node, alice, time.now, { namespace: -21 });
    for (const [namespace, hash] of [[-10, legacy], [-21, outbox]] as const) {
      const result = await n.node.handle("retrieve", { pubkey: alice.pubkey, namespace });
      assert.deepEqual((body(result).messages as { hash: string }[]).map((m) => m.hash), [hash]);
    }
  });
});

Deno.test("§6.1 public outbox: store needs auth and replaces the previous message", async () => {
  await withNet(async ({ nodes, time }) => {
    const alice = accountIn(SWARM_A);
    const unsigned = { ...storeParams(alice, time.now), namespace: -1 };
    assert.deepEqual(await nodes[0].node.handle("store", unsigned), {
      status: 401,
      text: "store: signature required to store to namespace -1",
    });
    await put(nodes[0].node, alice, time.now, { namespace: -1, data: "first" });
    const second = await put(nodes[1].node, alice, time.now, { namespace: -1, data: "second" });
    for (const { node } of nodes.slice(0, 3)) {
      const result = await node.handle("retrieve", { pubkey: alice.pubkey, namespace: -1 });
      assert.deepEqual((body(result).messages as { hash: string }[]).map((m) => m.hash), [second]);
    }
  });
});

Deno.test("§6.1 hashes in delete/expire/last_hash must be 43 base64 chars → 400", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    for (const hash of ["abc", "A".repeat(44), "A".repeat(42) + "-"]) {
      const del = { ...alice.auth(`delete${hash}`), messages: [hash] };
      assert.deepEqual(await n.node.handle("delete", del), bad(`invalid message hash: ${hash}`));
      const exp = { ...alice.auth(`expire${time.now}${hash}`), messages: [hash], expiry: time.now };
      assert.deepEqual(await n.node.handle("expire", exp), bad(`invalid message hash: ${hash}`));
    }
    const long = retrieveParams(alice, time.now, { last_hash: "abc" });
    assert.deepEqual(
      await n.node.handle("retrieve", long),
      bad("Invalid last_hash: expected base64 (43 chars)"),
    );
    const notB64 = retrieveParams(alice, time.now, { last_hash: "A".repeat(42) + "_" });
    assert.deepEqual(await n.node.handle("retrieve", notB64), bad("Invalid last_hash: not base64"));
  });
});

Deno.test("§6.1 swarm check: every account method answers 421 with the right swarm", async () => {
  await withNet(async ({ nodes, time }) => {
    const bob = accountIn(SWARM_B); // lives in swarm B; nodes 0..2 are swarm A
    const now = time.now;
    const h = "A".repeat(43);
    const requests: [string, Record<string, unknown>][] = [
      ["store", storeParams(bob, now)],
      ["retrieve", retrieveParams(bob, now)],
      ["delete", { ...bob.auth(`delete${h}`), messages: [h] }],
      ["delete_all", { ...bob.auth(`delete_all${now}`), timestamp: now }],
      ["delete_before", { ...bob.auth(`delete_before${now}`), before: now }],
      ["expire", { ...bob.auth(`expire${now}${h}`), messages: [h], expiry: now }],
      ["expire_all", { ...bob.auth(`expire_all${now}`), expiry: now }],
      ["get_expiries", { ...bob.auth(`get_expiries${now}${h}`), timestamp: now, messages: [h] }],
      ["revoke_subaccount", { ...bob.auth(`revoke_subaccount${now}`), timestamp: now, revoke: [] }],
    ];
    for (const [method, params] of requests) {
      const result = await nodes[0].node.handle(method, params);
      assert.equal(result.status, 421, method);
      const b = nodes[3].info;
      const [snode] = body(result).snodes as Record<string, unknown>[];
      assert.match(snode.address as string, /^[ybndrfg8ejkmcpqxot1uwisza345h769]{52}\.snode$/);
      assert.deepEqual(body(result), {
        hf: [19, 4],
        snodes: [{
          address: snode.address,
          ip: "127.0.0.1",
          port: String(b.port),
          port_https: b.port,
          port_omq: b.port,
          port_quic: b.port,
          pubkey_ed25519: b.ed25519,
          pubkey_legacy: b.ed25519,
          pubkey_x25519: b.x25519,
        }],
        swarm: SWARM_B.toString(16),
        t: now,
      }, method);
    }
  });
});

/** A token `prefix ‖ flags ‖ 00 00 ‖ key`, signed by the account. */
function subaccount(
  prefix: number,
  flags: number,
  key: Uint8Array,
  owner: { sign(m: Uint8Array): string },
) {
  const token = concatBytes(new Uint8Array([prefix, flags, 0, 0]), key);
  return { token, subaccount: toBase64(token), subaccount_sig: owner.sign(token) };
}

Deno.test("§6.1 subaccounts: a delegated key may act within its flags, else 401", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const group = accountIn(SWARM_A, groupAccount);
    const member = createEd25519Signer(new Uint8Array(32).fill(77));
    const sign = (m: string) => toBase64(member.sign(new TextEncoder().encode(m)));
    const hash = await put(n.node, group, time.now, { namespace: 11 });
    const read = subaccount(0x03, SubaccountAccess.Read, member.publicKey, group);
    const request = {
      pubkey: group.pubkey,
      namespace: 11,
      timestamp: time.now,
      subaccount: read.subaccount,
      subaccount_sig: read.subaccount_sig,
      signature: sign(`retrieve11${time.now}`),
    };
    const ok = await n.node.handle("retrieve", request);
    assert.deepEqual((body(ok).messages as { hash: string }[]).map((m) => m.hash), [hash]);
    // Hex tokens work too.
    const hexToken = {
      ...request,
      subaccount: [...read.token].map((x) => x.toString(16).padStart(2, "0")).join(""),
    };
    assert.equal((await n.node.handle("retrieve", hexToken)).status, 200);
    const denied = { status: 401, text: "retrieve signature verification failed" };
    // Write-only token: no Read flag.
    const write = subaccount(0x03, SubaccountAccess.Write, member.publicKey, group);
    assert.deepEqual(
      await n.node.handle("retrieve", { ...request, ...write, token: undefined }),
      denied,
    );
    // Wrong network prefix without AnyPrefix; then with it.
    const wrongPrefix = subaccount(0x05, SubaccountAccess.Read, member.publicKey, group);
    assert.deepEqual(
      await n.node.handle("retrieve", { ...request, ...wrongPrefix, token: undefined }),
      denied,
    );
    const anyPrefix = subaccount(
      0x05,
      SubaccountAccess.Read | SubaccountAccess.AnyPrefix,
      member.publicKey,
      group,
    );
    assert.equal(
      (await n.node.handle("retrieve", { ...request, ...anyPrefix, token: undefined })).status,
      200,
    );
    // Token not signed by the account.
    const forged = { ...request, subaccount_sig: sign("nope") };
    assert.deepEqual(await n.node.handle("retrieve", forged), denied);
  });
});

Deno.test("§6.1 subaccount parse errors → 400 with the server's texts", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const group = accountIn(SWARM_A, groupAccount);
    const base = retrieveParams(group, time.now, { namespace: 11 });
    assert.deepEqual(
      await n.node.handle("retrieve", { ...base, subaccount: "A".repeat(48) }),
      bad("invalid subaccount: subaccount_sig is required when using subaccount"),
    );
    assert.deepEqual(
      await n.node.handle("retrieve", {
        ...base,
        subaccount: "A".repeat(47),
        subaccount_sig: base.signature,
      }),
      bad("invalid subaccount: expected base64 or hex-encoded subaccount token"),
    );
    assert.deepEqual(
      await n.node.handle("retrieve", { ...base, subaccount: "A".repeat(48), subaccount_sig: "x" }),
      bad("invalid subaccount signature: expected base64 encoded Ed25519 signature"),
    );
  });
});

Deno.test("§6.1 revoked subaccounts are refused, except in −11-style namespaces", async () => {
  await withNet(async ({ nodes: [n, n1], time }) => {
    const now = time.now;
    const group = accountIn(SWARM_A, groupAccount);
    const member = createEd25519Signer(new Uint8Array(32).fill(78));
    const sign = (m: string) => toBase64(member.sign(new TextEncoder().encode(m)));
    await put(n.node, group, now, { namespace: 11 });
    await put(n.node, group, now, { namespace: -11 });
    const token = subaccount(0x03, SubaccountAccess.Read, member.publicKey, group);
    const asMember = (namespace: number) => ({
      pubkey: group.pubkey,
      namespace,
      timestamp: now,
      subaccount: token.subaccount,
      subaccount_sig: token.subaccount_sig,
      signature: sign(`retrieve${namespace}${now}`),
    });
    assert.equal((await n.node.handle("retrieve", asMember(11))).status, 200);
    const revokeMessage = concatBytes(
      new TextEncoder().encode(`revoke_subaccount${now}`),
      token.token,
    );
    const revoked = await n.node.handle("revoke_subaccount", {
      pubkey: group.pubkey,
      timestamp: now,
      revoke: [token.subaccount],
      signature: group.sign(revokeMessage),
    });
    assert.equal(revoked.status, 200);
    // The revocation reached every swarm member.
    for (const node of [n, n1]) {
      assert.deepEqual(await node.node.handle("retrieve", asMember(11)), {
        status: 401,
        text: "retrieve signature verification failed",
      });
      assert.equal((await node.node.handle("retrieve", asMember(-11))).status, 200);
    }
    const unrevokeMessage = concatBytes(
      new TextEncoder().encode(`unrevoke_subaccount${now}`),
      token.token,
    );
    const restored = await n.node.handle("unrevoke_subaccount", {
      pubkey: group.pubkey,
      timestamp: now,
      unrevoke: [token.subaccount],
      signature: group.sign(unrevokeMessage),
    });
    assert.equal(
      (body(restored).swarm as Record<string, { count: number }>)[n.info.ed25519].count,
      1,
    );
    assert.equal((await n.node.handle("retrieve", asMember(11))).status, 200);
  });
});

Deno.test("§6.1 revoke_subaccount: ±60 s window (406), owner signature only (401), ≤ 50 tokens", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const group = accountIn(SWARM_A, groupAccount);
    const member = createEd25519Signer(new Uint8Array(32).fill(79));
    const token = subaccount(0x03, SubaccountAccess.Read, member.publicKey, group);
    const signed = (ts: number) =>
      group.sign(concatBytes(new TextEncoder().encode(`revoke_subaccount${ts}`), token.token));
    const stale = time.now - 60_001;
    assert.deepEqual(
      await n.node.handle("revoke_subaccount", {
        pubkey: group.pubkey,
        timestamp: stale,
        revoke: [token.subaccount],
        signature: signed(stale),
      }),
      { status: 406, text: "revoke_subaccount timestamp too far from current time" },
    );
    assert.deepEqual(
      await n.node.handle("revoke_subaccount", {
        pubkey: group.pubkey,
        timestamp: time.now,
        revoke: [token.subaccount],
        signature: signed(time.now - 1),
      }),
      { status: 401, text: "revoke_subaccount signature verification failed" },
    );
    assert.deepEqual(
      await n.node.handle("revoke_subaccount", {
        pubkey: group.pubkey,
        timestamp: time.now,
        revoke: Array(51).fill(token.subaccount),
        signature: signed(time.now),
      }),
      bad("invalid revoke: cannot revoke more than 50 subaccounts at once"),
    );
    assert.deepEqual(
      await n.node.handle("unrevoke_subaccount", {
        pubkey: group.pubkey,
        timestamp: time.now,
        unrevoke: ["nope"],
        signature: signed(time.now),
      }),
      bad("invalid unrevoke: expected base64 or hex-encoded subaccount tag"),
    );
  });
});
