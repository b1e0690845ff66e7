import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_SCRYPT } from "../../src/client/keyring/mod.ts";
import { defaultKvPath, openKv } from "../../src/client/kv.ts";

const posix = Deno.build.os !== "windows";

Deno.test({
  name: "openKv: creates parent directories and a 0600 file (and side files)",
  ignore: !posix,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sessionbot-kv-" });
    const path = join(dir, "deep", "er", "store.kv");
    const kv = await openKv(path);
    try {
      await kv.set(["k"], "v");
      for (const name of [path, `${path}-wal`, `${path}-shm`]) {
        const stat = await Deno.stat(name).catch(() => undefined);
        if (stat) assert.equal(stat.mode! & 0o777, 0o600, name);
      }
      assert.equal((await Deno.stat(join(dir, "deep", "er"))).mode! & 0o777, 0o700);
    } finally {
      kv.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "openKv: tightens an existing world-readable file",
  ignore: !posix,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sessionbot-kv-" });
    const path = join(dir, "store.kv");
    await Deno.writeFile(path, new Uint8Array(), { mode: 0o644 });
    await Deno.chmod(path, 0o644);
    const kv = await openKv(path);
    try {
      assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    } finally {
      kv.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("openKv: :memory: works", async () => {
  const kv = await openKv(":memory:");
  await kv.set(["a"], 1);
  assert.equal((await kv.get(["a"])).value, 1);
  kv.close();
});

Deno.test("defaultKvPath: XDG_DATA_HOME, then ~/.local/share", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assert.equal(
    defaultKvPath(env({ XDG_DATA_HOME: "/data", HOME: "/home/u" })),
    join("/data", "sessionbot", "sessionbot.kv"),
  );
  if (posix) {
    assert.equal(
      defaultKvPath(env({ HOME: "/home/u" })),
      "/home/u/.local/share/sessionbot/sessionbot.kv",
    );
  }
});

Deno.test("scrypt default is N=2^17, r=8, p=1", () => {
  assert.deepEqual({ ...DEFAULT_SCRYPT }, { logN: 17, r: 8, p: 1 });
});
