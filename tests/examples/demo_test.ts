import assert from "node:assert/strict";

Deno.test("deno task demo: the README's main job runs and shows a verified exchange", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", "examples/demo.ts"],
    cwd: new URL("../../", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  assert.match(text, /bob received "Hello Bob! 👋" from Alice \(signature verified\)/);
  assert.match(text, /alice received "Hi Alice!"/);
});
