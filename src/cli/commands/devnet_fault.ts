/**
 * `sessionbot devnet fault`: change a running devnet's faults through its control endpoint.
 *
 * @module
 */
import type { FaultCommand, FaultReport } from "../../devnet/mod.ts";
import { UsageError } from "../args.ts";
import type { CommandContext } from "../command.ts";
import { DEFAULT_DEVNET_PORT, int, num, RUN_FLAGS } from "./devnet_flags.ts";

/** Runs `devnet fault`: sends the command (or asks for the report) and prints the report. */
export async function fault(ctx: CommandContext): Promise<void> {
  const misplaced = RUN_FLAGS.find((f) => ctx.values[f] !== undefined);
  if (misplaced) throw new UsageError(`--${misplaced} is for running a devnet`, "devnet");
  const seed = (ctx.values.seed as string | undefined) ??
    `https://127.0.0.1:${int(ctx, "port") ?? DEFAULT_DEVNET_PORT}/json_rpc`;
  const command = faultCommand(ctx);
  const { sendFault } = await import("../../devnet/mod.ts");
  const report = await sendFault(seed, command);
  ctx.print(reportText(report), report);
}

function faultCommand(ctx: CommandContext): FaultCommand | undefined {
  const v = ctx.values;
  const node = v.node as string | undefined;
  const status = int(ctx, "status");
  const command: FaultCommand = {
    ...(node === undefined ? {} : { node: /^\d+$/.test(node) ? Number(node) : node }),
    ...(status === undefined ? {} : { status: status === 0 ? null : status }),
    ...(v.latency === undefined ? {} : { latency: num(ctx, "latency") }),
    ...(v.drop === undefined ? {} : { drop: num(ctx, "drop") }),
    ...(v.skew === undefined ? {} : { skew: num(ctx, "skew") }),
    ...(v.stop ? { stop: true } : {}),
    ...(v.start ? { start: true } : {}),
    ...(v.clear ? { clear: true } : {}),
    ...(v.move === undefined ? {} : { move: v.move as string, toSwarm: v["to-swarm"] as string }),
  };
  if (v.move !== undefined && v["to-swarm"] === undefined) {
    throw new UsageError("--move needs --to-swarm (a swarm id in hex, or its index)", "devnet");
  }
  if (v.stop && v.start) throw new UsageError("use --stop or --start, not both", "devnet");
  const changes = Object.keys(command).filter((k) => k !== "node");
  if (changes.length === 0 && node !== undefined) {
    throw new UsageError("say what to change: --status, --latency, --drop, --skew, …", "devnet");
  }
  return changes.length === 0 ? undefined : command;
}

function reportText(report: FaultReport): string {
  const lines = report.nodes.map((n) => {
    const f = Object.entries(n.faults).map(([k, v]) => `${k}=${v}`).join(" ") || "none";
    return `  ${String(n.index).padStart(2)}  ${n.ed25519.slice(0, 16)}…  ${f}`;
  });
  const moves = Object.entries(report.moves).map(([pk, swarm]) => `  ${pk} → swarm ${swarm}`);
  return ["Faults:", ...lines, ...(moves.length ? ["Moved accounts:", ...moves] : [])].join("\n");
}
