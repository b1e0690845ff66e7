/**
 * `session()`: per-conversation state in Deno KV. Each event loads the session, handlers use
 * `ctx.session`, and a changed session is written back with a versionstamp check: a concurrent
 * update makes the event fail and be retried with the fresh value, so no update is lost.
 *
 * @module
 */
import { serialize } from "node:v8";
import { z } from "zod";
import { SessionBotError, ValidationError } from "../../core/errors.ts";
import { type Context, definePlugin, type Plugin } from "../../bot/mod.ts";
import { VERSION } from "../_version.ts";
import { createKeyedLock } from "./lock.ts";
import { type Migration, readRecord, type SessionRecord } from "./record.ts";

/** Adds `ctx.session` to a context type: `type MyContext = Context & SessionFlavor<S>`. */
export interface SessionFlavor<S> {
  /** This conversation's session; assign `undefined` to delete it. */
  session: S;
}

/** Options of {@link session}. */
export interface SessionOptions<S> {
  /**
   * The value of a new session: a function returning a fresh one, or a plain value (copied
   * for each conversation). Default `{}`.
   */
  readonly initial?: (() => S) | S;
  /**
   * Which session an event uses (default: its conversation, `ctx.chat`). Return `undefined`
   * to give the event no session.
   */
  readonly key?: (ctx: Context) => string | undefined;
  /** Forget a session this long after its last change, ms (default: never). */
  readonly ttlMs?: number;
  /** The current shape's version (default 1); raise it with a migration per step. */
  readonly version?: number;
  /** `migrations[n]` turns a version `n - 1` session into version `n`. */
  // deno-lint-ignore no-explicit-any
  readonly migrations?: Readonly<Record<number, (previous: any) => unknown>>;
}

const fn = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === "function", {
  message: "must be a function",
});

const schema = z.strictObject({
  initial: z.unknown().optional(),
  key: fn.optional(),
  ttlMs: z.number().int().min(1).optional(),
  version: z.number().int().min(1).default(1),
  migrations: z.record(z.string().regex(/^\d+$/, "keys are version numbers"), fn).default({}),
}).superRefine((config, issues) => {
  for (let v = 2; v <= config.version; v++) {
    if (!config.migrations[String(v)]) {
      issues.addIssue({
        code: "custom",
        path: ["migrations"],
        message: `needs a migration for every version up to ${config.version}: ` +
          `migrations[${v}] (version ${v - 1} → ${v}) is missing`,
      });
      return;
    }
  }
  if (config.initial !== undefined && typeof config.initial !== "function") {
    try {
      structuredClone(config.initial);
    } catch {
      issues.addIssue({
        code: "custom",
        path: ["initial"],
        message: "must be a function or a plain value that can be copied (structuredClone)",
      });
    }
  }
});

const definition = definePlugin({
  name: "session",
  version: VERSION,
  description: "Per-conversation state in Deno KV (ctx.session)",
  config: schema,
  install(api) {
    const { initial, key, ttlMs, version } = api.config;
    const migrations = api.config.migrations as unknown as Record<number, Migration>;
    const fresh = typeof initial === "function"
      ? initial as () => unknown
      : initial === undefined
      ? () => ({})
      : () => structuredClone(initial);
    const keyOf = (key as ((ctx: Context) => string | undefined) | undefined) ??
      ((ctx) => ctx.chat);
    const locks = createKeyedLock();
    void api.kv; // fail at install, not at the first message, when the bot has no KV store

    api.use(async function session(ctx, next) {
      const id = keyOf(ctx);
      if (id === undefined) {
        Object.defineProperty(ctx, "session", {
          configurable: true,
          get() {
            throw new ValidationError(
              `this ${ctx.type} event has no session: the session key function returned undefined`,
              "no_session",
              "session",
            );
          },
        });
        return await next();
      }
      if (typeof id !== "string" || id === "") {
        throw new ValidationError(
          "the session key function must return a non-empty string",
          "invalid_key",
          "key",
        );
      }
      const store = api.kv.chat(id);
      const kvKey = store.prefix;
      await locks.run(JSON.stringify(kvKey), async () => {
        const entry = await store.kv.get<SessionRecord>(kvKey);
        const loaded = readRecord(entry.value, {
          version,
          migrations,
          initial: fresh,
          now: Date.now(),
          where: `'${id.slice(0, 12)}…'`,
        });
        let value = loaded.data;
        let touched = loaded.dirty;
        const before = loaded.dirty ? undefined : fingerprint(value);
        Object.defineProperty(ctx, "session", {
          configurable: true,
          enumerable: true,
          get: () => {
            touched = true;
            return value;
          },
          set: (next: unknown) => {
            touched = true;
            value = next;
          },
        });
        await next();
        if (!touched) return;
        const atomic = store.kv.atomic().check({ key: kvKey, versionstamp: entry.versionstamp });
        if (value === undefined || value === null) {
          if (entry.versionstamp === null) return;
          atomic.delete(kvKey);
        } else {
          if (before !== undefined && equalBytes(before, fingerprint(value))) return;
          const record: SessionRecord = {
            v: version,
            data: value,
            ...(ttlMs ? { exp: Date.now() + ttlMs } : {}),
          };
          atomic.set(kvKey, record, ttlMs ? { expireIn: ttlMs } : undefined);
        }
        let result: Deno.KvCommitResult | Deno.KvCommitError;
        try {
          result = await atomic.commit();
        } catch (error) {
          throw new ValidationError(
            `the session of '${id.slice(0, 12)}…' could not be stored (${
              (error as Error).message
            }); ` +
              "KV values are limited to 64 KiB: keep large data under its own keys",
            "session_too_large",
            "session",
            { cause: error },
          );
        }
        if (!result.ok) {
          throw new SessionBotError(
            `the session of '${
              id.slice(0, 12)
            }…' changed while this ${ctx.type} event was handled ` +
              "(another process or handler): the event is retried with the fresh session",
            "session_conflict",
          );
        }
      });
    });
  },
});

/** Bytes of a value as KV would store it (V8 serialization), for change detection. */
function fingerprint(value: unknown): Uint8Array | undefined {
  try {
    return serialize(value);
  } catch {
    return undefined; // not serializable: the write will report it
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The session plugin: `ctx.session` holds this conversation's state, kept in Deno KV under
 * `["chat", botId, conversationId, "session"]`. Changes are written after the handlers
 * finish, with a versionstamp check; a conflicting update fails the event, which the client
 * retries with the fresh session, so concurrent updates are never lost. Events of one session
 * are handled one at a time in this process.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient, type Context } from "../../bot/mod.ts";
 * import { session, type SessionFlavor } from "./mod.ts";
 *
 * type MyContext = Context & SessionFlavor<{ count: number }>;
 * declare const client: BotClient;
 * const bot = new Bot<MyContext>(client, { kv: await Deno.openKv(":memory:") });
 * bot.use(session({ initial: () => ({ count: 0 }), ttlMs: 30 * 86_400_000 }));
 * bot.on("message", (ctx) => ctx.reply(`message #${++ctx.session.count}`));
 * ```
 */
export function session<S = Record<string, unknown>>(options: SessionOptions<S> = {}): Plugin {
  return definition(options as never);
}
