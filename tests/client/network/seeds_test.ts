/** Seeds: the pinned mainnet defaults, pinned HTTPS, and bootstrap from a seed URL (core §5.1). */
import assert from "node:assert/strict";
import { createHash, X509Certificate } from "node:crypto";
import {
  createNetwork,
  fetchFromSeeds,
  MAINNET_SEEDS,
  pinnedFetch,
  seedRpcUrl,
} from "../../../src/client/network/mod.ts";
import { networkConfig } from "../../../src/client/network/options.ts";
import { NetworkError } from "../../../src/core/errors.ts";
import { createSelfSignedCert, startDevnet } from "../../../src/devnet/mod.ts";
import { assertValidation } from "../../assertions.ts";

Deno.test("mainnet is the default: three seeds whose pins match their certificates", () => {
  assert.equal(networkConfig({}).seeds, MAINNET_SEEDS);
  assert.equal(MAINNET_SEEDS.length, 3);
  for (const seed of MAINNET_SEEDS) {
    const url = new URL(seed.url);
    assert.deepEqual([url.protocol, url.port], ["https:", "4443"]);
    const cert = new X509Certificate(seed.ca!);
    assert.equal(cert.fingerprint256, seed.certSha256, seed.url);
    const spki = cert.publicKey.export({ type: "spki", format: "der" });
    assert.equal(createHash("sha256").update(spki).digest("base64"), seed.pubkeySha256, seed.url);
    assert.equal(cert.subjectAltName, `DNS:${url.hostname}`);
    assert.ok(new Date(cert.validTo).getTime() > Date.now(), `${seed.url} certificate expired`);
  }
  // `network` replaces the default; `seeds` too; both are checked.
  assert.deepEqual(networkConfig({ network: "https://127.0.0.1:1/json_rpc" }).seeds, [
    { url: "https://127.0.0.1:1/json_rpc" },
  ]);
  assertValidation(() => createNetwork({ network: "ftp://x" }), "bad_option", "network");
  assertValidation(() => createNetwork({ seeds: [] }), "bad_option", "seeds");
  assertValidation(
    () => createNetwork({ transport: "smoke" as "onion" }),
    "bad_option",
    "transport",
  );
});

Deno.test("seed RPC URLs: base URLs get json_rpc appended", () => {
  assert.equal(
    seedRpcUrl("https://seed1.getsession.org:4443/"),
    "https://seed1.getsession.org:4443/json_rpc",
  );
  assert.equal(seedRpcUrl("http://127.0.0.1:5"), "http://127.0.0.1:5/json_rpc");
  assert.equal(seedRpcUrl("https://127.0.0.1:5/json_rpc"), "https://127.0.0.1:5/json_rpc");
});

Deno.test("pinned HTTPS: the right certificate passes, another one or a wrong pin fails", async () => {
  const tls = await createSelfSignedCert({ commonName: "pinned seed" });
  const other = await createSelfSignedCert({ commonName: "impostor" });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: tls.cert, key: tls.key, onListen() {} },
    () => new Response('{"ok":true}', { headers: { "content-type": "application/json" } }),
  );
  try {
    const url = `https://127.0.0.1:${server.addr.port}/json_rpc`;
    const certSha256 = new X509Certificate(tls.cert).fingerprint256;
    const ok = await pinnedFetch(url, "{}", { url, ca: tls.cert, certSha256 }, { timeoutMs: 5000 });
    assert.equal(ok.status, 200);
    const failures = [
      { url, ca: tls.cert, certSha256: certSha256.replace(/^../, "00") },
      { url, ca: tls.cert, pubkeySha256: "AAAA" },
      { url, ca: other.cert },
    ];
    for (const seed of failures) {
      await assert.rejects(
        pinnedFetch(url, "{}", seed, { timeoutMs: 5000 }),
        (e) => e instanceof NetworkError && e.code === "connection_failed",
      );
    }
  } finally {
    await server.shutdown();
  }
});

Deno.test("bootstrap from a seed URL; bad seeds are skipped; all bad is a typed error", async () => {
  const devnet = await startDevnet({ nodes: 4, swarms: 1 });
  let asked = 0;
  const liar = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    asked++;
    return new Response("<html>not json</html>", { status: 200 });
  });
  try {
    const nodes = await fetchFromSeeds([{ url: devnet.seedUrl }], { timeoutMs: 2000 });
    assert.deepEqual(
      new Set(nodes.map((n) => n.ed25519)),
      new Set(devnet.nodes.map((n) => n.ed25519)),
    );
    assert.ok(nodes.every((n) => n.ip === "127.0.0.1" && n.port > 0));
    const liarUrl = `http://127.0.0.1:${liar.addr.port}/`;
    const mixed = await fetchFromSeeds([{ url: liarUrl }, { url: devnet.seedUrl }], {
      timeoutMs: 2000,
    });
    assert.equal(mixed.length, 4);
    const started = Date.now();
    await assert.rejects(
      fetchFromSeeds([{ url: liarUrl }], { timeoutMs: 2000, attempts: 3, backoffMs: 20 }),
      (e) =>
        e instanceof NetworkError && e.code === "seed_unreachable" && /not JSON/.test(e.message),
    );
    assert.ok(Date.now() - started >= 60, "backs off 20 + 40 ms");
    assert.ok(asked >= 4);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(
      fetchFromSeeds([{ url: liarUrl }], { signal: aborted.signal }),
      (e) => e instanceof NetworkError && e.code === "aborted",
    );
  } finally {
    await liar.shutdown();
    await devnet.stop();
  }
});
