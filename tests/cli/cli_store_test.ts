import assert from "node:assert/strict";
import { createKeyring } from "../../src/client/keyring/mod.ts";
import { openKv } from "../../src/client/kv.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { cli, VECTOR, withStore } from "./_helpers.ts";

async function loadWith(kvPath: string, name: string, passphrase?: string): Promise<Identity> {
  const kv = await openKv(kvPath);
  try {
    return await createKeyring(kv).load(name, { passphrase });
  } finally {
    kv.close();
  }
}

Deno.test("cli init --json → id --json: the stored identity, phrase shown once", () =>
  withStore(async (run, kvPath) => {
    const init = await run(["init", "--json", "--display-name", "Echo"]);
    assert.equal(init.code, 0, init.stderr);
    const created = JSON.parse(init.stdout);
    assert.deepEqual(Object.keys(created), ["name", "sessionId", "mnemonic"]);
    assert.equal(created.name, "default");
    assert.equal(Identity.fromMnemonic(created.mnemonic).sessionId, created.sessionId);
    assert.match(init.stderr, /^sessionbot: warning: the recovery phrase/);

    const id = await run(["id", "--json"]);
    assert.equal(id.code, 0, id.stderr);
    const shown = JSON.parse(id.stdout);
    assert.equal(shown.sessionId, created.sessionId);
    assert.equal(shown.displayName, "Echo");
    assert.equal(shown.encrypted, false);
    assert.equal(shown.mnemonic, undefined);
    assert.equal((await loadWith(kvPath, "default")).sessionId, created.sessionId);
    if (Deno.build.os !== "windows") assert.equal((await Deno.stat(kvPath)).mode! & 0o777, 0o600);

    const again = await run(["init"]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /identity named "default" already exists/);
  }));

Deno.test("cli init (human): Session ID, phrase and warning", () =>
  withStore(async (run) => {
    const { code, stdout } = await run(["init", "--identity", "bot"]);
    assert.equal(code, 0);
    assert.match(stdout, /^Created identity "bot"\.\nSession ID: +05[0-9a-f]{64}\n/);
    assert.match(stdout, /Recovery phrase:\n\n {2}(\w+ ){12}\w+\n/);
    assert.match(stdout, /without a passphrase/);
    assert.match(stdout, /Warning: the recovery phrase/);
  }));

Deno.test("cli init --passphrase-stdin: encrypted; empty stdin is refused", () =>
  withStore(async (run, kvPath) => {
    const ok = await run(["init", "--json", "--passphrase-stdin"], { stdin: "s3cret pass\n" });
    assert.equal(ok.code, 0, ok.stderr);
    const { sessionId } = JSON.parse(ok.stdout);
    assert.equal(JSON.parse((await run(["id", "--json"])).stdout).encrypted, true);
    assert.equal((await loadWith(kvPath, "default", "s3cret pass")).sessionId, sessionId);

    const empty = await run(["init", "--identity", "x", "--passphrase-stdin"], { stdin: "" });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--passphrase-stdin expects a non-empty passphrase/);
  }));

Deno.test("cli restore: phrase from stdin, never echoed", () =>
  withStore(async (run) => {
    const human = await run(["restore"], { stdin: `\n  \n${VECTOR.mnemonic}\n` });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`Session ID: +${VECTOR.sessionId}`));
    assert.ok(!human.stdout.includes("puffin") && !human.stderr.includes("puffin"));

    const json = await run(["restore", "--json", "--identity", "two"], { stdin: VECTOR.mnemonic });
    assert.deepEqual(JSON.parse(json.stdout), {
      name: "two",
      sessionId: VECTOR.sessionId,
      encrypted: false,
    });
  }));

Deno.test("cli restore --passphrase-stdin: line 1 phrase, line 2 passphrase", () =>
  withStore(async (run, kvPath) => {
    const { code, stderr } = await run(["restore", "--passphrase-stdin"], {
      stdin: `${VECTOR.mnemonic}\r\ncorrect horse\r\n`,
    });
    assert.equal(code, 0, stderr);
    assert.equal((await loadWith(kvPath, "default", "correct horse")).sessionId, VECTOR.sessionId);
    await assert.rejects(loadWith(kvPath, "default", "wrong"), /wrong passphrase/);
  }));

Deno.test("cli restore: bad or missing phrase exits 2 and stores nothing", () =>
  withStore(async (run) => {
    const bad = await run(["restore"], { stdin: "puffin luxury annoyed\n" });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^sessionbot: .*3/);
    const empty = await run(["restore"], { stdin: "\n\n" });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /expected the recovery phrase on standard input/);
    assert.deepEqual(JSON.parse((await run(["list", "--json"])).stdout), []);
  }));

Deno.test("cli list and remove", () =>
  withStore(async (run) => {
    assert.match((await run(["list"])).stdout, /No identities in .* yet/);
    await run(["restore", "--identity", "alice", "--display-name", "Alice"], {
      stdin: VECTOR.mnemonic,
    });
    await run(["init", "--identity", "bob", "--passphrase-stdin"], { stdin: "pw\n" });
    const human = await run(["list"]);
    assert.match(
      human.stdout,
      new RegExp(`^alice  ${VECTOR.sessionId}  plain {6}Alice\nbob {4}05`),
    );
    assert.match(human.stdout, /encrypted\n$/);
    const json = JSON.parse((await run(["list", "--json"])).stdout);
    assert.deepEqual(json.map((e: { name: string }) => e.name), ["alice", "bob"]);
    assert.deepEqual(Object.keys(json[0]).sort(), [
      "createdAt",
      "displayName",
      "ed25519PublicKey",
      "encrypted",
      "name",
      "sessionId",
      "x25519PublicKey",
    ]);

    const unconfirmed = await run(["remove", "alice"]);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /run again with --yes/);
    assert.equal((await run(["remove"])).code, 2);
    const gone = await run(["remove", "alice", "--yes", "--json"]);
    assert.equal(gone.code, 0);
    assert.deepEqual(JSON.parse(gone.stdout), {
      name: "alice",
      sessionId: VECTOR.sessionId,
      removed: true,
    });
    const missing = await run(["remove", "alice", "--yes"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no identity named "alice"/);
    const id = await run(["id", "--identity", "alice"]);
    assert.equal(id.code, 2);
    assert.equal((await run(["id", "--identity", "no/slash"])).code, 2);
  }));

Deno.test("cli: other failures exit 1; stack traces only with SESSIONBOT_DEBUG=1", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-cli-" });
  try {
    // a directory where the KV file should be: opening fails, not the user's input
    const quiet = await cli(["list"], { env: { SESSIONBOT_KV: dir } });
    assert.equal(quiet.code, 1);
    assert.match(quiet.stderr, /^sessionbot: cannot open the key store at /);
    assert.equal(quiet.stderr.trim().split("\n").length, 1);
    const loud = await cli(["list"], { env: { SESSIONBOT_KV: dir, SESSIONBOT_DEBUG: "1" } });
    assert.equal(loud.code, 1);
    assert.match(loud.stderr, /\n\s+at /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
