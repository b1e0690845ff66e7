/**
 * Values over Deno KV's 64 KiB limit: a stored message's base64 text can reach 102 400
 * characters, so the part beyond the first {@link PART_CHARS} goes to continuation keys written
 * in the same atomic commit.
 *
 * @module
 */
import { keys } from "./keys.ts";

/** Characters kept in one KV value (one byte each in V8 serialization, well under 64 KiB). */
export const PART_CHARS = 60_000;

/** Splits `text` into the inline head and the continuation parts. */
export function splitText(text: string): { head: string; rest: string[] } {
  const rest: string[] = [];
  for (let at = PART_CHARS; at < text.length; at += PART_CHARS) {
    rest.push(text.slice(at, at + PART_CHARS));
  }
  return { head: text.slice(0, PART_CHARS), rest };
}

/** Adds the continuation parts of `seq` to `atomic`. */
export function setParts(
  atomic: Deno.AtomicOperation,
  box: string,
  sid: string,
  seq: number,
  rest: readonly string[],
): void {
  rest.forEach((part, i) => atomic.set(keys.part(box, sid, seq, i), part));
}

/** Deletes `count` continuation parts of `seq` in `atomic`. */
export function deleteParts(
  atomic: Deno.AtomicOperation,
  box: string,
  sid: string,
  seq: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) atomic.delete(keys.part(box, sid, seq, i));
}

/** Reads the head plus `count` parts back into one string. */
export async function joinText(
  kv: Deno.Kv,
  box: string,
  sid: string,
  seq: number,
  head: string,
  count: number,
): Promise<string> {
  if (count === 0) return head;
  const parts = await kv.getMany<string[]>(
    Array.from({ length: count }, (_, i) => keys.part(box, sid, seq, i)),
  );
  if (parts.some((p) => typeof p.value !== "string")) {
    throw new Error(`${box} entry ${seq} is missing a part: the KV store was edited by hand`);
  }
  return head + parts.map((p) => p.value).join("");
}
