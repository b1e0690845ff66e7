/**
 * JSON text with exact 64-bit integers: oxend writes swarm ids as plain JSON numbers, which
 * `JSON.stringify` cannot do for values above 2^53.
 *
 * @module
 */

const MARK = "\u0000bigint:";

/** `JSON.stringify` that writes `bigint` values as bare integers. */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => typeof v === "bigint" ? `${MARK}${v}` : v)
    .replace(/"\\u0000bigint:(-?\d+)"/g, "$1");
}

/** A swarm id in lowercase hex without padding, as `get_swarm` and 421 bodies print it. */
export function swarmHex(id: bigint): string {
  return id.toString(16);
}
