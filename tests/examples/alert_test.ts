import assert from "node:assert/strict";
import { join } from "node:path";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { spawn } from "../_spawn.ts";

Deno.test("examples/alert.ts: sends one message, exits 0", async () => {
  await using net = await createTestNetwork();
  const alice = await net.createUser("alice");
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-alert-" });
  try {
    await using alert = spawn("examples/alert.ts", [
      alice.sessionId,
      "disk",
      "almost full",
      "--network",
      net.seedUrl,
      "--kv",
      join(dir, "alerts.kv"),
    ]);
    assert.equal((await alert.status).code, 0, alert.stderr());
    assert.match(alert.lines.join("\n"), /^sent \S+ at \d{4}-/);
    assert.equal((await alice.nextMessage()).body, "disk almost full");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("examples/alert.ts: explains its usage, exit 2", async () => {
  await using alert = spawn("examples/alert.ts", []);
  assert.equal((await alert.status).code, 2);
  assert.match(alert.stderr(), /usage: alert\.ts <Session ID or ONS name> <text…>/);
});
