/**
 * The measured process of `client_e2e.ts`: an idle client first (resident memory while idle),
 * then a client that drains a backlog already waiting in its swarm (drain rate, memory after).
 * Prints one JSON line. Run by `client_e2e.ts`, not on its own.
 *
 * Usage: client_receiver.ts <seed url> <idle seed hex> <backlog seed hex> <count> <dir>
 */
import { SessionClient } from "../src/client/session/mod.ts";
import { Identity } from "../src/crypto/identity.ts";

const [seedUrl, idleSeed, backlogSeed, countText, dir] = Deno.args;
const count = Number(countText);
/** Resident memory after a full GC, MB (needs `--v8-flags=--expose-gc`). */
const mb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(Deno.memoryUsage().rss / 1e5) / 10;
};
const heapMb = () => Math.round(Deno.memoryUsage().heapUsed / 1e5) / 10;
const rssStart = mb();

const idle = await SessionClient.open({
  kv: `${dir}/idle.kv`,
  identity: Identity.fromSeed(idleSeed),
  network: seedUrl,
  pollInterval: { min: 1000, max: 1000 },
});
await idle.start();
await new Promise((r) => setTimeout(r, 5000)); // five idle poll rounds
const rssIdle = mb();

const client = await SessionClient.open({
  kv: `${dir}/backlog.kv`,
  identity: Identity.fromSeed(backlogSeed),
  network: seedUrl,
  history: true,
  pollInterval: { min: 1000, max: 1000 },
});
let handled = 0;
let first = 0;
const done = Promise.withResolvers<void>();
client.on("message", () => {
  if (handled++ === 0) first = performance.now();
  if (handled === count) done.resolve();
});
const start = performance.now();
await client.start();
await done.promise;
const end = performance.now();
await client.idle();
const rssAfter = mb();
// What a long-lived service keeps once the burst is over: freed memory goes back lazily.
await new Promise((r) => setTimeout(r, 20_000));
const rssSettled = mb();
const heapAfter = heapMb();
await Promise.all([client.stop(), idle.stop()]);
console.log(JSON.stringify({
  count,
  drainSeconds: (end - start) / 1000,
  drainRate: Math.round(count / ((end - start) / 1000)),
  dispatchRate: Math.round((count - 1) / ((end - first) / 1000)),
  rssStartMb: rssStart,
  rssIdleMb: rssIdle,
  rssAfterBacklogMb: rssAfter,
  rssAfterBacklogIdle20sMb: rssSettled,
  heapUsedAfterBacklogMb: heapAfter,
}));
