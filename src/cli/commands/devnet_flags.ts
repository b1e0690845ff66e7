/**
 * Flag helpers shared by `devnet` and `devnet fault`.
 *
 * @module
 */
import { UsageError } from "../args.ts";
import type { CommandContext } from "../command.ts";

/** Default base port of `sessionbot devnet` (seed; nodes follow). */
export const DEFAULT_DEVNET_PORT = 22000;

/** Flags only `devnet` (run) takes. */
export const RUN_FLAGS: readonly string[] = ["nodes", "swarms", "state"];

/** The number in flag `flag`; `UsageError` when it is not one. */
export function num(ctx: CommandContext, flag: string): number {
  const text = ctx.values[flag] as string;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${flag} expects a number, got "${text}"`, "devnet");
  }
  return value;
}

/** The integer in flag `flag`, if given. */
export function int(ctx: CommandContext, flag: string): number | undefined {
  if (ctx.values[flag] === undefined) return undefined;
  const value = num(ctx, flag);
  if (!Number.isInteger(value)) throw new UsageError(`--${flag} expects an integer`, "devnet");
  return value;
}
