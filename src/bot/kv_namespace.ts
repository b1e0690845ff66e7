/**
 * KV namespaces: a view of a Deno KV store under a key prefix, so a plugin reads and writes
 * `["count"]` while the store holds `["plugin", botId, "my-plugin", "count"]`.
 *
 * @module
 */

/** Atomic operations on keys relative to a namespace. */
export interface NamespacedAtomic {
  /** Requires `key` to have `versionstamp` (null: to be absent). */
  check(key: Deno.KvKey, versionstamp: string | null): NamespacedAtomic;
  /** Sets `key`. */
  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }): NamespacedAtomic;
  /** Deletes `key`. */
  delete(key: Deno.KvKey): NamespacedAtomic;
  /** Adds `n` to the 64-bit counter at `key`. */
  sum(key: Deno.KvKey, n: bigint): NamespacedAtomic;
  /** Commits: `ok: false` when a check failed. */
  commit(): Promise<Deno.KvCommitResult | Deno.KvCommitError>;
}

/**
 * A Deno KV store seen under a key prefix. Keys passed in and returned are relative to it.
 *
 * @example
 * ```ts
 * import { kvNamespace } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const ns = kvNamespace(kv, ["plugin", "demo"]);
 * await ns.set(["count"], 1);
 * console.log((await ns.get<number>(["count"])).value); // 1, stored at ["plugin", "demo", "count"]
 * kv.close();
 * ```
 */
export interface KvNamespace {
  /** The underlying store. */
  readonly kv: Deno.Kv;
  /** The prefix every key gets. */
  readonly prefix: Deno.KvKey;
  /** The absolute key of `parts`. */
  key(...parts: Deno.KvKeyPart[]): Deno.KvKey;
  /** Reads `key`. */
  get<T>(key: Deno.KvKey): Promise<Deno.KvEntryMaybe<T>>;
  /** Writes `key`. */
  set(
    key: Deno.KvKey,
    value: unknown,
    options?: { expireIn?: number },
  ): Promise<Deno.KvCommitResult>;
  /** Deletes `key`. */
  delete(key: Deno.KvKey): Promise<void>;
  /** Entries under `prefix` (relative; default: the whole namespace), keys relative. */
  list<T>(
    prefix?: Deno.KvKey,
    options?: Deno.KvListOptions,
  ): AsyncIterableIterator<Deno.KvEntry<T>>;
  /** An atomic operation on relative keys. */
  atomic(): NamespacedAtomic;
  /** A nested namespace under `parts`. */
  sub(...parts: Deno.KvKeyPart[]): KvNamespace;
}

function checkKey(key: unknown): Deno.KvKey {
  if (!Array.isArray(key)) {
    throw new TypeError(`a KV key is an array of parts, e.g. ["count"], got ${typeof key}`);
  }
  return key;
}

/**
 * A view of `kv` under `prefix`.
 *
 * @example
 * ```ts
 * import { kvNamespace } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const chat = kvNamespace(kv, ["chat", "05…bot", "05…peer", "notes"]);
 * await chat.set(["last"], "hello");
 * kv.close();
 * ```
 */
export function kvNamespace(kv: Deno.Kv, prefix: Deno.KvKey): KvNamespace {
  const base = Object.freeze([...checkKey(prefix)]);
  const abs = (key: Deno.KvKey): Deno.KvKey => [...base, ...checkKey(key)];
  const rel = (key: Deno.KvKey): Deno.KvKey => key.slice(base.length);
  return Object.freeze({
    kv,
    prefix: base,
    key: (...parts: Deno.KvKeyPart[]) => [...base, ...parts],
    async get<T>(key: Deno.KvKey) {
      const entry = await kv.get<T>(abs(key));
      return { ...entry, key: rel(entry.key) } as Deno.KvEntryMaybe<T>;
    },
    set: (key: Deno.KvKey, value: unknown, options?: { expireIn?: number }) =>
      kv.set(abs(key), value, options),
    delete: (key: Deno.KvKey) => kv.delete(abs(key)),
    async *list<T>(sub: Deno.KvKey = [], options?: Deno.KvListOptions) {
      for await (const entry of kv.list<T>({ prefix: abs(sub) }, options)) {
        yield { ...entry, key: rel(entry.key) };
      }
    },
    atomic(): NamespacedAtomic {
      const op = kv.atomic();
      const wrapped: NamespacedAtomic = {
        check: (key, versionstamp) => (op.check({ key: abs(key), versionstamp }), wrapped),
        set: (key, value, options) => (op.set(abs(key), value, options), wrapped),
        delete: (key) => (op.delete(abs(key)), wrapped),
        sum: (key, n) => (op.sum(abs(key), n), wrapped),
        commit: () => op.commit(),
      };
      return wrapped;
    },
    sub: (...parts: Deno.KvKeyPart[]) => kvNamespace(kv, [...base, ...parts]),
  });
}
