import assert from "node:assert/strict";
import { Identity } from "../../src/crypto/identity.ts";
import { vectors } from "../vectors.ts";
import { cli, VECTOR, withStore } from "./_helpers.ts";

Deno.test("cli id --mnemonic --json: the contract fields", async () => {
  const { code, stdout, stderr } = await cli(["id", "--mnemonic", VECTOR.mnemonic, "--json"]);
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout);
  assert.deepEqual(Object.keys(out), [
    "sessionId",
    "ed25519PublicKey",
    "x25519PublicKey",
    "mnemonic",
  ]);
  assert.equal(out.sessionId, VECTOR.sessionId);
  assert.equal(out.ed25519PublicKey, VECTOR.ed25519PublicKey);
  assert.equal(out.x25519PublicKey, VECTOR.sessionId.slice(2));
  assert.equal(out.mnemonic, VECTOR.mnemonic);
});

Deno.test("cli id --seed --json: same identity from its seed; readable without --json", async () => {
  const seed = Identity.fromMnemonic(VECTOR.mnemonic).exportSeed();
  const hex = Array.from(seed, (b) => b.toString(16).padStart(2, "0")).join("");
  const json = await cli(["id", "--seed", hex, "--json"]);
  assert.equal(json.code, 0);
  assert.equal(JSON.parse(json.stdout).sessionId, VECTOR.sessionId);
  const human = await cli(["id", "--seed", hex]);
  assert.match(human.stdout, new RegExp(`^sessionId: +${VECTOR.sessionId}$`, "m"));
});

Deno.test("cli id --mnemonic -: reads the phrase from stdin", async () => {
  const { code, stdout } = await cli(["id", "--json", "--mnemonic", "-"], {
    stdin: `\n${VECTOR.mnemonic}\n`,
  });
  assert.equal(code, 0);
  assert.equal(JSON.parse(stdout).sessionId, VECTOR.sessionId);
});

Deno.test("cli id: invalid phrase or seed exits 2 with one line naming the problem", async () => {
  const words = VECTOR.mnemonic.split(" ");
  const cases: [string[], RegExp][] = [
    [["--mnemonic", [...words.slice(0, 12), "zzz"].join(" ")], /word 13 "zzz" is not in/],
    [["--mnemonic", [...words.slice(0, 12), "abbey"].join(" ")], /checksum/],
    [["--mnemonic", words.slice(0, 5).join(" ")], /\b5\b/],
    [["--seed", "abc"], /seed must be 32 or 64 hex/],
    [["--seed", "zz".repeat(16)], /seed must be/],
    [["--seed", "00".repeat(16), "--mnemonic", VECTOR.mnemonic], /either --mnemonic or --seed/],
    [["--seed", "00".repeat(16), "--server-pubkey", "abcd"], /--server-pubkey must be 64 hex/],
  ];
  for (const [args, reason] of cases) {
    const { code, stdout, stderr } = await cli(["id", "--json", ...args]);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stdout, "");
    assert.match(stderr.split("\n")[0], /^sessionbot: /);
    assert.match(stderr, reason);
    assert.ok(!stderr.includes("    at "), "no stack trace");
  }
});

const blinding = vectors("blinding.json", "blind_ids_and_signatures");

Deno.test("cli id --server-pubkey: blinded15/blinded25 match the vectors (derived and stored)", () =>
  withStore(async (run) => {
    for (const [i, v] of blinding.entries()) {
      const seed = v.ed25519_sk_hex.slice(0, 64);
      const derived = await run([
        "id",
        "--json",
        "--seed",
        seed,
        "--server-pubkey",
        v.server_pubkey_hex,
      ]);
      assert.equal(derived.code, 0, derived.stderr);
      const out = JSON.parse(derived.stdout);
      assert.equal(out.sessionId, v.session_id);
      assert.equal(out.blinded15, v.blinded15_id, `${v.id} (${v.blinded15_id_is})`);
      assert.equal(out.blinded25, v.blinded25_id, v.id);

      // stored: only public data is used, the Ed25519 key's sign picks the blind15 candidate
      const name = `v${i}`;
      const restored = await run(["restore", "--identity", name], { stdin: out.mnemonic + "\n" });
      assert.equal(restored.code, 0, restored.stderr);
      const stored = await run([
        "id",
        "--json",
        "--identity",
        name,
        "--server-pubkey",
        v.server_pubkey_hex,
      ]);
      const got = JSON.parse(stored.stdout);
      assert.equal(got.blinded15, v.blinded15_id, `${v.id} stored`);
      assert.equal(got.blinded25, v.blinded25_id, `${v.id} stored`);
    }
    assert.ok(blinding.some((v) => v.blinded15_id_is === "negative"), "covers the flipped sign");
  }));

Deno.test("cli: usage errors exit 2 with a pointer to --help", async () => {
  const unknown = await cli(["frobnicate"]);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /^sessionbot: unknown command "frobnicate"\nRun "sessionbot --help"/,
  );
  const flag = await cli(["id", "--frob"]);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^sessionbot: unknown option --frob\nRun "sessionbot id --help"/);
  const missing = await cli(["id", "--seed"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /option --seed needs a value/);
  const extra = await cli(["list", "extra"]);
  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /unexpected argument "extra"/);
  const none = await cli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Usage: sessionbot <command>/);
});

Deno.test("cli --help: every command, and the overview", async () => {
  for (const command of ["init", "restore", "id", "list", "remove"]) {
    const { code, stdout } = await cli([command, "--help"]);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^Usage: sessionbot ${command}\\b`));
    assert.match(stdout, /--kv PATH/);
    assert.equal((await cli(["help", command])).stdout, stdout);
  }
  for (const args of [["--help"], ["-h"], ["help"]]) {
    const { code, stdout } = await cli(args);
    assert.equal(code, 0);
    assert.match(stdout, /Commands:\n {2}init/);
  }
});
