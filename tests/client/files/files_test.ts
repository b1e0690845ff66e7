/** The file server client on one devnet: every request through a 3-hop onion path (v4). */
import assert from "node:assert/strict";
import { SessionBotError, ValidationError } from "../../../src/core/errors.ts";
import {
  createFileServerClient,
  FileServerError,
  MAX_FILE_BYTES,
  parseFileUrl,
} from "../../../src/client/files/mod.ts";
import { hasCode } from "../_helpers.ts";
import { FILE_LIMIT, pattern, spy, withDevnet } from "./_devnet.ts";

Deno.test("file server client on the devnet, through onion", (t) =>
  withDevnet(async (devnet, net) => {
    const wire = spy(net);
    const files = createFileServerClient(wire, devnet.fileServer);
    const data = pattern(300_000);

    await t.step("upload → download by URL and id → info → extend", async () => {
      const before = Date.now();
      const up = await files.upload(data, { ttlSeconds: 3600 });
      assert.equal(up.id.length, 44);
      assert.equal(up.url, `${devnet.fileServer.url}/file/${up.id}#p=${devnet.fileServer.ed25519}`);
      assert.ok(Math.abs(up.expires - (before + 3_600_000)) < 5_000, "expires is Unix ms");
      assert.deepEqual(await files.download(up.url), data);
      assert.deepEqual(await files.download(up.id), data);
      const info = await files.info(up.id);
      assert.equal(info.size, data.length);
      assert.equal(info.expires, up.expires);
      assert.ok(info.uploaded >= before - 1000 && info.uploaded <= Date.now() + 1000);
      const extended = await files.extend(up.id, 7200);
      assert.ok(extended.expires >= up.expires + 3_500_000);
      const request = wire.requests[0];
      assert.deepEqual([request.method, request.endpoint], ["POST", "/file"]);
      assert.equal(request.headers?.["X-FS-TTL"], "3600");
      const deterministic = await files.upload(pattern(1000, 9), { deterministic: true });
      assert.equal(parseFileUrl(deterministic.url).deterministic, true);
    });

    await t.step("error statuses become typed errors", async () => {
      const missing = "A".repeat(44);
      await assert.rejects(
        files.download(missing),
        (e) =>
          e instanceof FileServerError && e.status === 404 && e.code === "file_not_found" &&
          !e.retryable,
      );
      await assert.rejects(files.info(missing), hasCode("file_not_found", FileServerError));
      await assert.rejects(
        files.upload(data, { ttlSeconds: 365 * 86400 }),
        (e) => e instanceof FileServerError && e.status === 400 && e.code === "bad_request",
      );
      // Over the server's limit but within the client's: the server's 413 is a ValidationError.
      await assert.rejects(
        files.upload(pattern(FILE_LIMIT + 1000)),
        hasCode("attachment_too_large", ValidationError),
      );
    });

    await t.step("bad input is refused before anything is sent", async () => {
      const sent = wire.requests.length;
      const refused = [
        [() => files.upload(new Uint8Array(MAX_FILE_BYTES + 1)), "attachment_too_large"],
        [() => files.upload(new Uint8Array(0)), "empty_file"],
        [() => files.upload(data, { ttlSeconds: 0 }), "bad_ttl"],
        [() => files.extend("12345"), "not_extendable"],
        [() => files.download("../etc/passwd"), "bad_file_id"],
        [() => files.download("http://example.org/file/abc"), "unknown_file_server"],
        [() => files.download(`${devnet.fileServer.url}/other/abc`), "bad_file_url"],
      ] as const;
      for (const [call, code] of refused) {
        await assert.rejects(call(), hasCode(code, ValidationError));
      }
      assert.equal(wire.requests.length, sent, "no request for refused input");
    });

    await t.step("a reply larger than maxBytes is refused", async () => {
      const { url } = await files.upload(pattern(5000));
      await assert.rejects(
        files.download(url, { maxBytes: 4999 }),
        hasCode("response_too_large", SessionBotError),
      );
      assert.equal((await files.download(url, { maxBytes: 5000 })).length, 5000);
    });
  }));
