/**
 * Handler registry: `on(type, handler)` and a dispatch that resolves only when every handler
 * of the event (and every `"*"` handler) has resolved, so the inbox knows when to let go.
 *
 * @module
 */
import type { Handler, SessionEvent, SessionEventMap, SessionEventType } from "./events.ts";

/** Subscriptions of one client. */
export interface Emitter {
  /** Adds `handler` for `type` (`"*"`: every event but `error`); returns an unsubscribe. */
  on<K extends SessionEventType>(type: K, handler: Handler<SessionEventMap[K]>): () => void;
  /** Adds `handler` for every event but `error`. */
  on(type: "*", handler: Handler<SessionEvent>): () => void;
  /** Whether anything listens to `type`. */
  has(type: SessionEventType): boolean;
  /** Runs every handler of `event` concurrently; rejects with the first failure. */
  emit(event: SessionEvent): Promise<void>;
}

/** Creates an empty registry. */
export function createEmitter(): Emitter {
  const handlers = new Map<string, Set<Handler<never>>>();

  function on(type: string, handler: Handler<never>): () => void {
    if (typeof handler !== "function") {
      throw new TypeError(`on("${type}", handler): handler must be a function`);
    }
    let set = handlers.get(type);
    if (!set) handlers.set(type, set = new Set());
    set.add(handler);
    return () => void set.delete(handler);
  }

  function has(type: SessionEventType): boolean {
    return (handlers.get(type)?.size ?? 0) > 0 ||
      (type !== "error" && (handlers.get("*")?.size ?? 0) > 0);
  }

  async function emit(event: SessionEvent): Promise<void> {
    const own = [...handlers.get(event.type) ?? []];
    const all = event.type === "error" ? [] : [...handlers.get("*") ?? []];
    const runs = [...own, ...all].map((handler) => {
      try {
        return Promise.resolve((handler as Handler<SessionEvent>)(event));
      } catch (error) {
        return Promise.reject(error);
      }
    });
    if (runs.length === 0) return;
    const results = await Promise.allSettled(runs);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  return { on: on as Emitter["on"], has, emit };
}
