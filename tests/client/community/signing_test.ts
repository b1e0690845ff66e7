/**
 * Request signing: the §7.1 vector, and what a direct-HTTP connection really sends to a local
 * receiver (headers verify against the signed message, emoji paths, unblinded fallback).
 */
import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { fromBase64, fromHex, toHex } from "../../../src/core/bytes.ts";
import { sogsRequestHeaders, sogsSignatureMessage } from "../../../src/crypto/sogs_auth.ts";
import { CommunityError } from "../../../src/client/community/mod.ts";
import { createConnection } from "../../../src/client/community/transport.ts";

const SEED = fromHex("c010d89eccbaf5d1c6d19df766c6eedf965d4a28a56f87c9fc819edb59896dd9");
const SERVER = "c3b3c6f32f0ab5a57f853cc4f30f5da7fda5624b0c77b3fb0829de562ada081d";
const NONCE = fromHex("09d0799f2295990182c3ab3406fbfc5b");
const PATH = "/room/the-best-room/messages/recent?limit=25";

Deno.test("§7.1: blinded and unblinded headers match the vector", () => {
  const common = {
    ed25519Seed: SEED,
    serverPubkey: SERVER,
    nonce: NONCE,
    timestamp: 1642472103,
    method: "GET",
    path: PATH,
  };
  const blinded = sogsRequestHeaders(common);
  assert.equal(
    blinded["X-SOGS-Pubkey"],
    "1598932d4bccbe595a8789d7eb1629cefc483a0eaddc7e20e8fe5c771efafd9af5",
  );
  assert.equal(blinded["X-SOGS-Nonce"], "CdB5nyKVmQGCw6s0Bvv8Ww==");
  assert.equal(
    blinded["X-SOGS-Signature"],
    "gYqpWZX6fnF4Gb2xQM3xaXs0WIYEI49+B8q4mUUEg8Rw0ObaHUWfoWjMHMArAtP9QlORfiydsKWz1o6zdPVeCQ==",
  );
  const plain = sogsRequestHeaders({ ...common, blinded: false });
  assert.equal(
    plain["X-SOGS-Pubkey"],
    "00bac6e71efd7dfa4a83c98ed24f254ab2c267f9ccdb172a5280a0444ad24e89cc",
  );
  assert.equal(
    plain["X-SOGS-Signature"],
    "xxLpXHbomAJMB9AtGMyqvBsXrdd2040y+Ol/IKzElWfKJa3EYZRv1GLO6CTLhrDFUwVQe8PPltyGs54Kd7O5Cg==",
  );
  const withBody = sogsRequestHeaders({ ...common, body: "hello 🎂" });
  assert.equal(
    withBody["X-SOGS-Signature"],
    "hZCg5pEoy9t98umaY6fNarzcLP5UKUF8chz5mIjwwrRIQLy1kinRoYcNPdFOpJu8heA0val4viymXRTp1DGeBg==",
  );
});

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: Uint8Array;
}

async function withReceiver(
  status: number,
  fn: (url: string, seen: Seen[]) => Promise<void>,
): Promise<void> {
  const seen: Seen[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    seen.push({
      method: req.method,
      path: decodeURI(url.pathname) + url.search,
      headers: req.headers,
      body: new Uint8Array(await req.arrayBuffer()),
    });
    return new Response(status === 200 ? JSON.stringify({ ok: true }) : "Rate limited", {
      status,
      headers: { "content-type": status === 200 ? "application/json" : "text/plain" },
    });
  });
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`, seen);
  } finally {
    await server.shutdown();
  }
}

function verifies(seen: Seen): boolean {
  const h = seen.headers;
  const message = sogsSignatureMessage({
    serverPubkey: SERVER,
    nonce: fromBase64(h.get("x-sogs-nonce")!),
    timestamp: Number(h.get("x-sogs-timestamp")),
    method: seen.method,
    path: seen.path,
    body: seen.body,
  });
  const pubkey = h.get("x-sogs-pubkey")!;
  return ed25519.verify(fromBase64(h.get("x-sogs-signature")!), message, fromHex(pubkey.slice(2)));
}

Deno.test("a direct request carries blinded headers that verify (emoji path, JSON body)", async () => {
  await withReceiver(200, async (url, seen) => {
    const conn = createConnection({
      network: {
        serverRequest: () => Promise.reject(new Error("not onion")),
        now: () => Date.now(),
      },
      seed: SEED,
      server: url,
      publicKey: SERVER,
      transport: "direct",
      blinded: () => true,
    });
    const body = await conn.call("reaction", {
      method: "PUT",
      path: "/room/r/reaction/1/👍",
      json: {},
    });
    assert.deepEqual(body, { ok: true });
    assert.equal(seen[0].path, "/room/r/reaction/1/👍");
    assert.equal(
      seen[0].headers.get("x-sogs-pubkey"),
      "1598932d4bccbe595a8789d7eb1629cefc483a0eaddc7e20e8fe5c771efafd9af5",
    );
    assert.equal(seen[0].headers.get("content-type"), "application/json");
    assert.ok(verifies(seen[0]));
  });
});

Deno.test("without blind the key is 00 + Ed25519; unsigned requests carry no headers", async () => {
  await withReceiver(200, async (url, seen) => {
    const conn = createConnection({
      network: { serverRequest: () => Promise.reject(new Error("no")), now: () => Date.now() },
      seed: SEED,
      server: url,
      publicKey: SERVER,
      transport: "direct",
      blinded: () => false,
    });
    await conn.call("messages", { method: "GET", path: "/room/r/messages/since/5?t=r&limit=256" });
    await conn.call("caps", { method: "GET", path: "/capabilities", auth: false });
    assert.equal(seen[0].headers.get("x-sogs-pubkey"), "00" + toHex(ed25519.getPublicKey(SEED)));
    assert.equal(seen[0].path, "/room/r/messages/since/5?t=r&limit=256");
    assert.ok(verifies(seen[0]));
    assert.equal(seen[1].headers.get("x-sogs-pubkey"), null);
  });
});

Deno.test("a 429 answer is a retryable CommunityError rate_limited with the server's text", async () => {
  await withReceiver(429, async (url) => {
    const conn = createConnection({
      network: { serverRequest: () => Promise.reject(new Error("no")), now: () => Date.now() },
      seed: SEED,
      server: url,
      publicKey: SERVER,
      transport: "direct",
      blinded: () => true,
    });
    await assert.rejects(
      conn.call("post to r", { method: "POST", path: "/room/r/message", json: {} }),
      (e) =>
        e instanceof CommunityError && e.code === "rate_limited" && e.retryable &&
        e.status === 429 && e.message.includes("Rate limited"),
    );
  });
});
