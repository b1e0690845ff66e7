/**
 * Alert script: sends one message and exits — for cron jobs and CI. Exit code 0 once the
 * recipient's swarm has the message, 1 (with the reason) otherwise.
 *
 * Run: `deno run -A examples/alert.ts <Session ID or ONS name> <text…> [--network <seed URL>]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type SendResult, SessionClient } from "../src/client/session/mod.ts";
import { identityFrom, openStore, type ServiceConfig, serviceConfig } from "../src/runner/mod.ts";

/**
 * Sends `text` to `to` from the identity in `config`, waits until the swarm stored it, and
 * closes everything.
 *
 * @example
 * ```ts
 * import { sendAlert } from "./alert.ts";
 * import { serviceConfig } from "../src/runner/mod.ts";
 *
 * const config = await serviceConfig("alerts");
 * const { hash } = await sendAlert(config, "05…", "disk almost full on db-1");
 * ```
 */
export async function sendAlert(
  config: ServiceConfig,
  to: string,
  text: string,
): Promise<SendResult> {
  const kv = await openStore(config.kv);
  try {
    const identity = await identityFrom(kv, config);
    const { network, fileServer } = config;
    await using client = await SessionClient.open({ kv, identity, network, fileServer });
    return await client.send(to, text); // resolves once the recipient's swarm has it
  } finally {
    kv.close();
  }
}

if (import.meta.main) {
  const { positionals } = parseArgs({
    args: Deno.args,
    options: { kv: { type: "string" }, identity: { type: "string" }, network: { type: "string" } },
    strict: false,
    allowPositionals: true,
  });
  const [to, ...words] = positionals;
  if (!to || words.length === 0) {
    console.error(
      "usage: alert.ts <Session ID or ONS name> <text…> [--network <seed URL>] [--kv <path>]",
    );
    Deno.exit(2);
  }
  try {
    const sent = await sendAlert(await serviceConfig("alerts"), to, words.join(" "));
    console.log(`sent ${sent.hash} at ${new Date(sent.timestamp).toISOString()}`);
  } catch (error) {
    console.error(`alert not sent: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
