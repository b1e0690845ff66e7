/**
 * The real server's JSON (nlohmann) keeps object keys sorted. Bodies are rebuilt with sorted
 * keys so serialised answers read the same. (JS always lists integer-like keys first, so a
 * `{"-10":…,"0":…}` map can differ in order only.)
 *
 * @module
 */
import { isJsonObject } from "./json.ts";

const isRawJson = (JSON as unknown as { isRawJSON(value: unknown): boolean }).isRawJSON;

/** A deep copy of `value` with every object's keys in sorted order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value) || isRawJson(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}
