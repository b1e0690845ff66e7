/**
 * `sessionbot run --config <file>`: the long-lived service (bot, plugins, webhooks, HTTP API)
 * from a JSON or TOML config, until SIGINT/SIGTERM.
 *
 * @module
 */
import { loadServiceConfig, startService } from "../../service/mod.ts";
import { UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { createProgress } from "../progress.ts";

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  summary: "run the bot service (plugins, webhooks, HTTP API) from a config file",
  usage: "--config FILE [--json]",
  details: "FILE is JSON (.json) or TOML (.toml); see docs/service.md. Secrets are never in\n" +
    'the file: write { "env": "NAME" } and export NAME. --kv, --identity and --network fill in\n' +
    "what the file leaves out. Runs until SIGINT/SIGTERM, then drains and exits 0; a bad config\n" +
    "exits 2 naming the field. With --json, one line on stdout once started:\n" +
    '{"event":"started","sessionId","api","pid"} (api is null when the API is off).',
  flags: {
    config: { type: "string", value: "FILE", description: "the service config (.json or .toml)" },
  },
  async run(ctx) {
    const path = ctx.values.config;
    if (typeof path !== "string" || path === "") {
      throw new UsageError("--config is required", "run");
    }
    const config = await loadServiceConfig(path, {
      env: ctx.io.env,
      defaults: { kv: ctx.kvPath, identity: ctx.identity, network: ctx.network },
    });
    const progress = createProgress(ctx.io);
    const service = await progress.task("starting the service", () =>
      startService(config, {
        onStep: (step) => progress.update(step),
        // After a signal the service stops itself; this command then returns and the process
        // exits 0. Only a failed stop (1) or a second signal (130) end it at once.
        exit: (code) => code !== 0 && Deno.exit(code),
      }));
    const api = service.apiUrl ?? null;
    if (ctx.json) {
      ctx.io.stdout(
        JSON.stringify({ event: "started", sessionId: service.sessionId, api, pid: Deno.pid }) +
          "\n",
      );
    } else {
      ctx.io.stdout(
        `serving ${service.sessionId}${api ? `\nAPI: ${api}` : ""}\n` +
          "(SIGINT/SIGTERM to stop)\n",
      );
    }
    const result = await service.stopped;
    ctx.note(`stopped in ${Math.round(result.ms)} ms${result.drained ? "" : " (not drained)"}`);
  },
};
