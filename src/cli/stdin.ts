/**
 * Secrets read from standard input, never from flags, so they stay out of shell history and
 * `ps` output. Layout: the recovery phrase is the first non-empty line; with
 * `--passphrase-stdin` the passphrase is the line right after it (or the first line when no
 * phrase is read).
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { CommandContext } from "./command.ts";

/** Reads the passphrase line; an empty or missing one is refused. */
export async function readPassphrase(ctx: CommandContext): Promise<string> {
  const line = await ctx.readLine("Passphrase (shown as you type), then Enter: ");
  if (line === undefined || line === "") {
    throw new ValidationError(
      "--passphrase-stdin expects a non-empty passphrase on its own line of standard input",
      "passphrase_missing",
      "passphrase",
    );
  }
  return line;
}

/** Reads the first non-empty line as a recovery phrase. */
export async function readPhrase(ctx: CommandContext): Promise<string> {
  let line = await ctx.readLine("Recovery phrase, then Enter: ");
  while (line !== undefined && line.trim() === "") line = await ctx.readLine("");
  if (line === undefined) {
    throw new ValidationError(
      "expected the recovery phrase on standard input, e.g. " +
        "`sessionbot restore < phrase.txt`, but it was empty",
      "mnemonic_missing",
      "mnemonic",
    );
  }
  return line;
}
