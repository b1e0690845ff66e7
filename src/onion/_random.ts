/**
 * Choices with an injectable random source, so tests can make them deterministic.
 * (Only node selection uses it; keys and nonces always come from the CSPRNG.)
 *
 * @module
 */

/** A `Math.random`-like source: a float in [0, 1). */
export type Random = () => number;

/** A shuffled copy of `items` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** One random element, or undefined when `items` is empty. */
export function pickOne<T>(items: readonly T[], random: Random): T | undefined {
  if (items.length === 0) return undefined;
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))];
}
