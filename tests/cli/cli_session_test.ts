/** `send` and `listen` as subprocesses against a devnet started here (`--network <seed>`). */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { CommunityMessageEvent } from "../../src/client/community/mod.ts";
import { SessionClient } from "../../src/client/session/mod.ts";
import { Identity } from "../../src/crypto/mod.ts";
import { startDevnet } from "../../src/devnet/mod.ts";

const ROOT = new URL("../../", import.meta.url);
const text = new TextDecoder();

function sessionbot(args: string[], env: Record<string, string>) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "src/cli/main.ts", ...args],
    cwd: ROOT,
    env: { ...env, NO_COLOR: "1", SESSIONBOT_SCRYPT_LOG_N: "10" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function run(args: string[], env: Record<string, string>, stdin = "") {
  const child = sessionbot(args, env);
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

/** Reads `stream` into `sink.text` until it ends; resolves when `marker` appears. */
function watch(stream: ReadableStream<Uint8Array>, marker: string) {
  const sink = { text: "" };
  let found!: () => void;
  const ready = new Promise<void>((resolve) => found = resolve);
  const done = (async () => {
    for await (const chunk of stream) {
      sink.text += text.decode(chunk);
      if (sink.text.includes(marker)) found();
    }
    found();
  })();
  return { sink, ready, done };
}

Deno.test("cli: send → listen --json --once round trip, with a file and stdin text", async () => {
  const devnet = await startDevnet({ nodes: 4, swarms: 1 });
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-cli-session-" });
  try {
    const bobEnv = { SESSIONBOT_KV: join(dir, "bob.kv"), SESSIONBOT_NETWORK: devnet.seedUrl };
    const aliceEnv = { SESSIONBOT_KV: join(dir, "alice.kv") };
    const bob = JSON.parse((await run(["init", "--json"], bobEnv)).stdout);
    assert.equal((await run(["init", "--json", "--display-name", "Alice"], aliceEnv)).code, 0);

    const listener = sessionbot(["listen", "--json", "--once", "--timeout", "30"], bobEnv);
    await listener.stdin.close();
    const err = watch(listener.stderr, "listening as");
    const out = watch(listener.stdout, "\n");
    await err.ready;
    assert.match(err.sink.text, new RegExp(`listening as ${bob.sessionId}`));

    const file = join(dir, "note.txt");
    await Deno.writeTextFile(file, "attached text");
    const sent = await run(
      ["send", "--network", devnet.seedUrl, "--json", "--to", bob.sessionId, "--file", file],
      aliceEnv,
      "hello from stdin\n",
    );
    assert.equal(sent.code, 0, sent.stderr);
    const result = JSON.parse(sent.stdout);
    assert.deepEqual(Object.keys(result).sort(), ["hash", "timestamp"]);

    const status = await listener.status;
    await Promise.all([out.done, err.done]);
    assert.equal(status.code, 0, err.sink.text);
    const lines = out.sink.text.trim().split("\n").map((l) => JSON.parse(l));
    const message = lines.find((l) => l.type === "message");
    assert.equal(lines.at(-1).type, "message");
    assert.equal(message.body, "hello from stdin");
    assert.equal(message.from.length, 66);
    assert.equal(message.timestamp, result.timestamp);
    assert.equal(message.id, result.hash);
    assert.deepEqual(
      message.attachments.map((a: { fileName: string; size: number }) => [a.fileName, a.size]),
      [["note.txt", 13]],
    );
    for (const line of lines) {
      for (const field of ["type", "from", "timestamp", "body", "attachments"]) {
        assert.ok(field in line, `${field} missing in ${JSON.stringify(line)}`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
    await devnet.stop();
  }
});

Deno.test("cli: listen --once --timeout exits 1 when nothing arrives; send needs --to", async () => {
  const devnet = await startDevnet({ nodes: 4, swarms: 1 });
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-cli-session-" });
  try {
    const env = { SESSIONBOT_KV: join(dir, "s.kv"), SESSIONBOT_NETWORK: devnet.seedUrl };
    assert.equal((await run(["init"], env)).code, 0);
    const quiet = await run(["listen", "--json", "--once", "--timeout", "1"], env);
    assert.equal(quiet.code, 1);
    assert.match(quiet.stderr, /no message within 1 s/);
    assert.equal(quiet.stdout, "");
    const missing = await run(["send", "hello"], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--to is required/);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await devnet.stop();
  }
});

Deno.test("cli: send --to <join link> posts to the room standalone and leaves it; a bare unjoined room is exit 2", async () => {
  const devnet = await startDevnet({ nodes: 4, swarms: 1 });
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-cli-room-" });
  try {
    const env = { SESSIONBOT_KV: join(dir, "ops.kv"), SESSIONBOT_NETWORK: devnet.seedUrl };
    assert.equal((await run(["init", "--json"], env)).code, 0);
    const { joinLink, url } = devnet.community;
    const sent = await run(["send", "--json", "--to", joinLink, "deploy done"], env);
    assert.equal(sent.code, 0, sent.stderr);
    const posted = JSON.parse(sent.stdout);
    assert.deepEqual(Object.keys(posted).sort(), ["messageId", "seqno", "timestamp", "to"]);
    assert.equal(posted.to, `${url}/lobby`);
    // A reader in the room sees it, with the id the command printed.
    const kv = await Deno.openKv(":memory:");
    const reader = await SessionClient.open({
      kv,
      identity: Identity.generate(),
      network: devnet.seedUrl,
    });
    try {
      const seen: CommunityMessageEvent[] = [];
      reader.on("community:message", (e) => void seen.push(e));
      await reader.communities.join(joinLink, {
        history: true,
        pollInterval: { min: 50, max: 200 },
      });
      await reader.start();
      const deadline = Date.now() + 15_000;
      while (!seen.some((e) => e.messageId === posted.messageId) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(seen.find((e) => e.messageId === posted.messageId)?.body, "deploy done");
    } finally {
      await reader.stop();
      kv.close();
    }

    // Left again: the store lists no room, so a bare <server>/<room> is refused (exit 2).
    const bare = await run(["send", "--to", `${url}/lobby`, "again"], env);
    assert.equal(bare.code, 2, bare.stderr);
    assert.match(bare.stderr, /not joined in this store: give its join link/);
    const bad = await run(["send", "--to", "http://127.0.0.1:1/bad room!", "x"], env);
    assert.equal(bad.code, 2, bad.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await devnet.stop();
  }
});
