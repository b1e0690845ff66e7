/**
 * Naming a place inside nested input in error messages: `api.port`, `bot.plugins[0].use`, and
 * a short rendering of the value found there.
 *
 * @module
 */

/** A path segment: a key, or a Standard Schema path segment object. */
export type PathPart = PropertyKey | { readonly key: PropertyKey };

/**
 * `["bot", "plugins", 0, "use"]` → `bot.plugins[0].use`.
 *
 * @example
 * ```ts
 * pathText(["api", "port"]); // "api.port"
 * ```
 */
export function pathText(path: readonly PathPart[]): string {
  let out = "";
  for (const part of path) {
    const key = typeof part === "object" ? part.key : part;
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * The value at `path` inside `input`, or undefined.
 *
 * @example
 * ```ts
 * valueAt({ api: { port: "80a" } }, ["api", "port"]); // "80a"
 * ```
 */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * A value as a short quote for an error message (JSON, cut at 40 characters).
 *
 * @example
 * ```ts
 * shown("80a"); // "\"80a\""
 * ```
 */
export function shown(value: unknown): string {
  if (typeof value === "function") return "a function";
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return typeof value;
  }
}
