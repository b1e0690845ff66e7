/** Small test inputs: a PNG header with known dimensions, and event lookups. */
import type { SessionEvent, SessionEventMap } from "../../../src/client/session/mod.ts";
import { png as sharedPng } from "../../png.ts";

/** A PNG (signature + IHDR) of `width`×`height`, padded with `extra` bytes. */
export function png(width: number, height: number, extra = 100): Uint8Array {
  return sharedPng(width, height, extra);
}

/** The events of one type, typed. */
export function ofType<K extends keyof SessionEventMap>(
  events: readonly SessionEvent[],
  type: K,
): SessionEventMap[K][] {
  return events.filter((e) => e.type === type) as SessionEventMap[K][];
}
