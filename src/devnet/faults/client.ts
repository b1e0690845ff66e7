/**
 * The client side of the control endpoint, used by `sessionbot devnet fault`.
 *
 * @module
 */
import { NetworkError, SessionBotError, ValidationError } from "../../core/errors.ts";
import { snodeFetch } from "../../onion/mod.ts";
import type { FaultCommand, FaultReport } from "./command.ts";
import { CONTROL_PATH } from "./control.ts";

/**
 * Sends `command` to the devnet whose seed is at `seedUrl` (any URL on the seed's origin);
 * without a command, reads the current report.
 *
 * @example
 * ```ts
 * const report = await sendFault("https://127.0.0.1:22000/json_rpc", { node: 0, status: 503 });
 * ```
 */
export async function sendFault(seedUrl: string, command?: FaultCommand): Promise<FaultReport> {
  const url = new URL(CONTROL_PATH, seedUrl).href;
  let response;
  try {
    response = await snodeFetch(url, command ? JSON.stringify(command) : "", {
      method: command ? "POST" : "GET",
      timeoutMs: 30_000,
      headers: { "content-type": "application/json" },
    });
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    throw new SessionBotError(
      `no devnet answers at ${url} (${error.message}). Start one with "sessionbot devnet", ` +
        "and pass its seed URL with --seed or its base port with --port.",
      "no_devnet",
      { cause: error },
    );
  }
  const text = new TextDecoder().decode(response.body);
  let json: { error?: string } & Partial<FaultReport>;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SessionBotError(`${url} is not a devnet control endpoint (HTTP ${response.status})`);
  }
  if (response.status === 400) throw new ValidationError(json.error ?? text, "bad_fault");
  if (response.status !== 200 || !json.nodes) {
    throw new SessionBotError(`devnet control endpoint answered HTTP ${response.status}: ${text}`);
  }
  return json as FaultReport;
}
