import assert from "node:assert/strict";
import {
  assertNoRestoreInProgress,
  createBackup,
  parseHeader,
  RESTORE_MARKER,
  restoreBackup,
} from "../../src/backup/mod.ts";
import { CryptoError, SessionBotError, ValidationError } from "../../src/core/errors.ts";

const KDF = { kdf: { logN: 10 } };

async function withStores(fn: (source: Deno.Kv, target: Deno.Kv) => Promise<void>) {
  const source = await Deno.openKv(":memory:");
  const target = await Deno.openKv(":memory:");
  try {
    await fn(source, target);
  } finally {
    source.close();
    target.close();
  }
}

async function all(kv: Deno.Kv) {
  const out: [Deno.KvKey, unknown][] = [];
  for await (const e of kv.list({ prefix: [] })) out.push([e.key, e.value]);
  return out;
}

Deno.test("backup: every value type round-trips; leases are left out; header is versioned", () =>
  withStores(async (source, target) => {
    const sid = "05" + "ab".repeat(32);
    await source.set(["identity", "bot"], { v: 1, seed: "00".repeat(32), createdAt: 5 });
    await source.set(["cursor", sid, 0, "node"], "hash-1");
    await source.set(["seen", sid, "h1"], 1, { expireIn: 60_000 });
    await source.set(["outbox_seq", sid], new Deno.KvU64(42n));
    await source.set(["plugin", new Uint8Array([1, 2]), 7n, true], {
      when: new Date(1234),
      tags: new Set(["a"]),
      map: new Map([["k", new Uint8Array([9])]]),
      big: 2n ** 70n,
    });
    await source.set(["lease", sid], { owner: "x", epoch: 1, expiresAt: 1 });

    const backup = await createBackup(source, "pass word", KDF);
    assert.equal(backup.entries, 5);
    assert.equal(new TextDecoder().decode(backup.bytes.subarray(0, 8)), "SBBACKUP");
    const header = parseHeader(backup.bytes);
    assert.deepEqual([header.version, header.kdf.logN, header.salt.length], [1, 10, 16]);
    // nothing readable in the file
    assert.ok(!new TextDecoder().decode(backup.bytes).includes("hash-1"));

    const restored = await restoreBackup(target, backup.bytes, "pass word");
    assert.equal(restored.entries, 5);
    const expected = (await all(source)).filter(([k]) => k[0] !== "lease");
    assert.deepEqual(await all(target), expected);
    assert.ok((await target.get(["outbox_seq", sid])).value instanceof Deno.KvU64);
    assert.equal((await target.get(RESTORE_MARKER)).value, null);
  }));

Deno.test("backup: wrong passphrase, flipped byte, truncated file → error, target unchanged", () =>
  withStores(async (source, target) => {
    await source.set(["identity", "bot"], { v: 1 });
    await source.set(["contact", "05aa", "05bb"], { approved: true });
    const { bytes } = await createBackup(source, "right", KDF);

    await assert.rejects(restoreBackup(target, bytes, "wrong"), (e: unknown) => {
      assert.ok(e instanceof CryptoError);
      assert.equal(e.code, "backup_unreadable");
      assert.match(e.message, /passphrase is wrong, or the file was damaged/);
      return true;
    });
    for (const at of [0, 9, 20, 40, bytes.length - 1, Math.floor(bytes.length / 2)]) {
      const flipped = bytes.slice();
      flipped[at] ^= 0x01;
      await assert.rejects(restoreBackup(target, flipped, "right"), SessionBotError, `byte ${at}`);
    }
    for (const length of [0, 5, 52, 60, bytes.length - 1]) {
      await assert.rejects(
        restoreBackup(target, bytes.subarray(0, length), "right"),
        SessionBotError,
        `length ${length}`,
      );
    }
    await assert.rejects(
      restoreBackup(target, new TextEncoder().encode("not a backup at all, really not"), "right"),
      (e: unknown) => e instanceof ValidationError && e.code === "not_a_backup",
    );
    assert.deepEqual(await all(target), []);
  }));

Deno.test("restore: refuses a non-empty store and an unfinished restore", () =>
  withStores(async (source, target) => {
    await source.set(["identity", "bot"], { v: 1 });
    const { bytes } = await createBackup(source, "pw", KDF);
    await target.set(["something"], 1);
    await assert.rejects(
      restoreBackup(target, bytes, "pw"),
      (e: unknown) => e instanceof ValidationError && e.code === "store_not_empty",
    );
    await target.delete(["something"]);
    await target.set(RESTORE_MARKER, { startedAt: 0, entries: 3 });
    await assert.rejects(
      restoreBackup(target, bytes, "pw"),
      (e: unknown) => e instanceof SessionBotError && e.code === "restore_incomplete",
    );
    await assert.rejects(assertNoRestoreInProgress(target), /did not finish/);
  }));

Deno.test("restore: a large store goes in several commits under the KV limits", () =>
  withStores(async (source, target) => {
    const sid = "05" + "cd".repeat(32);
    const big = "x".repeat(20_000);
    for (let i = 0; i < 1200; i++) await source.set(["seen", sid, `h${i}`], 1);
    for (let i = 0; i < 60; i++) await source.set(["plugin", i], big);
    const { bytes } = await createBackup(source, "pw", KDF);
    const steps: number[] = [];
    const result = await restoreBackup(target, bytes, "pw", (p) => steps.push(p.done));
    assert.equal(result.entries, 1260);
    assert.ok(steps.length >= 4, `commits: ${steps}`);
    assert.equal(steps.at(-1), 1260);
    assert.equal((await all(target)).length, 1260);
  }));
