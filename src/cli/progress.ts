/**
 * Progress on standard error: a spinner with the step's name (and counts) when stderr is a
 * terminal, plain `sessionbot: …` log lines otherwise. Never on stdout, so `--json` output
 * stays parseable.
 *
 * @module
 */
import type { CliIo } from "./io.ts";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const CLEAR_LINE = "\r\x1b[2K";

/** Shows what a long step is doing. */
export interface Progress {
  /** Runs `work` while showing `label`; the spinner (or line) ends with the outcome. */
  task<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** Changes the detail shown next to the running task's label, e.g. `"120/400"`. */
  update(detail: string): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Force the spinner on or off (default: stderr is a terminal, NO_COLOR unset, TERM not dumb). */
  readonly spinner?: boolean;
  /** Spinner frame period, ms (default 80). */
  readonly intervalMs?: number;
}

/**
 * A progress reporter writing to `io.stderr`.
 *
 * @example
 * ```ts
 * import { createProgress } from "./progress.ts";
 * const progress = createProgress({
 *   stdin: ReadableStream.from([]),
 *   stdout: () => {},
 *   stderr: (t) => console.error(t.trimEnd()),
 *   env: {},
 * });
 * await progress.task("opening the network", async () => {});
 * ```
 */
export function createProgress(io: CliIo, options: ProgressOptions = {}): Progress {
  const spinner = options.spinner ??
    (io.stderrIsTerminal === true && !io.env.NO_COLOR && io.env.TERM !== "dumb");
  let label = "";
  let detail = "";
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  function draw(): void {
    const text = detail ? `${label} ${detail}` : label;
    io.stderr(`${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} ${text}`);
  }

  async function task<T>(name: string, work: () => Promise<T>): Promise<T> {
    label = name;
    detail = "";
    const began = performance.now();
    if (spinner) {
      draw();
      timer = setInterval(draw, options.intervalMs ?? 80);
    } else {
      io.stderr(`sessionbot: ${name}…\n`);
    }
    let failed = false;
    try {
      return await work();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      clearInterval(timer);
      timer = undefined;
      if (spinner) {
        const ms = Math.round(performance.now() - began);
        io.stderr(`${CLEAR_LINE}${failed ? "✗" : "✓"} ${name}${failed ? "" : ` (${ms} ms)`}\n`);
      }
    }
  }

  function update(text: string): void {
    detail = text;
    if (!spinner && timer === undefined && label) io.stderr(`sessionbot: ${label} ${text}\n`);
  }

  return { task, update };
}
