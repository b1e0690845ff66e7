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
  const refuseStore = refuseStoreOf(ctx);
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
    ...(refuseStore === undefined ? {} : { refuseStore }),
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

/**
 * `--refuse-store [STATUS]`: the status is the positional after `fault` (the flag parser has
 * no optional values); 0 stores again, no status means the devnet's default (500).
 */
function refuseStoreOf(ctx: CommandContext): number | boolean | null | undefined {
  const text = ctx.positionals[1];
  if (!ctx.values["refuse-store"]) {
    if (text !== undefined) throw new UsageError(`unexpected argument "${text}"`, "devnet");
    return undefined;
  }
  if (text === undefined) return true;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--refuse-store expects a status code, got "${text}"`, "devnet");
  }
  return Number(text) === 0 ? null : Number(text);
}

function reportText(report: FaultReport): string {
  const lines = report.nodes.map((n) => {
    const f = Object.entries(n.faults).map(([k, v]) => `${k}=${shown(v)}`).join(" ") || "none";
    return `  ${String(n.index).padStart(2)}  ${n.ed25519.slice(0, 16)}…  ${f}`;
  });
  const moves = Object.entries(report.moves).map(([pk, swarm]) => `  ${pk} → swarm ${swarm}`);
  return ["Faults:", ...lines, ...(moves.length ? ["Moved accounts:", ...moves] : [])].join("\n");
}

/** A fault value for the text report; a store refusal shows as its status and text. */
function shown(value: unknown): string {
  if (typeof value !== "object" || value === null) return String(value);
  const { status, text } = value as { status?: number; text?: string };
  return `${status}(${JSON.stringify((text ?? "").trim())})`;
}
