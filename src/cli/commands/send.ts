/**
 * `sessionbot send`: send text and files to a Session ID or ONS name through the outbox.
 *
 * @module
 */
import { basename } from "node:path";
import { UsageError } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { openCliClient, PASSPHRASE_FLAG } from "../session.ts";

/** The `send` command. */
export const send: Command = {
  name: "send",
  summary: "send a message (text and files) to a Session ID or ONS name",
  usage: "--to <sessionId|onsName> [--file PATH]... [TEXT]",
  details: "The text is the argument, or else standard input (after the passphrase line with\n" +
    "--passphrase-stdin). Files are encrypted and uploaded first (10 MB each at most).\n" +
    'Prints the stored message\'s hash and sent timestamp; with --json: {"hash","timestamp"}.',
  flags: {
    to: { type: "string", value: "ID|NAME", description: "recipient Session ID or ONS name" },
    file: {
      type: "string",
      value: "PATH",
      multiple: true,
      description: "attach a file (repeatable)",
    },
    ...PASSPHRASE_FLAG,
  },
  maxPositionals: 1,
  async run(ctx) {
    const to = ctx.values.to;
    if (typeof to !== "string" || to === "") throw new UsageError("--to is required", "send");
    const paths = (ctx.values.file as string[] | undefined) ?? [];
    const attachments = await Promise.all(paths.map(async (path) => ({
      bytes: await Deno.readFile(path),
      fileName: basename(path),
    })));
    const client = await openCliClient(ctx);
    try {
      const body = ctx.positionals[0] ?? await readText(ctx);
      if (!body && attachments.length === 0) {
        throw new UsageError("nothing to send: give a text (argument or stdin) or --file", "send");
      }
      const result = await client.send(to, { ...(body ? { body } : {}), attachments });
      ctx.print(`sent ${result.hash} at ${result.timestamp}`, result);
    } finally {
      await client.stop();
    }
  },
};

/** The rest of standard input, without its final line break (empty on a terminal). */
async function readText(ctx: CommandContext): Promise<string> {
  if (ctx.io.stdinIsTerminal) return "";
  const lines: string[] = [];
  for (let line = await ctx.readLine(""); line !== undefined; line = await ctx.readLine("")) {
    lines.push(line);
  }
  return lines.join("\n");
}
