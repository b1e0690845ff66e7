/**
 * Fixture of `pinned_test.ts`, run as its own process with the `--allow-net` list under test:
 * one delivery to a guarded endpoint whose name resolves (by the injected resolver) to a public
 * address, with a fake fetch that records whether it got a pinned client. Prints
 * `{"pinned":[…]}`.
 */
import { createWebhooks } from "../../src/webhook/mod.ts";
import { payload, until } from "./_receiver.ts";

const kv = await Deno.openKv(":memory:");
const pinned: boolean[] = [];
const webhooks = createWebhooks({
  kv,
  resolveHost: () => Promise.resolve(["93.184.216.34"]),
  fetch: (_input, init) => {
    pinned.push((init as { client?: unknown } | undefined)?.client instanceof Deno.HttpClient);
    return Promise.resolve(new Response(null, { status: 204 }));
  },
});
await webhooks.endpoints.add({ url: "https://hooks.test/hook" });
await webhooks.enqueue(payload(1));
webhooks.start();
await until(async () => (await webhooks.stats()).delivered === 1, "the delivery");
await webhooks.stop();
kv.close();
console.log(JSON.stringify({ pinned }));
