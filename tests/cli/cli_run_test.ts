/**
 * `sessionbot run --config` as a subprocess against a devnet: the API on port 0, a message
 * through it, `send --api`, SIGTERM → exit 0; a bad config → exit 2 naming the field.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { SessionClient } from "../../src/client/session/mod.ts";
import { Identity } from "../../src/crypto/mod.ts";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { cli } from "./_helpers.ts";

const ROOT = new URL("../../", import.meta.url);
const TOKEN = "test-token-0123456789";

/** `sessionbot <args>` as a child with `env`; stdout lines as they come. */
function child(args: string[], env: Record<string, string>) {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "src/cli/main.ts", ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1", SESSIONBOT_SCRYPT_LOG_N: "10", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  const erring = (async () => {
    for await (const chunk of process.stderr.pipeThrough(new TextDecoderStream())) stderr += chunk;
  })();
  const lines = process.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    process,
    stderr: () => stderr,
    async firstLine(): Promise<string> {
      while (!buffer.includes("\n")) {
        const { value, done } = await lines.read();
        if (done) throw new Error(`exited before a line; stderr:\n${stderr}`);
        buffer += value;
      }
      return buffer.slice(0, buffer.indexOf("\n"));
    },
    async finish() {
      while (!(await lines.read()).done) { /* drain */ }
      const status = await process.status;
      await erring;
      return status;
    },
  };
}

