import assert from "node:assert/strict";
import { spawn } from "../_spawn.ts";

Deno.test("deno task demo: a simulated user chats with the counter bot on the devnet, exit 0 quickly", async () => {
  const began = performance.now();
  await using demo = spawn("examples/demo.ts", []);
  assert.equal((await demo.status).code, 0, demo.stderr());
  assert.ok(performance.now() - began < 60_000, "under a minute");
  const text = demo.lines.join("\n");
  assert.match(text, /^devnet: 9 nodes in 3 swarms, seed https:\/\/127\.0\.0\.1:\d+\/json_rpc$/m);
  assert.match(text, /^alice → bot {3}\/start\nbot → alice {3}Hi! I keep a counter for you/m);
  assert.match(
    text,
    /\/count\nbot → alice {3}Your count is 1\.\n.*\n.*Your count is 2\.\n.*\n.*Your count is 3\./,
  );
  assert.match(text, /^bot → alice {3}Commands:\n {14}\/help — Show this list/m);
  assert.match(
    text,
    /^alice → bot {3}\[file sunset\.png\]\nbot → alice {3}Got sunset\.png \(image\/png, 64×48, 233 bytes/m,
  );
  assert.match(
    text,
    /^alice reacts 👍 to "Got sunset\.png.*"\nbot → alice {3}Thanks for the 👍!$/m,
  );
  assert.match(text, /^bot → alice {3}Your count is back to 0\.$/m);
  assert.match(text, /^done in \d+\.\d s: 8 messages to the bot and 8 replies/m);
});

Deno.test("deno task demo --interactive: stdin lines go to the bot, replies are printed", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-net=127.0.0.1",
      "--allow-sys",
      "examples/demo.ts",
      "--interactive",
    ],
    cwd: new URL("../../", import.meta.url),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode("/count\n/count\nhello\n"));
  await writer.close();
  const output = await child.output();
  const text = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  assert.match(
    text,
    /^bot → you {3}Your count is 1\.\nbot → you {3}Your count is 2\.\nbot → you {3}I only count/m,
  );
});
