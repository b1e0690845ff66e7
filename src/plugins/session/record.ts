/**
 * How a session is stored: `{ v, data, exp? }` under `["chat", botId, key, "session"]`; reading
 * applies the TTL and the migrations up to the current version.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";

/** A stored session. */
export interface SessionRecord {
  /** Schema version of `data`. */
  readonly v: number;
  /** The session value. */
  readonly data: unknown;
  /** Expiry time, ms (KV's `expireIn` is best effort, so reads check it too). */
  readonly exp?: number;
}

/** Migrates data of version `n - 1` to version `n`. */
export type Migration = (data: never) => unknown;

/** A loaded session: its value, and whether it must be written back even if unchanged. */
export interface Loaded {
  readonly data: unknown;
  readonly dirty: boolean;
}

/**
 * Reads `stored` (null: none) as of version `version`: expired and absent records give
 * `initial()`; older versions run through `migrations[v + 1] … migrations[version]`.
 */
export function readRecord(
  stored: SessionRecord | null,
  options: {
    readonly version: number;
    readonly migrations: Readonly<Record<number, Migration>>;
    readonly initial: () => unknown;
    readonly now: number;
    readonly where: string;
  },
): Loaded {
  if (stored === null || (stored.exp !== undefined && stored.exp <= options.now)) {
    return { data: options.initial(), dirty: false };
  }
  if (typeof stored !== "object" || !Number.isInteger(stored.v) || !("data" in stored)) {
    throw new SessionBotError(
      `the session of ${options.where} is not a session record ({ v, data }): delete the key or ` +
        "give session() its own key function",
      "session_unreadable",
    );
  }
  if (stored.v > options.version) {
    throw new SessionBotError(
      `the session of ${options.where} has version ${stored.v}, newer than this bot's ` +
        `${options.version}: deploy the newer bot (or raise version and add migrations)`,
      "session_version_ahead",
    );
  }
  let data = stored.data;
  for (let v = stored.v + 1; v <= options.version; v++) {
    data = options.migrations[v](data as never);
  }
  return { data, dirty: stored.v !== options.version };
}
