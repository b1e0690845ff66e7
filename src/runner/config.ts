/**
 * Service configuration from flags and environment, the way the `sessionbot` CLI reads it:
 * `--kv`/`SESSIONBOT_KV`, `--identity`/`SESSIONBOT_IDENTITY`, `--network`/`SESSIONBOT_NETWORK`
 * and `SESSIONBOT_PASSPHRASE`. On a devnet the file server is asked from the seed.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { defaultKvPath } from "../client/mod.ts";
import type { FileServerTarget } from "../client/files/mod.ts";
import { snodeFetch } from "../onion/mod.ts";

/** What {@link serviceConfig} found: spread it into `serve()` or `Bot.create()`. */
export interface ServiceConfig {
  /** KV path or URL (default: the CLI's store). */
  readonly kv: string;
  /** Keyring name of the identity (default: the bot's name). */
  readonly identityName: string;
  /** Passphrase of an encrypted identity. */
  readonly passphrase?: string;
  /** Always true: the identity is created on first start. */
  readonly createIdentity: true;
  /** Seed URL (a devnet's); absent for mainnet. */
  readonly network?: string;
  /** The devnet's file server, when `network` is a devnet seed. */
  readonly fileServer?: FileServerTarget;
}

/**
 * Reads the configuration of the bot `name` from `args` (default `Deno.args`; other flags and
 * positionals are ignored) and the environment.
 *
 * @example
 * ```ts
 * import { serve, serviceConfig } from "./mod.ts";
 *
 * // deno run -A bot.ts --network https://127.0.0.1:22000/json_rpc --kv ./bot.kv
 * const service = await serve({ ...await serviceConfig("greeter"), setup: (bot) => {} });
 * console.log(`running as ${service.sessionId}`);
 * ```
 */
export async function serviceConfig(
  name: string,
  args: readonly string[] = Deno.args,
  env: (key: string) => string | undefined = (key) => Deno.env.get(key),
): Promise<ServiceConfig> {
  const { values } = parseArgs({
    args: [...args],
    options: { kv: { type: "string" }, identity: { type: "string" }, network: { type: "string" } },
    strict: false,
    allowPositionals: true,
  });
  const text = (value: unknown) => typeof value === "string" && value !== "" ? value : undefined;
  const network = text(values.network) ?? text(env("SESSIONBOT_NETWORK"));
  const passphrase = text(env("SESSIONBOT_PASSPHRASE"));
  const fileServer = network ? await devnetFileServer(network) : undefined;
  return {
    kv: text(values.kv) ?? text(env("SESSIONBOT_KV")) ?? defaultKvPath(env),
    identityName: text(values.identity) ?? text(env("SESSIONBOT_IDENTITY")) ?? name,
    createIdentity: true,
    ...(passphrase ? { passphrase } : {}),
    ...(network ? { network } : {}),
    ...(fileServer ? { fileServer } : {}),
  };
}

/**
 * The devnet's file server, when `seedUrl` is a devnet seed (its info endpoint answers).
 *
 * @example
 * ```ts
 * import { devnetFileServer } from "./config.ts";
 * console.log(await devnetFileServer("https://127.0.0.1:22000/json_rpc")); // undefined: no devnet
 * ```
 */
export async function devnetFileServer(seedUrl: string): Promise<FileServerTarget | undefined> {
  try {
    const res = await snodeFetch(new URL("/devnet/v1/info", seedUrl).href, "", {
      method: "GET",
      timeoutMs: 3000,
    });
    if (res.status !== 200) return undefined;
    const info = JSON.parse(new TextDecoder().decode(res.body))?.fileServer;
    return typeof info?.url === "string" && typeof info?.x25519 === "string"
      ? { url: info.url, x25519: info.x25519 }
      : undefined;
  } catch {
    return undefined; // not a devnet: the mainnet file server is the default
  }
}
