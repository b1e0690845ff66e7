import assert from "node:assert/strict";
import { join } from "node:path";
import { createBackup, restoreBackup } from "../../src/backup/mod.ts";
import { readFileExpiries } from "../../src/backup/file_expiry.ts";
import { encodeKvKey } from "../../src/backup/key_codec.ts";
import { toHex } from "../../src/core/bytes.ts";
import { openKv } from "../../src/client/kv.ts";

const KEYS: Deno.KvKey[] = [
  ["seen", "05ab", "h1"],
  ["a", 1, 2n, -3n, 1.5, -2.5, true, false, new Uint8Array([0, 1, 255])],
  ["b", 300n, 2n ** 70n, -(2n ** 70n), -300n, 0n, 0, -0, 2 ** 53, -1e300],
  ["ünï\u0000code", new Uint8Array([]), ""],
];

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-expiry-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("key codec: keys encode to the bytes Deno KV stores them under", () =>
  withDir(async (dir) => {
    const path = join(dir, "s.kv");
    const kv = await openKv(path);
    const now = Date.now();
    for (const [i, key] of KEYS.entries()) await kv.set(key, i, { expireIn: 86_400_000 + i });
    kv.close();
    const lookup = await readFileExpiries(path);
    assert.ok(lookup, "the KV file reads as SQLite");
    for (const [i, key] of KEYS.entries()) {
      const at = lookup(key);
      assert.ok(at !== undefined, `no row for ${toHex(encodeKvKey(key))}`);
      assert.ok(Math.abs(at - (now + 86_400_000 + i)) < 5_000, `${at} vs ${now}`);
    }
    assert.equal(lookup(["not", "there"]), undefined);
    assert.equal(await readFileExpiries(join(dir, "missing.kv")), undefined);
  }));

Deno.test("backup of a KV file keeps every entry's exact expiry; none for lasting ones", () =>
  withDir(async (dir) => {
    const source = join(dir, "source.kv");
    const target = join(dir, "target.kv");
    const kv = await openKv(source);
    const now = Date.now();
    await kv.set(["eventlog", "entry", 1], { body: "x" }, { expireIn: 3 * 86_400_000 });
    await kv.set(["seen", "05ab", "h"], 1, { expireIn: 2 * 3_600_000 });
    await kv.set(["identity", "bot"], { v: 1 });
    const exact = await createBackup(kv, "pw", { kdf: { logN: 10 }, kvPath: source });
    const derived = await createBackup(kv, "pw", { kdf: { logN: 10 } });
    kv.close();
    assert.equal(exact.exactExpiry, true);
    assert.equal(derived.exactExpiry, false);

    const restored = await openKv(target);
    await restoreBackup(restored, exact.bytes, "pw");
    restored.close();
    const lookup = (await readFileExpiries(target))!;
    const near = (at: number | undefined, want: number) =>
      assert.ok(at !== undefined && Math.abs(at - want) < 5_000, `${at} vs ${want}`);
    near(lookup(["eventlog", "entry", 1]), now + 3 * 86_400_000);
    near(lookup(["seen", "05ab", "h"]), now + 2 * 3_600_000);
    assert.equal(lookup(["identity", "bot"]), undefined);

    // Without the file: the dedup marker gets the conservative 15 days, the rest none.
    const other = join(dir, "other.kv");
    const second = await openKv(other);
    await restoreBackup(second, derived.bytes, "pw");
    second.close();
    const fallback = (await readFileExpiries(other))!;
    near(fallback(["seen", "05ab", "h"]), now + 15 * 86_400_000);
    assert.equal(fallback(["eventlog", "entry", 1]), undefined);
  }));
