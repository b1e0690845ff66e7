import assert from "node:assert/strict";
import { createKeyring } from "../../src/client/keyring/mod.ts";
import { toHex } from "../../src/core/bytes.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { hasCode, withKeyring } from "./_helpers.ts";

type Json = Record<string, unknown>;

Deno.test("keyring: names are validated", () =>
  withKeyring(async (keyring) => {
    const id = Identity.generate();
    for (const bad of ["", "a/b", "has space", "ümlaut", "x".repeat(65), "new\nline"]) {
      await assert.rejects(keyring.save(bad, id), hasCode("invalid_name", ValidationError), bad);
      await assert.rejects(keyring.load(bad), hasCode("invalid_name", ValidationError), bad);
    }
    for (const good of ["a", "bot-1.prod_2", "x".repeat(64), "..."]) {
      await keyring.save(good, id);
      assert.equal((await keyring.info(good)).name, good);
    }
  }));

Deno.test("keyring: list, info, remove and not found", () =>
  withKeyring(async (keyring) => {
    assert.deepEqual(await keyring.list(), []);
    const b = Identity.generate();
    await keyring.save("b", b, { passphrase: "pw" });
    await keyring.save("a", Identity.generate(), { displayName: "Alice" });
    const entries = await keyring.list();
    assert.deepEqual(entries.map((e) => [e.name, e.encrypted]), [["a", false], ["b", true]]);
    assert.equal(entries[0].displayName, "Alice");
    assert.ok(!Number.isNaN(Date.parse(entries[0].createdAt)));
    assert.equal((await keyring.info("b")).sessionId, b.sessionId);
    assert.equal(await keyring.remove("b"), true);
    assert.equal(await keyring.remove("b"), false);
    await assert.rejects(keyring.info("b"), hasCode("identity_not_found", ValidationError));
    await assert.rejects(keyring.load("b"), hasCode("identity_not_found", ValidationError));
  }));

Deno.test("keyring: bad save inputs", () =>
  withKeyring(async (keyring) => {
    const id = Identity.generate();
    await assert.rejects(keyring.save("a", id, { passphrase: "" }), hasCode("empty_passphrase"));
    await assert.rejects(
      keyring.save("a", id, { displayName: "" }),
      hasCode("invalid_display_name"),
    );
    await assert.rejects(
      keyring.save("a", id, { displayName: "x".repeat(101) }),
      hasCode("invalid_display_name"),
    );
    await assert.rejects(keyring.save("a", {} as Identity), TypeError);
    assert.throws(
      () => createKeyring({} as Deno.Kv, { scrypt: { logN: 9 } }),
      hasCode("invalid_kdf"),
    );
    assert.throws(
      () => createKeyring({} as Deno.Kv, { scrypt: { logN: 21 } }),
      hasCode("invalid_kdf"),
    );
  }));

Deno.test("keyring: corrupted records are typed errors", () =>
  withKeyring(async (keyring, kv) => {
    const corrupt = hasCode("corrupt_record");
    await kv.set(["identity", "junk"], "not a record");
    await assert.rejects(keyring.load("junk"), corrupt);
    await assert.rejects(keyring.info("junk"), corrupt);
    await assert.rejects(keyring.list(), corrupt);
    await kv.delete(["identity", "junk"]);

    const good = Identity.generate();
    const other = Identity.generate();
    await keyring.save("plain", good);
    const plain = (await kv.get<Json>(["identity", "plain"])).value!;
    // another account's seed under this Session ID
    await kv.set(["identity", "plain"], {
      ...plain,
      secret: { kind: "plain", seed: toHex(other.exportSeed()) },
    });
    await assert.rejects(keyring.load("plain"), corrupt);
    // a record copied to another name
    await kv.set(["identity", "copy"], plain);
    await assert.rejects(keyring.load("copy"), corrupt);
    // a future format version
    await kv.set(["identity", "plain"], { ...plain, v: 2 });
    await assert.rejects(keyring.info("plain"), corrupt);
  }));

Deno.test("keyring: tampered encrypted records do not open", () =>
  withKeyring(async (keyring, kv) => {
    await keyring.save("enc", Identity.generate(), { passphrase: "pw" });
    const record = (await kv.get<Json>(["identity", "enc"])).value!;
    const secret = record.secret as Json;
    const flip = (secret.ciphertext as string).replace(/^./, (c) => (c === "0" ? "1" : "0"));
    await kv.set(["identity", "enc"], { ...record, secret: { ...secret, ciphertext: flip } });
    await assert.rejects(keyring.load("enc", { passphrase: "pw" }), hasCode("wrong_passphrase"));
    // moved to another name with the name field rewritten: the associated data no longer matches
    await kv.set(["identity", "moved"], { ...record, name: "moved" });
    await assert.rejects(keyring.load("moved", { passphrase: "pw" }), hasCode("wrong_passphrase"));
    // absurd scrypt cost is refused before any allocation
    await kv.set(["identity", "enc"], {
      ...record,
      secret: { ...secret, kdf: { logN: 40, r: 8, p: 1 } },
    });
    await assert.rejects(keyring.load("enc", { passphrase: "pw" }), hasCode("corrupt_record"));
  }));
