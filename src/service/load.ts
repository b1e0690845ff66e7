/**
 * Loading a service config: parse, validate (errors name the field), read secrets from the
 * environment, resolve paths against the config file's folder, fill in defaults.
 *
 * @module
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { ValidationError } from "../core/errors.ts";
import { configSchema, type ParsedConfig } from "./config_schema.ts";
import type { ServiceConfig } from "./config_types.ts";
import { describeIssue } from "./issues.ts";
import { readConfigFile } from "./parse.ts";
import { resolveSecret } from "./secret.ts";

/** Where values the file leaves out come from (the CLI's global flags and environment). */
export interface ConfigDefaults {
  /** Store path when `identity.kv` is absent. */
  readonly kv?: string;
  /** Identity name when `identity.name` is absent. */
  readonly identity?: string;
  /** Seed URL when `network.seed` is absent. */
  readonly network?: string;
}

/** Options of {@link loadServiceConfig}. */
export interface LoadConfigOptions {
  /** Environment for secrets (default `Deno.env.toObject()`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Fallbacks for what the file leaves out. */
  readonly defaults?: ConfigDefaults;
}

/**
 * Loads the config file at `path` (`.json` or `.toml`).
 *
 * @throws {ValidationError} naming the field, e.g. `api.port: expected a number, got "x"`.
 * @example
 * ```ts
 * import { loadServiceConfig } from "./load.ts";
 * const config = await loadServiceConfig("./sessionbot.toml", { env: Deno.env.toObject() });
 * console.log(config.api.port);
 * ```
 */
export async function loadServiceConfig(
  path: string,
  options: LoadConfigOptions = {},
): Promise<ServiceConfig> {
  const absolute = resolve(path);
  const content = await readConfigFile(absolute);
  return resolveServiceConfig(content, { ...options, source: absolute });
}

/**
 * Validates already parsed config `content`; relative paths resolve against `source`'s folder
 * (or the working directory).
 *
 * @example
 * ```ts
 * import { resolveServiceConfig } from "./load.ts";
 * const config = resolveServiceConfig(
 *   { api: { port: 0, token: { env: "TOKEN" } } },
 *   { env: { TOKEN: "t0ken" } },
 * );
 * console.log(config.api.tokens); // ["t0ken"]
 * ```
 */
export function resolveServiceConfig(
  content: unknown,
  options: LoadConfigOptions & { readonly source?: string } = {},
): ServiceConfig {
  const where = options.source ?? "config";
  const result = configSchema.safeParse(content);
  if (!result.success) {
    const described = result.error.issues.map((i) => describeIssue(i, content, knownKeys));
    const more = described.length > 1 ? ` (and ${described.length - 1} more problem(s))` : "";
    throw new ValidationError(
      `${where}: ${described[0].text}${more}`,
      "invalid_config",
      described[0].field,
    );
  }
  const env = options.env ?? Deno.env.toObject();
  const defaults = options.defaults ?? {};
  const base = options.source ? dirname(options.source) : Deno.cwd();
  const c: ParsedConfig = result.data;
  const kv = c.identity?.kv ?? defaults.kv;
  if (!kv) {
    throw new ValidationError(
      `${where}: identity.kv is required (the key store's path), or pass --kv`,
      "invalid_config",
      "identity.kv",
    );
  }
  const apiEnabled = c.api !== undefined && c.api.enabled !== false;
  const tokenRefs = c.api?.token === undefined
    ? []
    : Array.isArray(c.api.token)
    ? c.api.token
    : [c.api.token];
  return {
    ...(options.source ? { source: options.source } : {}),
    identity: {
      kv: isStoreUrl(kv) || kv === ":memory:" || isAbsolute(kv) ? kv : resolve(base, kv),
      name: c.identity?.name ?? defaults.identity ?? "default",
      ...(c.identity?.passphrase
        ? { passphrase: resolveSecret(c.identity.passphrase, "identity.passphrase", env) }
        : {}),
      create: c.identity?.create ?? false,
    },
    network: {
      ...(c.network?.seed ?? defaults.network ? { seed: c.network?.seed ?? defaults.network } : {}),
      ...(c.network?.fileServer ? { fileServer: c.network.fileServer } : {}),
    },
    bot: {
      plugins: c.bot?.plugins ?? [],
      pluginBase: base,
      ...(c.bot?.help !== undefined ? { help: c.bot.help } : {}),
      history: c.bot?.history ?? false,
      drainMs: c.bot?.drainMs ?? 10_000,
      ...(c.bot?.pollInterval ? { pollInterval: c.bot.pollInterval } : {}),
    },
    communities: (c.communities ?? []).map((room) => ({
      link: room.link.trim(),
      history: room.history ?? false,
      transport: room.transport ?? "onion",
      ...(room.pollInterval ? { pollInterval: room.pollInterval } : {}),
    })),
    webhooks: {
      enabled: c.webhooks?.enabled ?? true,
      endpoints: (c.webhooks?.endpoints ?? []).map(({ secret, ...e }, i) => ({
        ...e,
        ...(secret
          ? { secret: resolveSecret(secret, `webhooks.endpoints[${i}].secret`, env) }
          : {}),
      })),
    },
    api: {
      enabled: apiEnabled,
      hostname: c.api?.hostname ?? "127.0.0.1",
      port: c.api?.port ?? 8787,
      tokens: apiEnabled
        ? tokenRefs.map((ref, i) =>
          resolveSecret(ref, Array.isArray(c.api?.token) ? `api.token[${i}]` : "api.token", env)
        )
        : [],
      auth: c.api?.auth ?? true,
      ...(c.api?.maxBodyBytes ? { maxBodyBytes: c.api.maxBodyBytes } : {}),
      ...(c.api?.allowPrivateAttachmentUrls !== undefined
        ? { allowPrivateAttachmentUrls: c.api.allowPrivateAttachmentUrls }
        : {}),
    },
    logging: { level: c.logging?.level ?? "info", format: c.logging?.format ?? "text" },
  };
}

function isStoreUrl(kv: string): boolean {
  return /^https?:\/\//.test(kv);
}

/** The keys of the object schema at `path`, for "did you mean". */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = configSchema;
  for (const key of path) {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) schema = inner.shape[key as string];
    else if (inner instanceof z.ZodArray) schema = inner.element as z.ZodType;
    else return [];
    if (!schema) return [];
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}
