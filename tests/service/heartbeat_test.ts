/** The service heartbeat, and `sessionbot backup` refusing a store a service is using. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { openKv } from "../../src/client/kv.ts";
import {
  HEARTBEAT_KEY,
  HEARTBEAT_STALE_MS,
  liveService,
  startHeartbeat,
} from "../../src/service/mod.ts";
import { withStore } from "../cli/_helpers.ts";

Deno.test("heartbeat: fresh while running, gone after stop, stale when its writer died", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    assert.equal(await liveService(kv), undefined);
    const beat = await startHeartbeat(kv, 20);
    const live = await liveService(kv);
    assert.equal(live?.pid, Deno.pid);
    await new Promise((r) => setTimeout(r, 60));
    assert.ok((await liveService(kv))!.at >= live!.at, "renewed");
    await beat.stop();
    assert.equal(await liveService(kv), undefined, "removed on stop");
    await kv.set(HEARTBEAT_KEY, { pid: 1, at: Date.now() - HEARTBEAT_STALE_MS - 1 });
    assert.equal(await liveService(kv), undefined, "a dead service's mark is ignored");
  } finally {
    kv.close();
  }
});

Deno.test("backup refuses a store a live service uses, unless --live; the mark is not backed up", () =>
  withStore(async (run, kvPath) => {
    const init = await run(["init", "--json"]);
    assert.equal(init.code, 0, init.stderr);
    const kv = await openKv(kvPath);
    const beat = await startHeartbeat(kv, 60_000);
    try {
      const out = join(kvPath, "..", "bot.backup");
      const env = { SESSIONBOT_SCRYPT_LOG_N: "10" };
      const refused = await run(["backup", "--out", out], { stdin: "pass phrase\n", env });
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, new RegExp(`service \\(pid ${Deno.pid}\\) is using`));
      assert.match(refused.stderr, /--live/);
      await assert.rejects(Deno.lstat(out), Deno.errors.NotFound);

      const taken = await run(["backup", "--out", out, "--live"], {
        stdin: "pass phrase\n",
        env,
      });
      assert.equal(taken.code, 0, taken.stderr);
      const target = join(kvPath, "..", "restored.kv");
      const restored = await run(["--kv", target, "restore-backup", out], {
        stdin: "pass phrase\n",
        env,
      });
      assert.equal(restored.code, 0, restored.stderr);
      const copy = await openKv(target);
      try {
        assert.equal((await copy.get(HEARTBEAT_KEY)).value, null);
        assert.equal(await liveService(copy), undefined);
      } finally {
        copy.close();
      }
    } finally {
      await beat.stop();
      kv.close();
    }
  }));
