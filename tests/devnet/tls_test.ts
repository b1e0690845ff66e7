import assert from "node:assert/strict";
import { join } from "node:path";
import { snodeFetch } from "../../src/onion/mod.ts";
import { createSelfSignedCert } from "../../src/devnet/tls/mod.ts";
import { integer, oid, time } from "../../src/devnet/tls/asn1.ts";
import { toHex } from "../../src/core/bytes.ts";

Deno.test("asn1: INTEGER sign byte, OID base-128, UTCTime vs GeneralizedTime", () => {
  assert.equal(toHex(integer(0x80)), "02020080");
  assert.equal(toHex(integer(Uint8Array.of(0, 0, 1))), "020101");
  assert.equal(toHex(oid("1.2.840.10045.4.3.2")), "06082a8648ce3d040302");
  assert.equal(toHex(time(new Date("2030-01-02T03:04:05Z"))).slice(0, 4), "170d");
  assert.equal(toHex(time(new Date("2051-01-02T03:04:05Z"))).slice(0, 4), "180f");
});

Deno.test("tls: a generated certificate serves HTTPS on 127.0.0.1", async () => {
  const tls = await createSelfSignedCert({ commonName: "test node" });
  assert.match(tls.cert, /^-----BEGIN CERTIFICATE-----\n/);
  assert.match(tls.key, /^-----BEGIN PRIVATE KEY-----\n/);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: tls.cert, key: tls.key, onListen() {} },
    () => new Response("hello"),
  );
  try {
    const res = await snodeFetch(`https://127.0.0.1:${server.addr.port}/`, "x");
    assert.equal(res.status, 200);
    assert.equal(new TextDecoder().decode(res.body), "hello");
  } finally {
    await server.shutdown();
  }
});

Deno.test({
  name: "tls: openssl accepts the certificate (self-signed, SAN 127.0.0.1)",
  ignore: !hasOpenssl(),
  async fn() {
    const tls = await createSelfSignedCert({ commonName: "check" });
    const dir = await Deno.makeTempDir({ prefix: "devnet-tls-" });
    try {
      const path = join(dir, "cert.pem");
      await Deno.writeTextFile(path, tls.cert);
      const verify = await openssl(["verify", "-CAfile", path, path]);
      assert.equal(verify.code, 0, verify.text);
      const text = await openssl(["x509", "-in", path, "-noout", "-text"]);
      assert.match(text.text, /IP Address:127\.0\.0\.1/);
      assert.match(text.text, /ecdsa-with-SHA256/);
      assert.match(text.text, /Subject: CN ?= ?check/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

function hasOpenssl(): boolean {
  try {
    return new Deno.Command("which", { args: ["openssl"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

async function openssl(args: string[]): Promise<{ code: number; text: string }> {
  const out = await new Deno.Command("openssl", { args, stdout: "piped", stderr: "piped" })
    .output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, text: decode(out.stdout) + decode(out.stderr) };
}
