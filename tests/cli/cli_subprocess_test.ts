import assert from "node:assert/strict";
import { join } from "node:path";
import { VECTOR } from "./_helpers.ts";

const ROOT = new URL("../../", import.meta.url);

async function sessionbot(args: string[], env: Record<string, string>, stdin = "") {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "src/cli/main.ts", ...args],
    cwd: ROOT,
    env: { ...env, NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

Deno.test("cli subprocess: init → id → invalid phrase exits 2", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-cli-proc-" });
  const env = { SESSIONBOT_KV: join(dir, "kv", "s.kv"), SESSIONBOT_SCRYPT_LOG_N: "10" };
  try {
    const init = await sessionbot(["init", "--json", "--passphrase-stdin"], env, "pw\n");
    assert.equal(init.code, 0, init.stderr);
    const created = JSON.parse(init.stdout);
    assert.match(init.stderr, /warning: the recovery phrase/);

    const id = await sessionbot(["id", "--json"], env);
    assert.equal(id.code, 0, id.stderr);
    assert.equal(JSON.parse(id.stdout).sessionId, created.sessionId);
    assert.equal(JSON.parse(id.stdout).encrypted, true);

    const vector = await sessionbot(["id", "--json", "--mnemonic", VECTOR.mnemonic], env);
    assert.equal(JSON.parse(vector.stdout).sessionId, VECTOR.sessionId);

    const bad = await sessionbot(["id", "--json", "--mnemonic", "puffin luxury zzzqq"], env);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, "");
    assert.equal(bad.stderr.trim().split("\n").length, 1);
    assert.match(bad.stderr, /^sessionbot: /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
