/**
 * `sessionbot listen`: print incoming events until interrupted, a timeout, or (`--once`) the
 * first message.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import type { SessionEvent } from "../../client/session/mod.ts";
import { UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { eventJson, eventLine } from "../event_json.ts";
import { openCliClient, PASSPHRASE_FLAG } from "../session.ts";

/** The `listen` command. */
export const listen: Command = {
  name: "listen",
  summary: "print incoming messages and other events",
  usage: "[--json] [--once] [--timeout SECONDS] [--history]",
  details: "Prints one line per event; with --json one JSON object per line with at least\n" +
    "type, from, timestamp, body and attachments. Without --history, messages already in the\n" +
    'swarm on the first start are skipped. "listening as …" on stderr means it is ready.\n' +
    "--once exits after the first message event (exit 1 if --timeout passes first).",
  flags: {
    once: { type: "boolean", description: "exit after the first message" },
    timeout: { type: "string", value: "SECONDS", description: "exit after this long" },
    history: { type: "boolean", description: "also deliver messages already in the swarm" },
    ...PASSPHRASE_FLAG,
  },
  async run(ctx) {
    const timeout = seconds(ctx.values.timeout);
    const client = await openCliClient(ctx, { history: ctx.values.history === true });
    let done!: (gotMessage: boolean) => void;
    const finished = new Promise<boolean>((resolve) => done = resolve);
    let ended = false;
    const print = (event: SessionEvent) => {
      if (ended) return;
      ctx.io.stdout((ctx.json ? JSON.stringify(eventJson(event)) : eventLine(event)) + "\n");
      if (ctx.values.once && event.type === "message") {
        ended = true;
        done(true);
      }
    };
    client.on("*", print);
    client.on("error", print);
    const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
    const interrupt = () => done(false);
    signals.forEach((s) => Deno.addSignalListener(s, interrupt));
    const timer = timeout === undefined ? undefined : setTimeout(() => done(false), timeout * 1000);
    try {
      await client.start();
      ctx.note(`listening as ${client.sessionId}`);
      const got = await finished;
      if (ctx.values.once && !got && timeout !== undefined) {
        throw new SessionBotError(`no message within ${timeout} s`, "timeout");
      }
    } finally {
      clearTimeout(timer);
      signals.forEach((s) => Deno.removeSignalListener(s, interrupt));
      await client.stop();
    }
  },
};

function seconds(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || !(n > 0)) {
    throw new UsageError(
      `--timeout expects a positive number of seconds, got "${value}"`,
      "listen",
    );
  }
  return n;
}
