/** `backup` → `restore-backup` against a devnet: the restored bot neither replays nor loses. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createKeyring } from "../../src/client/keyring/mod.ts";
import { openKv } from "../../src/client/kv.ts";
import { SessionClient, type SessionClientOptions } from "../../src/client/session/mod.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";
import { cli } from "./_helpers.ts";

async function entries(path: string): Promise<number> {
  const kv = await openKv(path);
  try {
    let n = 0;
    for await (const _ of kv.list({ prefix: [] })) n++;
    return n;
  } finally {
    kv.close();
  }
}

/** Runs a client of identity "bot" in `path` until `until` holds for the bodies it got. */
async function runClient(
  path: string,
  options: Omit<SessionClientOptions, "kv">,
  act: (sessionId: string) => Promise<unknown>,
  until: (bodies: string[]) => boolean,
): Promise<string[]> {
  const kv = await openKv(path);
  const bodies: string[] = [];
  const client = await SessionClient.open({ kv, identityName: "bot", ...options });
  try {
    client.on("message", (event) => void bodies.push(event.body ?? ""));
    await client.start();
    await act(client.sessionId);
    await waitFor(() => until(bodies), { timeout: 15_000, what: "the expected messages" });
    return bodies;
  } finally {
    await client.stop();
    kv.close();
  }
}

Deno.test("cli backup → restore-backup: no replay, new messages arrive; bad files change nothing", async () => {
  await using net = await createTestNetwork({ nodes: 4, swarms: 1 });
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-backup-" });
  try {
    const original = join(dir, "original.kv");
    const restored = join(dir, "restored.kv");
    const file = join(dir, "bot.sbbackup");
    const seeding = await openKv(original);
    await createKeyring(seeding, { scrypt: { logN: 10 } })
      .save("bot", Identity.generate(), { passphrase: "id pass" });
    seeding.close();
    const options = { ...net.clientOptions(), passphrase: "id pass" };
    const alice = await net.createUser("alice");

    const before = await runClient(original, options, async (bot) => {
      await alice.send(bot, "one");
      await alice.send(bot, "two");
    }, (b) => b.length >= 2);
    assert.deepEqual(before, ["one", "two"]);

    const made = await cli(["backup", "--out", file, "--json"], {
      stdin: "backup pass\n",
      env: { SESSIONBOT_KV: original },
    });
    assert.equal(made.code, 0, made.stderr);
    const info = JSON.parse(made.stdout);
    assert.equal(info.file, file);
    assert.ok(info.entries > 3);
    assert.equal(info.exactExpiry, true); // read from the KV file
    const again = await cli(["backup", "--out", file], {
      stdin: "backup pass\n",
      env: { SESSIONBOT_KV: original },
    });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists: choose another --out, or add --force/);

    const env = { SESSIONBOT_KV: restored };
    const wrong = await cli(["restore-backup", file], { stdin: "nope\n", env });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /cannot decrypt the backup: the passphrase is wrong/);
    const bytes = await Deno.readFile(file);
    const flipped = bytes.slice();
    flipped[bytes.length - 40] ^= 0x80;
    await Deno.writeFile(join(dir, "flipped"), flipped);
    await Deno.writeFile(join(dir, "truncated"), bytes.subarray(0, bytes.length - 100));
    for (const bad of ["flipped", "truncated"]) {
      const r = await cli(["restore-backup", join(dir, bad)], { stdin: "backup pass\n", env });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /damaged or cut short/);
    }
    const missing = await cli(["restore-backup", join(dir, "nothing-here")], {
      stdin: "backup pass\n",
      env,
    });
    assert.equal(missing.code, 2);
    assert.equal(await entries(restored), 0);

    const done = await cli(["restore-backup", file, "--json"], { stdin: "backup pass\n", env });
    assert.equal(done.code, 0, done.stderr);
    const result = JSON.parse(done.stdout);
    assert.equal(result.entries, info.entries);
    assert.deepEqual(result.identities.map((i: { name: string }) => i.name), ["bot"]);
    const twice = await cli(["restore-backup", file], { stdin: "backup pass\n", env });
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /the target store is not empty/);

    // The restored copy, with history on (so only the restored cursors and dedup markers stand
    // between it and a replay): "one" and "two" are not delivered again; "three" arrives. Older
    // messages would come first (same swarm, stored earlier), so waiting for "three" suffices.
    const after = await runClient(
      restored,
      { ...options, history: true },
      (bot) => alice.send(bot, "three"),
      (b) => b.includes("three"),
    );
    assert.deepEqual(after, ["three"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
