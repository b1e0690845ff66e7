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
export type { ServiceConfig, ServiceEndpoint } from "./config_types.ts";
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
