/**
 * `sessionbot devnet`: run a local Session network until interrupted, and
 * `sessionbot devnet fault`: inject faults into a running one.
 *
 * @module
 */
import type { DevnetDescription } from "../../devnet/mod.ts";
import { UsageError } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { fault } from "./devnet_fault.ts";
import { DEFAULT_DEVNET_PORT, int } from "./devnet_flags.ts";

const FAULT_FLAGS = [
  "seed",
  "node",
  "status",
  "latency",
  "drop",
  "skew",
  "stop",
  "start",
  "clear",
  "move",
  "to-swarm",
  "refuse-store",
];

/** The `devnet` command. */
export const devnet: Command = {
  name: "devnet",
  summary:
    "run a local Session network (seed, nodes, file server, community server) or inject faults into it",
  usage: "[--port BASE] [--nodes N] [--swarms N] [--state DIR]\n" +
    "       sessionbot devnet fault [--port BASE | --seed URL] --node I|ED25519 " +
    "[--status CODE] [--latency MS] [--drop FRACTION] [--skew MS] [--stop | --start] [--clear]\n" +
    "       sessionbot devnet fault [--port BASE | --seed URL] [--node I|ED25519] " +
    "--refuse-store [STATUS]\n" +
    "       sessionbot devnet fault [--port BASE | --seed URL] --move PUBKEY --to-swarm ID",
  details: "Runs until SIGINT/SIGTERM, then exits 0. Ports: seed at BASE (default " +
    `${DEFAULT_DEVNET_PORT}), nodes at BASE+1.., file server after them; --port 0 picks free ports.\n` +
    "With --json, prints one line once everything listens:\n" +
    '  {"seed","nodes":[{"ed25519","x25519","port","swarm"}],"fileServer":{"url","x25519","ed25519","port"},\n' +
    '   "community":{"url","publicKey","room","joinLink"}}\n' +
    "--state keeps keys, swarms, messages and files across runs (KV file devnet.kv, mode 0600).\n" +
    "fault: --status 421|406|500|503 (0 clears), --latency and --skew in ms (0 clears), --drop\n" +
    "0..1; --clear without --node resets every fault. Without any change it prints the faults.\n" +
    "--refuse-store [STATUS]: the node (every node without --node) refuses the storage RPC\n" +
    "`store` with STATUS 400|401|403|406|500|503 (default 500; 0 stores again) while other\n" +
    "methods and onion relaying keep working.",
  flags: {
    port: {
      type: "string",
      value: "BASE",
      description: `base port (default ${DEFAULT_DEVNET_PORT})`,
    },
    nodes: { type: "string", value: "N", description: "service nodes (default 9)" },
    swarms: { type: "string", value: "N", description: "swarms (default 3)" },
    state: { type: "string", value: "DIR", description: "keep state in DIR (default: memory)" },
    seed: { type: "string", value: "URL", description: "fault: the devnet's seed URL" },
    node: { type: "string", value: "I|ED25519", description: "fault: node index or key" },
    status: { type: "string", value: "CODE", description: "fault: answer 421/406/500/503" },
    latency: { type: "string", value: "MS", description: "fault: delay every request" },
    drop: { type: "string", value: "FRACTION", description: "fault: drop this share (0..1)" },
    skew: { type: "string", value: "MS", description: "fault: clock offset" },
    stop: { type: "boolean", description: "fault: stop the node" },
    start: { type: "boolean", description: "fault: start it again" },
    clear: { type: "boolean", description: "fault: clear faults" },
    move: { type: "string", value: "PUBKEY", description: "fault: move this account's swarm" },
    "to-swarm": { type: "string", value: "ID", description: "fault: swarm id (hex) or index" },
    "refuse-store": {
      type: "boolean",
      description: "fault: refuse `store` (optional STATUS after it, default 500)",
    },
  },
  // `devnet fault` and the optional STATUS of --refuse-store (checked by `fault`).
  maxPositionals: 2,
  async run(ctx) {
    const sub = ctx.positionals[0];
    if (sub === "fault") return await fault(ctx);
    if (sub !== undefined) throw new UsageError(`unknown devnet action "${sub}"`, "devnet");
    const misplaced = FAULT_FLAGS.find((f) => ctx.values[f] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} belongs to "devnet fault"`, "devnet");
    await run(ctx);
  },
};

async function run(ctx: CommandContext): Promise<void> {
  // Loaded on demand: the other commands should not pay for the devnet's modules.
  const { startDevnet } = await import("../../devnet/mod.ts");
  const running = await startDevnet({
    port: int(ctx, "port") ?? DEFAULT_DEVNET_PORT,
    nodes: int(ctx, "nodes"),
    swarms: int(ctx, "swarms"),
    state: ctx.values.state as string | undefined,
  });
  const description = running.describe();
  if (ctx.json) ctx.io.stdout(JSON.stringify(description) + "\n");
  else ctx.io.stdout(human(description));
  await interrupted();
  await running.stop();
  if (!ctx.json) ctx.note("devnet stopped");
}

/** Resolves on the first SIGINT or SIGTERM. */
function interrupted(): Promise<void> {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  return new Promise((resolve) => {
    const done = () => {
      for (const signal of signals) Deno.removeSignalListener(signal, done);
      resolve();
    };
    for (const signal of signals) Deno.addSignalListener(signal, done);
  });
}

function human(d: DevnetDescription): string {
  const lines = d.nodes.map((n, i) =>
    `  ${String(i).padStart(2)}  https://127.0.0.1:${n.port}  swarm ${n.swarm}  ${n.ed25519}`
  );
  return [
    `Devnet running. Seed: ${d.seed}`,
    "Nodes:",
    ...lines,
    `File server: ${d.fileServer.url}  x25519 ${d.fileServer.x25519}`,
    `Community: ${d.community.joinLink}`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}
