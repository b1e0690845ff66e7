import assert from "node:assert/strict";
import { toHex } from "../../src/core/bytes.ts";
import { createFileServer, fileId } from "../../src/devnet/fileserver/mod.ts";
import { keysFromSeed } from "../../src/devnet/keys.ts";
import {
  decodeServerReply,
  encodeLayer,
  encodeV4Request,
  encryptForNode,
  snodeFetch,
} from "../../src/onion/mod.ts";

async function withFileServer(
  fn: (url: string, clock: { now: number }, x25519: string) => Promise<void>,
  limits: { maxFileSize?: number; maxTtl?: number } = {},
) {
  const kv = await Deno.openKv(":memory:");
  const clock = { now: Date.now() };
  const keys = keysFromSeed(new Uint8Array(32).fill(7));
  const server = createFileServer({ kv, keys, port: 0, now: () => clock.now, ...limits });
  await server.listener.start();
  try {
    await fn(server.info().url, clock, keys.x25519Hex);
  } finally {
    await server.listener.stop();
    kv.close();
  }
}

async function http(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : new Uint8Array(await res.arrayBuffer());
  return { status: res.status, body, headers: res.headers };
}

Deno.test("file server: upload → download → info → extend, dedup by content id", () =>
  withFileServer(async (url, clock) => {
    const data = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31 + 7) & 255);
    const up = await http(`${url}/file`, { method: "POST", body: data });
    assert.equal(up.status, 200);
    assert.equal(up.body.id, fileId(data));
    assert.equal(up.body.id.length, 44);
    assert.ok(Math.abs(up.body.expires - (clock.now / 1000 + 21 * 86400)) < 1);

    const down = await http(`${url}/file/${up.body.id}`);
    assert.equal(down.status, 200);
    assert.equal(down.headers.get("content-type"), "application/octet-stream");
    assert.ok(down.headers.get("expires"));
    assert.deepEqual(down.body, data);

    const info = await http(`${url}/file/${up.body.id}/info`);
    assert.deepEqual(info.body, {
      size: data.length,
      uploaded: clock.now / 1000,
      expires: up.body.expires,
    });

    clock.now += 1000;
    const again = await http(`${url}/file`, { method: "POST", body: data });
    assert.equal(again.body.id, up.body.id);
    assert.equal(again.body.expires, up.body.expires + 1);

    const shortTtl = await http(`${url}/file/${up.body.id}/extend`, {
      method: "POST",
      headers: { "X-FS-TTL": "60" },
    });
    assert.equal(shortTtl.status, 200);
    assert.equal(shortTtl.body.expires, again.body.expires, "extend never shortens");
  }));

Deno.test("file server: limits, TTL header, expiry, missing files", () =>
  withFileServer(async (url, clock) => {
    assert.deepEqual(
      (await http(`${url}/file`, { method: "POST", body: new Uint8Array(0) })).body,
      {
        status_code: 413,
      },
    );
    assert.equal(
      (await http(`${url}/file`, { method: "POST", body: new Uint8Array(1001) })).status,
      413,
    );
    const bad = await http(`${url}/file`, {
      method: "POST",
      body: new Uint8Array(10),
      headers: { "X-FS-TTL": "999999999" },
    });
    assert.equal(bad.status, 400);
    const up = await http(`${url}/file`, {
      method: "POST",
      body: new Uint8Array(10).fill(1),
      headers: { "X-FS-TTL": "30" },
    });
    assert.equal(up.body.expires, clock.now / 1000 + 30);
    clock.now += 31_000;
    assert.deepEqual(await http(`${url}/file/${up.body.id}`).then((r) => [r.status, r.body]), [
      404,
      { status_code: 404 },
    ]);
    assert.equal((await http(`${url}/file/${up.body.id}/info`)).status, 404);
    assert.equal((await http(`${url}/file/123/extend`, { method: "POST" })).status, 404);
    assert.equal((await http(`${url}/nope`)).status, 404);
  }, { maxFileSize: 1000 }));

Deno.test("file server: the default limit fits an encrypted 10 MB attachment (10,223,616 bytes)", () =>
  withFileServer(async (url) => {
    const max = new Uint8Array(10_223_616).fill(3);
    const ok = await http(`${url}/file`, { method: "POST", body: max });
    assert.equal(ok.status, 200);
    const down = await http(`${url}/file/${ok.body.id}`);
    assert.equal(down.body.length, max.length);
    assert.equal(down.body[10_223_615], 3);
    const over = await http(`${url}/file`, { method: "POST", body: new Uint8Array(10_223_617) });
    assert.equal(over.status, 413);
  }));

Deno.test("file server: deprecated /files JSON upload and download", () =>
  withFileServer(async (url) => {
    const up = await http(`${url}/files`, {
      method: "POST",
      body: JSON.stringify({ file: "aGVsbG8=" }),
    });
    assert.equal(up.body.status_code, 200);
    assert.ok(Number.isSafeInteger(up.body.result));
    const down = await http(`${url}/files/${up.body.result}`);
    assert.deepEqual(down.body, { status_code: 200, result: "aGVsbG8=" });
    assert.equal((await http(`${url}/files`, { method: "POST", body: "{}" })).status, 400);
  }));

Deno.test("file server: /oxen/v4/lsrpc opens the layer with its own key (aes-gcm, xchacha20)", () =>
  withFileServer(async (url, _clock, x25519) => {
    for (const encType of ["aes-gcm", "xchacha20"] as const) {
      const request = encodeV4Request(
        {
          method: "POST",
          endpoint: "/file",
          headers: { "Content-Type": "application/octet-stream" },
        },
        new Uint8Array([1, 2, 3, encType.length]),
      );
      const sealed = encryptForNode(x25519, request, encType);
      const layer = encodeLayer(sealed.ciphertext, {
        host: "127.0.0.1",
        target: "/oxen/v4/lsrpc",
        ephemeral_key: toHex(sealed.ephemeralPublicKey),
        enc_type: encType,
      });
      const res = await snodeFetch(`${url}/oxen/v4/lsrpc`, layer);
      assert.equal(res.status, 200);
      const reply = decodeServerReply(res.body, sealed.key, encType);
      assert.equal(reply.code, 200);
      assert.equal(reply.headers["content-type"], "application/json");
      assert.equal(reply.headers["content-length"], undefined);
      assert.equal(JSON.parse(new TextDecoder().decode(reply.body)).id.length, 44);
    }
    const garbage = await snodeFetch(`${url}/oxen/v4/lsrpc`, new Uint8Array([1, 2]));
    assert.equal(garbage.status, 400);
  }));
