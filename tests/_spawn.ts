/** Child Deno processes for tests: stdout read line by line, stderr kept for failure messages. */
import { createMailbox } from "../src/testing/mod.ts";

/** A running child. */
export interface Spawned extends AsyncDisposable {
  readonly child: Deno.ChildProcess;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  /** Everything on stderr so far. */
  stderr(): string;
  /** The first stdout line (not yet taken) matching `pattern`. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` (ignored when the child has exited). */
  kill(signal?: Deno.Signal): void;
  /** The exit status. */
  readonly status: Promise<Deno.CommandStatus>;
}

/** The permissions of `deno task test`, for child scripts. */
export const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net=127.0.0.1",
  "--allow-sys",
];

/** Runs `deno run <script> …args` from the repository root. */
export function spawn(
  script: string,
  args: readonly string[],
  extra: readonly string[] = [],
): Spawned {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, ...extra, script, ...args],
    cwd: new URL("../", import.meta.url),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = createMailbox<string>((all) =>
    `stdout so far:\n${all.join("\n")}\nstderr:\n${err}`
  );
  let err = "";
  let exited = false;
  const reading = (async () => {
    let rest = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      parts.forEach((line) => lines.push(line));
    }
    if (rest) lines.push(rest);
  })();
  const erring = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) err += chunk;
  })();
  const status = child.status.then(async (s) => {
    exited = true;
    await Promise.all([reading, erring]);
    return s;
  });
  const kill = (signal: Deno.Signal = "SIGTERM") => {
    if (!exited) {
      try {
        child.kill(signal);
      } catch { /* already gone */ }
    }
  };
  return {
    child,
    lines: lines.all,
    stderr: () => err,
    line: (pattern, timeoutMs = 20_000) =>
      lines.take((l) => pattern.test(l), timeoutMs, `a line matching ${pattern}`),
    kill,
    status,
    async [Symbol.asyncDispose]() {
      kill("SIGKILL");
      await status;
      lines.close("the process was disposed");
    },
  };
}
