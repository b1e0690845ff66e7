/** File server replies without a network: status mapping, unreadable bodies, URLs. */
import assert from "node:assert/strict";
import { NetworkError, ValidationError } from "../../../src/core/errors.ts";
import {
  createFileServerClient,
  FileServerError,
  fileUrl,
  MAINNET_FILE_SERVER,
  parseFileUrl,
} from "../../../src/client/files/mod.ts";
import type { ServerTarget, V4Response } from "../../../src/onion/mod.ts";
import { hasCode } from "../_helpers.ts";

const json = (code: number, body: unknown): V4Response => ({
  code,
  headers: { "content-type": "application/json" },
  body: new TextEncoder().encode(JSON.stringify(body)),
});

/** A client whose network answers every request with `reply`, recording the targets. */
function fake(reply: V4Response) {
  const targets: ServerTarget[] = [];
  const files = createFileServerClient({
    serverRequest: (server) => {
      targets.push(server);
      return Promise.resolve(reply);
    },
  });
  return { files, targets };
}

Deno.test("statuses map to FileServerError codes, 413 to ValidationError", async () => {
  for (
    const [status, code, retryable] of [
      [403, "forbidden", false],
      [429, "rate_limited", true],
      [502, "server_error", true],
      [418, "unexpected_status", false],
    ] as const
  ) {
    await assert.rejects(
      fake(json(status, {})).files.info("abc"),
      (e) =>
        e instanceof FileServerError && e.code === code && e.status === status &&
        e.retryable === retryable,
    );
  }
  await assert.rejects(
    fake(json(413, {})).files.upload(new Uint8Array(10)),
    hasCode("attachment_too_large", ValidationError),
  );
});

Deno.test("unreadable 200 replies are NetworkError bad_reply", async () => {
  const text = {
    code: 200,
    headers: { "content-type": "application/json" },
    body: Uint8Array.of(1),
  };
  await assert.rejects(
    fake(text).files.upload(Uint8Array.of(1)),
    hasCode("bad_reply", NetworkError),
  );
  await assert.rejects(
    fake(json(200, { id: "../x", expires: 1 })).files.upload(Uint8Array.of(1)),
    hasCode("bad_reply", NetworkError),
  );
  await assert.rejects(fake(json(200, { size: -1 })).files.info("abc"), hasCode("bad_reply"));
  const empty = { code: 200, headers: {}, body: new Uint8Array(0) };
  await assert.rejects(fake(empty).files.download("abc"), hasCode("bad_reply", NetworkError));
});

Deno.test("mainnet: default target, URLs without p=, numeric legacy ids", async () => {
  const { files, targets } = fake(json(200, { id: 12345, expires: 1_700_000_000.5 }));
  const up = await files.upload(Uint8Array.of(1, 2, 3));
  assert.deepEqual(up, {
    id: "12345",
    url: "http://filev2.getsession.org/file/12345",
    expires: 1_700_000_000_500,
  });
  assert.equal(targets[0], MAINNET_FILE_SERVER);
});

Deno.test("file URLs: fragments, legacy paths, Ed25519 p= servers, bad URLs", () => {
  assert.deepEqual(parseFileUrl("http://filev2.getsession.org/file/123#d"), {
    server: "http://filev2.getsession.org",
    id: "123",
    deterministic: true,
  });
  const key = "AB".repeat(32);
  assert.deepEqual(parseFileUrl(`https://files.example:8443/files/x_y-z#p=${key}&d`), {
    server: "https://files.example:8443",
    id: "x_y-z",
    deterministic: true,
    pubkey: key.toLowerCase(),
  });
  assert.equal(
    fileUrl(MAINNET_FILE_SERVER, "abc", { deterministic: true }),
    `${MAINNET_FILE_SERVER.url}/file/abc#d`,
  );
  const other = { url: "http://127.0.0.1:9/", x25519: "00".repeat(32), ed25519: "cd".repeat(32) };
  assert.equal(fileUrl(other, "abc"), `http://127.0.0.1:9/file/abc#p=${"cd".repeat(32)}`);
  for (const bad of ["", "ftp://x/file/1", "http://x/file/", "http://x/file/1?x=1", "nonsense"]) {
    assert.throws(() => parseFileUrl(bad), hasCode("bad_file_url", ValidationError));
  }
});

Deno.test("a URL on another server with an Ed25519 p= key is fetched from that server", async () => {
  const { files, targets } = fake({ code: 200, headers: {}, body: Uint8Array.of(9) });
  const ed = "b8eef9821445ae16e2e97ef8aa6fe782fd11ad5253cd6723b281341dba22e371";
  await files.download(`http://other.example/file/abc#p=${ed}`);
  // The mainnet server's keys: its X25519 key is the Ed25519 key converted.
  assert.deepEqual(targets[0], {
    url: "http://other.example",
    x25519: MAINNET_FILE_SERVER.x25519,
    ed25519: ed,
  });
  await files.download("http://filev2.getsession.org/file/abc");
  assert.equal(targets[1], MAINNET_FILE_SERVER);
});
