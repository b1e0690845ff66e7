/** Attachments end to end on one devnet: encrypt, upload and download through onion, decrypt. */
import assert from "node:assert/strict";
import { CryptoError, ValidationError } from "../../../src/core/errors.ts";
import {
  encryptDeterministicAttachment,
  MAX_ATTACHMENT_BYTES,
} from "../../../src/crypto/attachments/mod.ts";
import { createFileServerClient } from "../../../src/client/files/mod.ts";
import { fetchAttachment, sendableAttachment } from "../../../src/client/attachments/mod.ts";
import type { AttachmentPointer } from "../../../src/proto/mod.ts";
import { hasCode } from "../_helpers.ts";
import { flipByte, pattern, png, spy, withDevnet } from "../files/_devnet.ts";

Deno.test("attachments on the devnet, through onion", (t) =>
  withDevnet(async (devnet, net) => {
    const wire = spy(net);
    const files = createFileServerClient(wire, devnet.fileServer);

    await t.step("a 10 MB attachment: upload → download → verify → decrypt", async () => {
      const big = pattern(MAX_ATTACHMENT_BYTES, 11);
      const pointer = await sendableAttachment(files, { bytes: big, fileName: "big.bin" });
      assert.deepEqual(
        [pointer.id, pointer.size, pointer.key?.length, pointer.digest?.length],
        ["0", MAX_ATTACHMENT_BYTES, 64, 32],
      );
      assert.equal(pointer.contentType, "application/octet-stream");
      assert.ok(pointer.url?.startsWith(`${devnet.fileServer.url}/file/`));
      const fetched = await fetchAttachment(files, pointer);
      assert.equal(fetched.size, MAX_ATTACHMENT_BYTES);
      assert.ok(fetched.bytes.every((b, i) => b === big[i]), "same bytes");
      assert.equal(fetched.fileName, "big.bin");
    });

    await t.step("over 10 MB is a ValidationError before any upload", async () => {
      const sent = wire.requests.length;
      await assert.rejects(
        sendableAttachment(files, { bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) }),
        hasCode("attachment_too_large", ValidationError),
      );
      await assert.rejects(
        sendableAttachment(files, { bytes: new Uint8Array(0) }),
        hasCode("empty_file", ValidationError),
      );
      assert.equal(wire.requests.length, sent, "the file server saw no upload");
    });

    await t.step("an image: content type, dimensions, name, caption", async () => {
      const image = png(640, 480);
      const pointer = await sendableAttachment(files, {
        bytes: image,
        fileName: "cat.png",
        caption: "a cat",
      });
      assert.deepEqual(
        [pointer.contentType, pointer.width, pointer.height, pointer.fileName, pointer.caption],
        ["image/png", 640, 480, "cat.png", "a cat"],
      );
      assert.equal(pointer.flags, undefined);
      const fetched = await fetchAttachment(files, pointer);
      assert.deepEqual(fetched, {
        bytes: image,
        contentType: "image/png",
        fileName: "cat.png",
        size: image.length,
        width: 640,
        height: 480,
      });
      // Without the pointer's metadata, the receiver sniffs it.
      const bare = { id: pointer.id, url: pointer.url, key: pointer.key, digest: pointer.digest };
      const sniffed = await fetchAttachment(files, bare);
      assert.deepEqual([sniffed.contentType, sniffed.width, sniffed.height], [
        "image/png",
        640,
        480,
      ]);
    });

    await t.step("a voice message keeps its content type and flag", async () => {
      const voice = await sendableAttachment(files, {
        bytes: pattern(4000),
        contentType: "audio/mpeg",
        voiceMessage: true,
      });
      assert.deepEqual([voice.contentType, voice.flags, voice.width], ["audio/mpeg", 1, undefined]);
    });

    await t.step("a tampered blob, wrong digest or key: CryptoError", async () => {
      const pointer = await sendableAttachment(files, { bytes: pattern(50_000) });
      wire.tamper = (request, response) =>
        request.method === "GET" ? flipByte(response, 100) : response;
      await assert.rejects(fetchAttachment(files, pointer), hasCode("bad_mac", CryptoError));
      wire.tamper = undefined;
      const digest = pointer.digest!.slice();
      digest[0] ^= 1;
      await assert.rejects(
        fetchAttachment(files, { ...pointer, digest }),
        hasCode("bad_digest", CryptoError),
      );
      const key = pointer.key!.slice();
      key[40] ^= 1;
      await assert.rejects(
        fetchAttachment(files, { ...pointer, key }),
        hasCode("bad_mac", CryptoError),
      );
      await assert.rejects(
        fetchAttachment(files, { ...pointer, size: pointer.size! + 10_000 }),
        hasCode("bad_size", CryptoError),
      );
      await assert.rejects(
        fetchAttachment(files, { ...pointer, digest: undefined }),
        hasCode("missing_digest", ValidationError),
      );
    });

    await t.step("deterministic format: by the #d fragment, or by a 32-byte key", async () => {
      const file = pattern(70_000, 5);
      const { blob, key, size } = encryptDeterministicAttachment(file, new Uint8Array(32).fill(1));
      const { url } = await files.upload(blob, { deterministic: true });
      const pointer: AttachmentPointer = { id: "0", url, key, size, contentType: "text/plain" };
      assert.ok(url.endsWith("&d"));
      assert.deepEqual((await fetchAttachment(files, pointer)).bytes, file);
      const plainUrl = url.slice(0, url.indexOf("#"));
      assert.deepEqual((await fetchAttachment(files, { ...pointer, url: plainUrl })).bytes, file);
      wire.tamper = (_request, response) => flipByte(response, -5);
      await assert.rejects(fetchAttachment(files, pointer), hasCode("decrypt_failed", CryptoError));
      wire.tamper = (_request, response) => flipByte(response, 0); // not 'S' any more
      await assert.rejects(fetchAttachment(files, pointer), hasCode("unknown_format", CryptoError));
      wire.tamper = undefined;
      await assert.rejects(
        fetchAttachment(files, { ...pointer, size: size + 1 }),
        hasCode("bad_size", CryptoError),
      );
    });

    await t.step("malformed pointers are ValidationErrors, and nothing is downloaded", async () => {
      const sent = wire.requests.length;
      const url = `${devnet.fileServer.url}/file/${"A".repeat(44)}`;
      const bad: AttachmentPointer[] = [
        { id: "0", key: new Uint8Array(64), digest: new Uint8Array(32) },
        { id: "0", url, digest: new Uint8Array(32) },
        { id: "0", url, key: new Uint8Array(48), digest: new Uint8Array(32) },
        { id: "0", url, key: new Uint8Array(64), digest: new Uint8Array(31) },
        { id: "0", url: `${url}#d`, key: new Uint8Array(64), digest: new Uint8Array(32) },
      ];
      for (const pointer of bad) {
        await assert.rejects(
          fetchAttachment(files, pointer),
          hasCode("invalid_pointer", ValidationError),
        );
      }
      assert.equal(wire.requests.length, sent);
    });
  }));
