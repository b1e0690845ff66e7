/**
 * `sessionbot send`: send text and files to a Session ID or ONS name, through the outbox of the
 * identity opened here, or through a running service's API (`--api` / `SESSIONBOT_API`).
 *
 * @module
 */
import { basename } from "node:path";
import { MAX_FILE_BYTES } from "../../client/files/mod.ts";
import { ValidationError } from "../../core/errors.ts";
import { UsageError } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { createProgress } from "../progress.ts";
import { sendViaApi } from "../send_api.ts";
import { postToRoom } from "../send_room.ts";
import { openCliClient, PASSPHRASE_FLAG } from "../session.ts";

/**
 * Standalone sends retry briefly (each store already tries three swarm members, each seed
 * bootstrap four rounds): a script wants an answer in seconds, not after a 3-minute backoff.
 */
const CLI_CLIENT_OPTIONS = {
  sendRetry: { attempts: 2, backoffMs: [1000] },
  networkOptions: { seed: { backoffMs: 250 } },
};

/** The `send` command. */
export const send: Command = {
  name: "send",
  summary: "send a message (text and files) to a Session ID or ONS name",
  usage: "--to <sessionId|onsName|room> [--file PATH]... [--api URL] [TEXT]",
  details: "The text is the argument, or else standard input (after the passphrase line with\n" +
    "--passphrase-stdin). Files are encrypted and uploaded first (10 MB each at most).\n" +
    'Prints the stored message\'s hash and sent timestamp; with --json: {"hash","timestamp"}.\n' +
    "--to may also be a community room: its join link (joined for this send and left after,\n" +
    "unless this store had joined it) or <server>/<room> of a joined room; --json then prints\n" +
    '{"messageId","seqno","timestamp","to"}.\n' +
    "With --api URL (or env SESSIONBOT_API) the message goes through a running\n" +
    "`sessionbot run` service's HTTP API instead of opening the identity here (there --to may\n" +
    "be a room the service joined: its join link or <server>/<room>); the token is\n" +
    "read from env SESSIONBOT_API_TOKEN (or the variable --token-env names). With\n" +
    "--idempotency-key KEY the service sends the message once per key (kept 24 h): a\n" +
    "script can retry a failed or timed-out send without risking a duplicate.\n" +
    "Exit codes: 0 sent; 1 delivery failed (refused by the swarm, dead-lettered, API 5xx);\n" +
    "2 bad input (usage, recipient, file, API 4xx incl. a refused token); 3 network\n" +
    "unreachable (seed, onion path, or the API's connection).",
  flags: {
    to: {
      type: "string",
      value: "ID|NAME|ROOM",
      description: "recipient Session ID, ONS name or community room (join link)",
    },
    file: {
      type: "string",
      value: "PATH",
      multiple: true,
      description: "attach a file (repeatable)",
    },
    api: {
      type: "string",
      value: "URL",
      description: "send through a running service's API (env SESSIONBOT_API)",
    },
    "idempotency-key": {
      type: "string",
      value: "KEY",
      description: "with --api: send once per KEY (1–255 printable characters)",
    },
    "token-env": {
      type: "string",
      value: "NAME",
      description: "env variable holding the API token (default SESSIONBOT_API_TOKEN)",
    },
    ...PASSPHRASE_FLAG,
  },
  maxPositionals: 1,
  async run(ctx) {
    const to = ctx.values.to;
    if (typeof to !== "string" || to === "") throw new UsageError("--to is required", "send");
    const attachments = await readFiles((ctx.values.file as string[] | undefined) ?? []);
    const api = (ctx.values.api as string | undefined) || ctx.io.env.SESSIONBOT_API;
    const progress = createProgress(ctx.io);
    const what = attachments.length === 0
      ? "sending"
      : `uploading ${attachments.length} file(s), ${megabytes(attachments)} MB, and sending`;
    if (api) {
      if (ctx.values["passphrase-stdin"]) {
        throw new UsageError(
          "--passphrase-stdin is for standalone sends: with --api the service holds the identity",
          "send",
        );
      }
      const token = apiToken(ctx);
      const idempotencyKey = ctx.values["idempotency-key"] as string | undefined;
      const body = ctx.positionals[0] ?? await readText(ctx);
      checkNotEmpty(body, attachments.length);
      const result = await progress.task(
        `${what} through the API`,
        () => sendViaApi({ api, token, to, body, files: attachments, idempotencyKey }),
      );
      const sent = "hash" in result ? result.hash : `room post #${result.messageId}`;
      return ctx.print(`sent ${sent} at ${result.timestamp}`, result);
    }
    if (ctx.values["idempotency-key"] !== undefined) {
      throw new UsageError(
        "--idempotency-key needs --api: the running service keeps the keys",
        "send",
      );
    }
    const client = await progress.task(
      `opening ${ctx.identity}`,
      () => openCliClient(ctx, CLI_CLIENT_OPTIONS),
    );
    try {
      const body = ctx.positionals[0] ?? await readText(ctx);
      checkNotEmpty(body, attachments.length);
      if (to.includes("/")) {
        const posted = await progress.task(
          `${what} to the room`,
          () => postToRoom(client.communities, to, { ...(body ? { body } : {}), attachments }),
        );
        return ctx.print(`sent room post #${posted.messageId} at ${posted.timestamp}`, posted);
      }
      const result = await progress.task(
        what,
        () => client.send(to, { ...(body ? { body } : {}), attachments }),
      );
      ctx.print(`sent ${result.hash} at ${result.timestamp}`, result);
    } finally {
      await client.stop();
    }
  },
};

async function readFiles(paths: readonly string[]) {
  return await Promise.all(paths.map(async (path) => {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (error) {
      throw new ValidationError(
        `cannot read --file ${path}: ${(error as Error).message}`,
        "file_unreadable",
        "file",
      );
    }
    if (bytes.length > MAX_FILE_BYTES - 1024) {
      throw new ValidationError(
        `--file ${path} is ${bytes.length} bytes; a Session attachment is at most 10 MB`,
        "file_too_large",
        "file",
      );
    }
    return { bytes, fileName: basename(path) };
  }));
}

function megabytes(files: readonly { bytes: Uint8Array }[]): string {
  return (files.reduce((n, f) => n + f.bytes.length, 0) / 1e6).toFixed(1);
}

function apiToken(ctx: CommandContext): string | undefined {
  const name = ctx.values["token-env"] as string | undefined;
  const token = ctx.io.env[name ?? "SESSIONBOT_API_TOKEN"];
  if (name && !token) {
    throw new UsageError(
      `--token-env ${name}: the environment variable ${name} is not set`,
      "send",
    );
  }
  return token || undefined;
}

function checkNotEmpty(body: string, files: number): void {
  if (!body && files === 0) {
    throw new UsageError("nothing to send: give a text (argument or stdin) or --file", "send");
  }
}

/** The rest of standard input, without its final line break (empty on a terminal). */
async function readText(ctx: CommandContext): Promise<string> {
  if (ctx.io.stdinIsTerminal) return "";
  const lines: string[] = [];
  for (let line = await ctx.readLine(""); line !== undefined; line = await ctx.readLine("")) {
    lines.push(line);
  }
  return lines.join("\n");
}