Deno.test("cli run --config (TOML): API on port 0, POST + send --api, SIGTERM exits 0", async () => {
  await using net = await createTestNetwork({ nodes: 4, swarms: 1 });
  const alice = await net.createUser("alice");
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-run-" });
  try {
    const config = join(dir, "sessionbot.toml");
    await Deno.writeTextFile(
      config,
      `
[identity]
kv = "state/bot.kv"   # relative to this file
name = "bot"
create = true

[network]
seed = "${net.seedUrl}"

[bot]
drainMs = 2000
pollInterval = { min = 50, max = 200 }
plugins = [{ use = "auto-accept", config = { policy = "everyone" } }]

[[communities]]
link = "${net.devnet.community.joinLink}"
pollInterval = { min = 50, max = 200 }

[api]
port = 0
token = { env = "SB_TEST_TOKEN" }

[logging]
level = "info"
format = "json"
`,
    );
    const service = child(["run", "--config", config, "--json"], { SB_TEST_TOKEN: TOKEN });
    try {
      const started = JSON.parse(await service.firstLine());
      assert.equal(started.event, "started");
      assert.match(started.sessionId, /^05[0-9a-f]{64}$/);
      assert.match(started.api, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(new URL(started.api).port, "0");
      assert.ok((await Deno.stat(join(dir, "state", "bot.kv"))).isFile);

      const response = await fetch(`${started.api}/v1/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ to: alice.sessionId, body: "through the API" }),
      });
      const posted = await response.json();
      assert.equal(response.status, 201, JSON.stringify(posted));
      const first = await alice.nextMessage();
      assert.equal(first.body, "through the API");
      assert.equal(first.from, started.sessionId);
      assert.equal(first.timestamp, posted.timestamp);

      const env = { SESSIONBOT_API: started.api, SESSIONBOT_API_TOKEN: TOKEN };
      const file = join(dir, "report.txt");
      await Deno.writeTextFile(file, "disk 91% full");
      const sent = await cli(["send", "--json", "--to", alice.sessionId, "--file", file], {
        stdin: "alert from a script\n",
        env,
      });
      assert.equal(sent.code, 0, sent.stderr);
      assert.deepEqual(Object.keys(JSON.parse(sent.stdout)).sort(), ["hash", "timestamp"]);
      const second = await alice.nextMessage();
      assert.equal(second.body, "alert from a script");
      assert.deepEqual(second.attachments.map((a) => a.fileName), ["report.txt"]);

      // An alert into the community room the service joined, by its join link.
      const memberKv = await Deno.openKv(":memory:");
      const member = await SessionClient.open({
        kv: memberKv,
        identity: Identity.generate(),
        network: net.seedUrl,
      });
      try {
        const posts: string[] = [];
        member.on("community:message", (e) => void posts.push(e.body ?? ""));
        await member.communities.join(net.devnet.community.joinLink, {
          pollInterval: { min: 50, max: 200 },
        });
        await member.start();
        const room = await cli(["send", "--json", "--to", net.devnet.community.joinLink], {
          stdin: "room alert\n",
          env,
        });
        assert.equal(room.code, 0, room.stderr);
        const answer = JSON.parse(room.stdout);
        assert.deepEqual(Object.keys(answer).sort(), ["messageId", "seqno", "timestamp"]);
        const deadline = Date.now() + 10_000;
        while (!posts.includes("room alert") && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.deepEqual(posts, ["room alert"]);
      } finally {
        await member.stop();
        memberKv.close();
      }

      // A backup of the store the service is using is refused (not one consistent state).
      const backup = await cli(
        ["--kv", join(dir, "state", "bot.kv"), "backup", "--out", join(dir, "bot.backup")],
        { stdin: "pass phrase\n", env: { SESSIONBOT_SCRYPT_LOG_N: "10" } },
      );
      assert.equal(backup.code, 1, backup.stderr);
      assert.match(backup.stderr, /is using .*stop it first/);

      const badTo = await cli(["send", "--to", "not a name!", "hi"], { env });
      assert.equal(badTo.code, 2, badTo.stderr);
      assert.match(badTo.stderr, /HTTP 400/);
      const badToken = await cli(["send", "--to", alice.sessionId, "hi"], {
        env: { ...env, SESSIONBOT_API_TOKEN: "wrong" },
      });
      assert.equal(badToken.code, 2, badToken.stderr);
      assert.match(badToken.stderr, /refused the token \(HTTP 401\)/);
      const noTokenVar = await cli(["send", "--to", alice.sessionId, "--token-env", "NOPE", "x"], {
        env,
      });
      assert.equal(noTokenVar.code, 2);
      assert.match(noTokenVar.stderr, /NOPE is not set/);
    } finally {
      service.process.kill("SIGTERM");
      const status = await service.finish();
      assert.equal(status.code, 0, service.stderr());
      assert.match(service.stderr(), /"msg":"service started"/);
      assert.match(service.stderr(), /stopped in \d+ ms/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli run --config: a bad config exits 2 naming the field; secrets must be env refs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-run-" });
  try {
    const cases: [string, unknown, RegExp][] = [
      [
        "port.json",
        { identity: { kv: "x.kv" }, api: { port: "80a" } },
        /api\.port: expected a number, got "80a"/,
      ],
      [
        "typo.json",
        { identity: { kv: "x.kv" }, api: { prot: 1 } },
        /api\.prot: unknown field\. Did you mean 'port'/,
      ],
      [
        "literal.json",
        { identity: { kv: "x.kv" }, api: { token: "abc" } },
        /api\.token: secrets are not written in the config/,
      ],
      [
        "unset.json",
        { identity: { kv: "x.kv" }, api: { token: { env: "SB_UNSET_VAR" } } },
        /api\.token: the environment variable SB_UNSET_VAR is not set/,
      ],
      [
        "plugin.json",
        { identity: { kv: "x.kv" }, bot: { plugins: [{ use: "rate-limt" }] } },
        /bot\.plugins\[0\]\.use: unknown built-in plugin 'rate-limt'\. Did you mean 'rate-limit'/,
      ],
    ];
    for (const [name, content, expected] of cases) {
      const path = join(dir, name);
      await Deno.writeTextFile(path, JSON.stringify(content));
      const run = child(["run", "--config", path], {});
      const status = await run.finish();
      assert.equal(status.code, 2, `${name}: ${run.stderr()}`);
      assert.match(run.stderr(), expected, name);
    }
    const toml = join(dir, "broken.toml");
    await Deno.writeTextFile(toml, "[api]\nport = \n");
    const broken = await cli(["run", "--config", toml]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not valid TOML \(line 2, column \d+\)/);
    const missing = join(dir, "missing.json");
    await Deno.writeTextFile(missing, JSON.stringify({ identity: { kv: "y.kv", name: "ghost" } }));
    const ghost = await cli(["run", "--config", missing]);
    assert.equal(ghost.code, 2);
    assert.match(
      ghost.stderr,
      /identity\.name: no identity named "ghost".*identity\.create = true/,
    );
    const yaml = await cli(["run", "--config", join(dir, "x.yaml")]);
    assert.equal(yaml.code, 2);
    assert.match(yaml.stderr, /must end in \.json or \.toml/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
