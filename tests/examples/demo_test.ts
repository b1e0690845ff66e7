import assert from "node:assert/strict";

Deno.test("deno task demo: the README's main job runs a verified exchange on the devnet", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-net=127.0.0.1",
      "--allow-sys",
      "examples/demo.ts",
    ],
    cwd: new URL("../../", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  assert.match(text, /devnet: 9 nodes in 3 swarms/);
  assert.match(text, /bob received from alice, signature verified: "Hello Bob! 👋"/);
  assert.match(
    text,
    /alice received from bob, signature verified: "Hi Alice!.*" \(replying to \d+\)/,
  );
});
