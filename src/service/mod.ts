/**
 * `sessionbot run --config <file>`: one long-lived service (identity, bot plugins, outgoing
 * webhooks, the HTTP API) from a JSON or TOML config file whose secrets come from environment
 * variables (`{ "env": "NAME" }`). See docs/service.md for the reference.
 *
 * @example
 * ```ts
 * import { loadServiceConfig, startService } from "./mod.ts";
 *
 * // sessionbot.toml:
 * //   [identity]
 * //   kv = "./bot.kv"
 * //   create = true
 * //   [api]
 * //   port = 8787
 * //   token = { env = "SESSIONBOT_API_TOKEN" }
 * const service = await startService(await loadServiceConfig("./sessionbot.toml"));
 * console.log(`serving ${service.sessionId} on ${service.apiUrl}`);
 * ```
 *
 * @module
 */
export type { ServiceCommunity, ServiceConfig, ServiceEndpoint } from "./config_types.ts";
export type { SecretRef } from "./secret.ts";
export {
  type ConfigDefaults,
  type LoadConfigOptions,
  loadServiceConfig,
  resolveServiceConfig,
} from "./load.ts";
export { type RunningService, type ServiceOptions, startService } from "./start.ts";
export { type EnsuredEndpoints, ensureEndpoints } from "./endpoints.ts";
export type { StopResult } from "../runner/mod.ts";
// Types the signatures above refer to (`RunningService.bot` is a whole `Bot`; full APIs:
// `sessionbot/bot`, `sessionbot/webhook`), so this entry point documents completely on its own.
export type * from "../bot/types.ts";
export type * from "../webhook/types.ts";
export type { AttachmentMeta, EVENT_SCHEMA, EventPayload } from "../bridge/mod.ts";
export type { RoomRef } from "../client/session/mod.ts";
export {
  type Heartbeat,
  HEARTBEAT_KEY,
  HEARTBEAT_STALE_MS,
  liveService,
  startHeartbeat,
} from "./heartbeat.ts";
