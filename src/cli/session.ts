/**
 * Opening a `SessionClient` for a CLI command: the key store and identity from the global
 * flags, the network from `--network` / `SESSIONBOT_NETWORK`, and, on a devnet, its file
 * server (asked from the seed's info endpoint, so attachments work without more flags).
 *
 * @module
 */
import { SessionClient, type SessionClientOptions } from "../client/session/mod.ts";
import type { FileServerTarget } from "../client/files/mod.ts";
import { snodeFetch } from "../onion/mod.ts";
import type { CommandContext } from "./command.ts";
import { readPassphrase } from "./stdin.ts";

/** Where a devnet seed describes itself (`INFO_PATH` of src/devnet, not imported: too heavy). */
const DEVNET_INFO_PATH = "/devnet/v1/info";

/** Opens the client of `ctx.identity`; reads the passphrase first with `--passphrase-stdin`. */
export async function openCliClient(
  ctx: CommandContext,
  options: Partial<SessionClientOptions> = {},
): Promise<SessionClient> {
  const passphrase = ctx.values["passphrase-stdin"] ? await readPassphrase(ctx) : undefined;
  const fileServer = ctx.network ? await devnetFileServer(ctx.network) : undefined;
  return await SessionClient.open({
    kv: await ctx.kv(),
    identityName: ctx.identity,
    passphrase,
    network: ctx.network,
    ...(fileServer ? { fileServer } : {}),
    ...options,
  });
}

/** The devnet's file server, when `seedUrl` is a devnet seed; undefined otherwise. */
async function devnetFileServer(seedUrl: string): Promise<FileServerTarget | undefined> {
  try {
    const url = new URL(DEVNET_INFO_PATH, seedUrl).href;
    const res = await snodeFetch(url, "", { method: "GET", timeoutMs: 3000 });
    if (res.status !== 200) return undefined;
    const info = JSON.parse(new TextDecoder().decode(res.body))?.fileServer;
    return typeof info?.url === "string" && typeof info?.x25519 === "string"
      ? { url: info.url, x25519: info.x25519, ...(info.ed25519 ? { ed25519: info.ed25519 } : {}) }
      : undefined;
  } catch {
    return undefined; // not a devnet: the mainnet file server is the default
  }
}

/** The passphrase flag `send` and `listen` share. */
export const PASSPHRASE_FLAG = {
  "passphrase-stdin": {
    type: "boolean",
    description: "the identity's passphrase is the first line of standard input",
  },
} as const;
