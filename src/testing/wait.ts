/**
 * `waitFor`: polls a condition until it holds, for what the kit does not wait on itself.
 *
 * @module
 */

/** `T` without its falsy members. */
export type Truthy<T> = Exclude<T, false | 0 | 0n | "" | null | undefined>;

/**
 * Resolves with the first truthy value of `check` (called every `intervalMs`, default 20), or
 * rejects after `timeout` ms (default 10 000) naming `what`.
 *
 * @example
 * ```ts
 * import { waitFor } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * setTimeout(() => kv.set(["done"], true), 50);
 * await waitFor(async () => (await kv.get(["done"])).value, { what: "the done flag" });
 * kv.close();
 * ```
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: { readonly timeout?: number; readonly intervalMs?: number; readonly what?: string } = {},
): Promise<Truthy<T>> {
  const { timeout = 10_000, intervalMs = 20, what = "the condition" } = options;
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
