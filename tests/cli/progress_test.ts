import assert from "node:assert/strict";
import type { CliIo } from "../../src/cli/io.ts";
import { createProgress } from "../../src/cli/progress.ts";

function io(stderrIsTerminal: boolean, env: Record<string, string> = {}) {
  const err: string[] = [];
  const out: string[] = [];
  const value: CliIo = {
    stdin: ReadableStream.from([]),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env,
    stderrIsTerminal,
  };
  return { value, err, out };
}

Deno.test("progress: plain log lines when stderr is not a terminal, never stdout", async () => {
  const { value, err, out } = io(false);
  const progress = createProgress(value);
  const result = await progress.task("restoring", () => {
    progress.update("500/1200");
    return Promise.resolve(42);
  });
  assert.equal(result, 42);
  assert.deepEqual(err, ["sessionbot: restoring…\n", "sessionbot: restoring 500/1200\n"]);
  assert.deepEqual(out, []);
});

Deno.test("progress: a spinner on a terminal, ending in ✓ or ✗; NO_COLOR turns it off", async () => {
  const { value, err, out } = io(true);
  const progress = createProgress(value, { intervalMs: 1 });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  const running = progress.task("opening the network", () => gate);
  progress.update("3/4");
  await new Promise((resolve) => setTimeout(resolve, 5));
  release();
  await running;
  const clear = "\r\x1b[2K";
  assert.equal(err[0], `${clear}⠋ opening the network`);
  assert.ok(err.at(-1)!.startsWith(`${clear}✓ opening the network (`), err.at(-1));
  assert.match(err.at(-1)!, /\(\d+ ms\)\n$/);
  assert.deepEqual(out, []);

  await assert.rejects(progress.task("uploading", () => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(err.at(-1), "\r\x1b[2K✗ uploading\n");

  const plain = io(true, { NO_COLOR: "1" });
  await createProgress(plain.value).task("x", () => Promise.resolve());
  assert.deepEqual(plain.err, ["sessionbot: x…\n"]);
});
