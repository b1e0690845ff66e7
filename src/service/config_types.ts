/**
 * A loaded service config: every secret read from the environment, paths resolved, defaults
 * filled in.
 *
 * @module
 */
import type { PluginEntry } from "../bot/config_loader.ts";
import type { LogLevel } from "../bot/logger.ts";
import type { FileServerTarget } from "../client/files/mod.ts";
import type { WebhookEndpointInput } from "../webhook/mod.ts";

/** A webhook endpoint ensured at start (matched to a stored one by `url`). */
export type ServiceEndpoint = WebhookEndpointInput;

/** A community room joined at start (joining again is a no-op: the room keeps its place). */
export interface ServiceCommunity {
  /** The room's join link, `http(s)://host[:port]/<room>?public_key=<64 hex>`. */
  readonly link: string;
  /** On the first join, deliver the room's history from its first post (default false). */
  readonly history: boolean;
  /** `"onion"` (default, as Session apps) or `"direct"` HTTP (reveals our IP to the server). */
  readonly transport: "onion" | "direct";
  /** Room poll interval bounds, ms (default 1 000 after activity, up to 10 000). */
  readonly pollInterval?: { readonly min?: number; readonly max?: number };
}

/** The service config, ready to start. */
export interface ServiceConfig {
  /** The file it came from (absolute), when loaded from one. */
  readonly source?: string;
  /** Identity and store. */
  readonly identity: {
    /** KV file path or Deno KV URL. */
    readonly kv: string;
    /** Keyring name. */
    readonly name: string;
    /** Passphrase of an encrypted identity. */
    readonly passphrase?: string;
    /** Create the identity when the keyring lacks it. */
    readonly create: boolean;
  };
  /** Network: a seed URL (a devnet's), or mainnet when absent. */
  readonly network: { readonly seed?: string; readonly fileServer?: FileServerTarget };
  /** The bot. */
  readonly bot: {
    /** Plugins as in a plugins config file. */
    readonly plugins: readonly PluginEntry[];
    /** Where relative plugin modules resolve from (the config file's folder). */
    readonly pluginBase?: string;
    /** Answer `/help`. */
    readonly help?: boolean;
    /** Deliver messages already in the swarm on the first start. */
    readonly history: boolean;
    /** Drain bound at shutdown, ms. */
    readonly drainMs: number;
    /** Poll interval, ms. */
    readonly pollInterval?: { readonly min?: number; readonly max?: number };
  };
  /** Community rooms joined at start, in order. */
  readonly communities: readonly ServiceCommunity[];
  /** Outgoing webhooks. */
  readonly webhooks: { readonly enabled: boolean; readonly endpoints: readonly ServiceEndpoint[] };
  /** The HTTP API. */
  readonly api: {
    /** Serve it. */
    readonly enabled: boolean;
    /** Bind address (default 127.0.0.1). */
    readonly hostname: string;
    /** Port (default 8787; 0: any free one). */
    readonly port: number;
    /** Bearer tokens. */
    readonly tokens: readonly string[];
    /** Require a token (default true). */
    readonly auth: boolean;
    /** Largest request body, bytes. */
    readonly maxBodyBytes?: number;
    /** Let attachment URLs point at private addresses. */
    readonly allowPrivateAttachmentUrls?: boolean;
  };
  /** Logs on stderr. */
  readonly logging: { readonly level: LogLevel; readonly format: "text" | "json" };
}
