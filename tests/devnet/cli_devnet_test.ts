/** `sessionbot devnet --json` as a subprocess: one JSON line once listening, SIGTERM → exit 0. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { post } from "./_helpers.ts";

const ROOT = new URL("../../", import.meta.url);
/** The permissions of `deno task cli`. */
const CLI_PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net",
  "--allow-sys",
];

async function firstLine(
  stream: ReadableStream<Uint8Array>,
): Promise<[string, () => Promise<string>]> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  while (!buffer.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
  }
  const rest = async () => {
    let more = buffer.slice(buffer.indexOf("\n") + 1);
    for (let r = await reader.read(); !r.done; r = await reader.read()) more += r.value;
    return more;
  };
  return [buffer.split("\n")[0], rest];
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.test({
    name: `cli: devnet --json prints one line, serves, and exits 0 on ${signal}`,
    ignore: Deno.build.os === "windows",
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "devnet-cli-" });
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          ...CLI_PERMISSIONS,
          "src/cli/main.ts",
          "devnet",
          "--json",
          "--port",
          "0",
          "--nodes",
          "4",
          "--swarms",
          "2",
          "--state",
          join(dir, "state"),
        ],
        cwd: ROOT,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const stderr = new Response(child.stderr).text();
      try {
        const [line, rest] = await firstLine(child.stdout);
        const described = JSON.parse(line);
        assert.deepEqual(Object.keys(described), ["seed", "nodes", "fileServer", "community"]);
        assert.deepEqual(Object.keys(described.community), [
          "url",
          "publicKey",
          "room",
          "joinLink",
        ]);
        assert.equal(
          described.community.joinLink,
          `${described.community.url}/lobby?public_key=${described.community.publicKey}`,
        );
        assert.match(described.seed, /^https:\/\/127\.0\.0\.1:\d+\/json_rpc$/);
        assert.equal(described.nodes.length, 4);
        assert.deepEqual(Object.keys(described.nodes[0]), ["ed25519", "x25519", "port", "swarm"]);
        assert.match(described.fileServer.url, /^http:\/\/127\.0\.0\.1:\d+$/);

        const seed = await post(described.seed, {
          jsonrpc: "2.0",
          method: "get_n_service_nodes",
          params: {
            active_only: true,
            fields: { public_ip: true, storage_port: true, pubkey_ed25519: true },
          },
        });
        const states = seed.json.result.service_node_states;
        assert.deepEqual(
          states.map((s: { storage_port: number }) => s.storage_port),
          described.nodes.map((n: { port: number }) => n.port),
        );
        assert.deepEqual(Object.keys(states[0]).sort(), [
          "pubkey_ed25519",
          "public_ip",
          "storage_port",
        ]);

        child.kill(signal);
        const status = await child.status;
        assert.equal(status.code, 0, await stderr);
        assert.equal(await rest(), "", "nothing after the JSON line");
      } finally {
        try {
          child.kill("SIGKILL");
        } catch {
          // already exited
        }
        await child.status;
        await stderr;
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

Deno.test("cli: devnet usage errors exit 2 with a pointer to help", async () => {
  const { runCli } = await import("../../src/cli/main.ts");
  const run = async (...args: string[]) => {
    let stderr = "";
    const code = await runCli(args, {
      stdin: ReadableStream.from([]),
      stdout: () => {},
      stderr: (s) => void (stderr += s),
      env: {},
    });
    return { code, stderr };
  };
  assert.match(
    (await run("devnet", "--status", "503")).stderr,
    /--status belongs to "devnet fault"/,
  );
  assert.match((await run("devnet", "fault", "--nodes", "3")).stderr, /--nodes is for running/);
  assert.match((await run("devnet", "fault", "--node", "1")).stderr, /say what to change/);
  assert.match((await run("devnet", "fault", "--move", "05")).stderr, /--move needs --to-swarm/);
  assert.match((await run("devnet", "frob")).stderr, /unknown devnet action "frob"/);
  const bad = await run("devnet", "--nodes", "x");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--nodes expects a number/);
  const none = await run("devnet", "fault", "--port", "1", "--node", "0", "--status", "503");
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no devnet answers at https:\/\/127\.0\.0\.1:1/);
});
