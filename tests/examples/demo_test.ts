import assert from "node:assert/strict";
import { verifyWebhook } from "../../examples/demo_webhook_receiver.ts";
import { signatureHeaders } from "../../src/webhook/mod.ts";
import { spawn } from "../_spawn.ts";

Deno.test("deno task demo: act 1 (1:1 chat with the counter bot) and act 2 (room, webhooks, HTTP API), exit 0", async () => {
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
  // Act 2: the lobby, two verified webhooks, the HTTP API.
  assert.match(text, /^\[lobby\] bot \(15[0-9a-f]{6}…[0-9a-f]{4}\) and alice \(15[0-9a-f]{6}…/m);
  assert.match(text, /^\[lobby\] alice → {2}\/count\n\[lobby\] bot → {4}Your count is 1\.$/m);
  assert.match(text, /^webhook ← community:message from alice: "\/count" \(signature ok\)$/m);
  assert.match(
    text,
    /^alice → bot {3}\/count\nbot → alice {3}Your count is 1\.\nwebhook ← message from alice: "\/count" \(signature ok\)$/m,
  );
  assert.doesNotMatch(text, /did NOT verify/);
  assert.match(
    text,
    /^POST \/v1\/messages \{to: alice, body: "deploy finished ✅"\} → 201\nbot → alice {3}deploy finished ✅$/m,
  );
  assert.match(
    text,
    /^GET \/v1\/messages\?since=<act 2> → 2 events: community:message "\/count", message "\/count"$/m,
  );
  assert.match(
    text,
    /^GET \/metrics → sessionbot_api_messages_accepted_total 1, sessionbot_webhook_deliveries_total 2$/m,
  );
  assert.match(
    text,
    /^done in \d+\.\d s: 8 messages to the bot and 8 replies, .*; act 2: 1 room post answered, 2 webhooks verified, 1 message sent through the HTTP API$/m,
  );
});

Deno.test("the demo's webhook verifier: accepts the Standard Webhooks vector, refuses tampering", async () => {
  // The example of the Standard Webhooks specification.
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const at = 1614265330;
  const headers = new Headers({
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": String(at),
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  });
  const body = '{"test": 2432232314}';
  assert.equal(await verifyWebhook(secret, headers, body, at), true);
  assert.equal(await verifyWebhook(secret, headers, '{"test": 2432232315}', at), false);
  assert.equal(await verifyWebhook(secret, headers, body, at + 301), false, "stale");
  const other = "whsec_" + btoa("x".repeat(24));
  assert.equal(await verifyWebhook(other, headers, body, at), false, "another secret");
  // What the webhooks worker signs, with several signatures listed (rotation).
  const signed = signatureHeaders({ secret: other, id: "h:message", timestamp: at, body });
  const both = new Headers({
    ...signed,
    "webhook-signature": `v1,${btoa("y".repeat(32))} ${signed["webhook-signature"]}`,
  });
  assert.equal(await verifyWebhook(other, both, body, at), true);
  both.delete("webhook-id");
  assert.equal(await verifyWebhook(other, both, body, at), false, "no id");
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
