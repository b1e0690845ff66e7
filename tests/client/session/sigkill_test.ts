/**
 * 1,000 messages in a burst while the receiving process is killed with SIGKILL at random
 * points and restarted: every message reaches the handler, and the handler's KV effect
 * (`event.tx`, committed with the inbox removal) happens exactly once per message. The file
 * the handler also appends to shows the at-least-once side: a message whose handler ran just
 * before a kill may be handed out again, never lost.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { toHex } from "../../../src/core/bytes.ts";
import { FAST, Identity, until, withDevnet } from "./_setup.ts";

const COUNT = 1000;
const FIXTURE = new URL("./fixtures/receiver.ts", import.meta.url).pathname;

Deno.test({
  name: "SIGKILL at random points while 1,000 messages arrive: none lost, none handled twice",
  async fn() {
    await withDevnet(async ({ devnet, open }) => {
      const dir = await Deno.makeTempDir({ prefix: "sessionbot-sigkill-" });
      const seed = crypto.getRandomValues(new Uint8Array(16));
      const bob = Identity.fromSeed(seed);
      const kvPath = join(dir, "bob.kv");
      const output = join(dir, "handled.txt");
      const spawn = () =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "--no-check", FIXTURE, kvPath, devnet.seedUrl, toHex(seed), output],
          stdout: "piped",
          stderr: "inherit",
        }).spawn();
      const ready = async (child: Deno.ChildProcess) => {
        const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
        const line = await reader.read();
        reader.releaseLock();
        return line.value?.includes("ready") ?? false;
      };
      const lines = async () =>
        (await Deno.readTextFile(output).catch(() => "")).split("\n").filter(Boolean);
      try {
        const alice = await open(Identity.generate(), { sendRetry: FAST.sendRetry });
        const ids = Array.from({ length: COUNT }, (_, i) => `msg-${String(i).padStart(4, "0")}`);
        const sending = Promise.all(ids.map((id) => alice.send(bob.sessionId, id)));
        let sent = false;
        sending.then(() => sent = true, () => {});

        let kills = 0;
        let failedStarts = 0;
        while (!sent || kills < 6) {
          const child = spawn();
          if (await ready(child)) {
            await new Promise((r) => setTimeout(r, 50 + Math.random() * 600));
          } else {
            assert.ok(++failedStarts < 3, "the receiver fixture does not start");
          }
          child.kill("SIGKILL");
          await child.status;
          await child.stdout.cancel().catch(() => {});
          kills++;
        }
        await sending;

        const last = spawn();
        assert.ok(await ready(last), "the last receiver started");
        await until(
          async () => new Set(await lines()).size === COUNT,
          30_000,
          "every message handled",
        );
        last.kill("SIGTERM");
        assert.equal((await last.status).code, 0);
        await last.stdout.cancel().catch(() => {});

        const handled = await lines();
        assert.deepEqual([...new Set(handled)].sort(), ids, "no message lost");
        const kv = await Deno.openKv(kvPath);
        try {
          const counts = new Map<string, bigint>();
          for await (const entry of kv.list<Deno.KvU64>({ prefix: ["handled"] })) {
            counts.set(entry.key[1] as string, entry.value.value);
          }
          assert.equal(counts.size, COUNT);
          const twice = [...counts].filter(([, n]) => n !== 1n);
          assert.deepEqual(twice, [], "every handler effect committed exactly once");
          let left = 0;
          for await (const _ of kv.list({ prefix: ["inbox"] })) left++;
          assert.equal(left, 0, "the inbox is empty");
          assert.deepEqual(await Array.fromAsync(kv.list({ prefix: ["dead"] })), []);
        } finally {
          kv.close();
        }
        console.log(
          `${kills} kills; handler ran ${handled.length} times for ${COUNT} messages ` +
            `(${handled.length - COUNT} redeliveries after a kill, each committed once)`,
        );
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  },
});
