/**
 * The `sessionbot` command line.
 *
 * ```sh
 * deno task cli init                       # new identity in the default key store
 * deno task cli id --json
 * ```
 *
 * Install it as `sessionbot` from the repository root. `--config` is required: a global install
 * ignores deno.json otherwise, and with it the import map and `unstable: ["kv"]`.
 *
 * ```sh
 * deno install -g -f -n sessionbot --config deno.json \
 *   --allow-read --allow-write --allow-env --allow-net src/cli/main.ts
 * ```
 *
 * Exit codes: 0 ok, 1 failure (delivery failed), 2 bad input or usage, 3 network unreachable.
 *
 * Environment: `SESSIONBOT_KV` (key store path), `SESSIONBOT_DEBUG=1` (stack traces),
 * `SESSIONBOT_API` / `SESSIONBOT_API_TOKEN` (`send` through a running service),
 * `SESSIONBOT_SCRYPT_LOG_N` (tests only: scrypt cost of new encrypted saves; never set it in
 * production, it weakens identities saved while set).
 *
 * @module
 */
import { runCli } from "./run.ts";

export { runCli } from "./run.ts";
export type { CliIo } from "./io.ts";

const encoder = new TextEncoder();

function writer(file: { writeSync(data: Uint8Array): number }): (text: string) => void {
  return (text) => {
    let data = encoder.encode(text);
    while (data.length > 0) data = data.subarray(file.writeSync(data));
  };
}

if (import.meta.main) {
  const code = await runCli(Deno.args, {
    stdin: Deno.stdin.readable,
    stdout: writer(Deno.stdout),
    stderr: writer(Deno.stderr),
    env: Deno.env.toObject(),
    stdinIsTerminal: Deno.stdin.isTerminal(),
    stderrIsTerminal: Deno.stderr.isTerminal(),
  });
  Deno.exit(code);
}
