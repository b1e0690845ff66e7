/**
 * Choices with an injectable random source, so tests can make them deterministic.
 * (Only node selection uses it; keys and nonces always come from the CSPRNG.)
 *
 * @module
 */

/** A `Math.random`-like source: a float in [0, 1). */
export type Random = () => number;

/**
 * A shuffled copy of `items` (Fisher–Yates).
 *
 * @example
 * ```ts
 * import { shuffled } from "./mod.ts";
 *
 * shuffled([1, 2, 3, 4], Math.random); // e.g. [3, 1, 4, 2]; the input is left as it is
 * ```
 */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * One random element, or undefined when `items` is empty.
 *
 * @example
 * ```ts
 * import { pickOne } from "./mod.ts";
 *
 * pickOne(["a", "b", "c"], () => 0.5); // "b": a fixed source makes the choice repeatable
 * pickOne([], Math.random); // undefined
 * ```
 */
export function pickOne<T>(items: readonly T[], random: Random): T | undefined {
  if (items.length === 0) return undefined;
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))];
}
