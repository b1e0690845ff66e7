/**
 * Graceful shutdown on SIGINT/SIGTERM: the first signal runs the stop routine and exits with
 * its code; a second one while it runs exits at once.
 *
 * @module
 */

/** Options of {@link onShutdown}. */
export interface ShutdownOptions {
  /** The signals to handle (default SIGINT and SIGTERM; SIGTERM is skipped on Windows). */
  readonly signals?: readonly Deno.Signal[];
  /** Ends the process (default `Deno.exit`); tests pass a spy. */
  readonly exit?: (code: number) => void;
}

/**
 * Runs `stop(signal)` on the first shutdown signal, then exits with the code it returns
 * (default 0). A second signal during `stop` exits with 130 without waiting. Returns a
 * function that removes the listeners.
 *
 * @example
 * ```ts
 * import { onShutdown } from "./mod.ts";
 *
 * const server = Deno.serve({ port: 0, onListen() {} }, () => new Response("ok"));
 * const dispose = onShutdown(async (signal) => {
 *   console.error(`${signal}: draining`);
 *   await server.shutdown();
 * });
 * // to keep running without the handler:
 * dispose();
 * await server.shutdown();
 * ```
 */
export function onShutdown(
  stop: (signal: Deno.Signal) => Promise<number | void> | number | void,
  options: ShutdownOptions = {},
): () => void {
  const exit = options.exit ?? ((code: number) => Deno.exit(code));
  const signals = (options.signals ?? ["SIGINT", "SIGTERM"])
    .filter((s) => Deno.build.os !== "windows" || s === "SIGINT" || s === "SIGBREAK");
  let stopping = false;
  const listeners = signals.map((signal) => {
    const listener = async () => {
      if (stopping) return exit(130);
      stopping = true;
      let code = 0;
      try {
        code = (await stop(signal)) ?? 0;
      } catch (error) {
        console.error(`shutdown after ${signal} failed:`, error);
        code = 1;
      }
      dispose();
      exit(code);
    };
    Deno.addSignalListener(signal, listener);
    return { signal, listener };
  });
  function dispose(): void {
    for (const { signal, listener } of listeners.splice(0)) {
      Deno.removeSignalListener(signal, listener);
    }
  }
  return dispose;
}
