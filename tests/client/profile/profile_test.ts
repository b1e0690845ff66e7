/** Avatars on one devnet: encrypted with the profile key, uploaded and fetched through onion. */
import assert from "node:assert/strict";
import { CryptoError, ValidationError } from "../../../src/core/errors.ts";
import { encryptDeterministicAttachment } from "../../../src/crypto/attachments/mod.ts";
import { createFileServerClient } from "../../../src/client/files/mod.ts";
import { fetchAvatar, uploadAvatar } from "../../../src/client/profile/mod.ts";
import { hasCode } from "../_helpers.ts";
import { flipByte, png, spy, withDevnet } from "../files/_devnet.ts";

Deno.test("avatars on the devnet, through onion", (t) =>
  withDevnet(async (devnet, net) => {
    const wire = spy(net);
    const files = createFileServerClient(wire, devnet.fileServer);
    const image = png(256, 256, 30_000);

    await t.step("upload with a new profile key → fetch → same image", async () => {
      const before = Date.now();
      const avatar = await uploadAvatar(files, image);
      assert.equal(avatar.profileKey.length, 32);
      assert.ok(avatar.url.startsWith(`${devnet.fileServer.url}/file/`));
      assert.ok(avatar.expires > before + 86_400_000);
      assert.deepEqual(await fetchAvatar(files, avatar.url, avatar.profileKey), image);
      // The stored file is encrypted: iv(12) ‖ AES-GCM(image) ‖ tag(16).
      const stored = await files.download(avatar.url);
      assert.equal(stored.length, image.length + 28);
      assert.notDeepEqual(stored.subarray(12, 40), image.subarray(0, 28));
    });

    await t.step("a re-upload keeps the given profile key", async () => {
      const key = crypto.getRandomValues(new Uint8Array(32));
      const second = png(128, 128, 5000);
      const avatar = await uploadAvatar(files, second, key, { ttlSeconds: 3600 });
      assert.deepEqual(avatar.profileKey, key);
      assert.deepEqual(await fetchAvatar(files, avatar.url, key), second);
    });

    await t.step("a wrong key or a tampered file: CryptoError decrypt_failed", async () => {
      const avatar = await uploadAvatar(files, image);
      const wrong = avatar.profileKey.slice();
      wrong[0] ^= 1;
      await assert.rejects(
        fetchAvatar(files, avatar.url, wrong),
        hasCode("decrypt_failed", CryptoError),
      );
      wire.tamper = (_request, response) => flipByte(response, 50);
      await assert.rejects(
        fetchAvatar(files, avatar.url, avatar.profileKey),
        hasCode("decrypt_failed", CryptoError),
      );
      wire.tamper = undefined;
    });

    await t.step("a deterministic (#d) avatar", async () => {
      const { blob, key } = encryptDeterministicAttachment(image, new Uint8Array(32).fill(3), {
        domain: "profile_picture",
      });
      const { url } = await files.upload(blob, { deterministic: true });
      assert.deepEqual(await fetchAvatar(files, url, key), image);
    });

    await t.step("bad input is refused before anything is sent", async () => {
      const sent = wire.requests.length;
      await assert.rejects(
        uploadAvatar(files, new Uint8Array(0)),
        hasCode("empty_file", ValidationError),
      );
      await assert.rejects(
        uploadAvatar(files, new Uint8Array(10_000_001)),
        hasCode("attachment_too_large", ValidationError),
      );
      await assert.rejects(
        uploadAvatar(files, image, new Uint8Array(16)),
        hasCode("invalid_key", ValidationError),
      );
      await assert.rejects(
        fetchAvatar(files, `${devnet.fileServer.url}/file/abc`, new Uint8Array(31)),
        hasCode("invalid_key", ValidationError),
      );
      await assert.rejects(
        fetchAvatar(files, "avatar.png", new Uint8Array(32)),
        hasCode("bad_file_url", ValidationError),
      );
      assert.equal(wire.requests.length, sent);
    });
  }));
