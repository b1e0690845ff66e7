import assert from "node:assert/strict";
import { toHex } from "../../src/core/bytes.ts";
import { CryptoError, ValidationError } from "../../src/core/errors.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { hasCode, withKeyring } from "./_helpers.ts";

const PHRASE =
  "puffin luxury annoyed rustled memoir faxed smidgen puddle kiwi nylon utopia zinger kiwi";

Deno.test("keyring: round trip without a passphrase", () =>
  withKeyring(async (keyring, kv) => {
    const identity = Identity.fromMnemonic(PHRASE);
    const info = await keyring.save("bot", identity, { displayName: "Echo" });
    assert.deepEqual(
      { ...info, createdAt: undefined },
      {
        name: "bot",
        ...identity.toPublic(),
        displayName: "Echo",
        createdAt: undefined,
        encrypted: false,
      },
    );
    const loaded = await keyring.load("bot");
    assert.equal(loaded.sessionId, identity.sessionId);
    assert.deepEqual(loaded.exportSeed(), identity.exportSeed());
    const stored = (await kv.get<{ v: number; secret: { kind: string } }>(["identity", "bot"]))
      .value!;
    assert.equal(stored.v, 1);
    assert.equal(stored.secret.kind, "plain");
  }));

Deno.test("keyring: round trip with a passphrase; the seed is not in the record", () =>
  withKeyring(async (keyring, kv) => {
    const identity = Identity.fromMnemonic(PHRASE);
    const info = await keyring.save("bot", identity, { passphrase: "correct horse" });
    assert.equal(info.encrypted, true);
    const loaded = await keyring.load("bot", { passphrase: "correct horse" });
    assert.equal(loaded.sessionId, identity.sessionId);
    assert.deepEqual(loaded.exportSeed(), identity.exportSeed());

    const record = (await kv.get(["identity", "bot"])).value;
    const text = JSON.stringify(record);
    assert.ok(!text.includes(toHex(identity.exportSeed())));
    assert.ok(!text.includes("puffin"));
    const secret = (record as { secret: Record<string, unknown> }).secret;
    assert.equal(secret.kind, "scrypt-xchacha20poly1305");
    assert.deepEqual(secret.kdf, { logN: 10, r: 8, p: 1 });
    assert.equal((secret.salt as string).length, 32);
    assert.equal((secret.nonce as string).length, 48);
    assert.equal((secret.ciphertext as string).length, 64); // 16-byte seed + 16-byte tag
  }));

Deno.test("keyring: 32-byte seeds (25-word phrases) round trip encrypted", () =>
  withKeyring(async (keyring) => {
    const identity = Identity.fromSeed(new Uint8Array(32).fill(7));
    await keyring.save("long", identity, { passphrase: "pw" });
    const loaded = await keyring.load("long", { passphrase: "pw" });
    assert.deepEqual(loaded.exportSeed(), identity.exportSeed());
  }));

Deno.test("keyring: a wrong passphrase is a CryptoError that leaks nothing", () =>
  withKeyring(async (keyring) => {
    const identity = Identity.generate();
    await keyring.save("bot", identity, { passphrase: "right" });
    const error = await keyring.load("bot", { passphrase: "wrong" }).catch((e) => e);
    assert.ok(error instanceof CryptoError);
    assert.equal(error.code, "wrong_passphrase");
    assert.match(error.message, /wrong passphrase for identity "bot"/);
    assert.ok(!error.message.includes(toHex(identity.exportSeed())));
  }));

Deno.test("keyring: loading an encrypted identity without a passphrase", () =>
  withKeyring(async (keyring) => {
    await keyring.save("bot", Identity.generate(), { passphrase: "pw" });
    await assert.rejects(keyring.load("bot"), hasCode("passphrase_required", ValidationError));
    // info needs no passphrase
    assert.equal((await keyring.info("bot")).encrypted, true);
  }));

Deno.test("keyring: overwrite rules", () =>
  withKeyring(async (keyring) => {
    const first = Identity.generate();
    const second = Identity.generate();
    await keyring.save("bot", first);
    await assert.rejects(keyring.save("bot", second), hasCode("identity_exists", ValidationError));
    await assert.rejects(
      keyring.save("bot", second, { passphrase: "pw" }),
      hasCode("identity_exists", ValidationError),
    );
    assert.equal((await keyring.load("bot")).sessionId, first.sessionId);
    await keyring.save("bot", second, { overwrite: true });
    assert.equal((await keyring.load("bot")).sessionId, second.sessionId);
  }));

Deno.test("keyring: concurrent creates of one name: exactly one wins", () =>
  withKeyring(async (keyring) => {
    const results = await Promise.allSettled(
      Array.from(
        { length: 4 },
        () => keyring.save("race", Identity.generate(), { passphrase: "p" }),
      ),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results) {
      if (r.status === "rejected") assert.ok(hasCode("identity_exists")(r.reason));
    }
  }));

Deno.test({
  name: "keyring: the KV file holding the keys is mode 0600",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withKeyring(async (keyring, _kv, path) => {
      await keyring.save("bot", Identity.generate());
      assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    }),
});
