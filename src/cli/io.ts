/**
 * What the CLI talks to. Tests pass strings and collectors; `main.ts` passes the real process.
 *
 * @module
 */

/** The process surface `runCli` uses, so it can run in-process under test. */
export interface CliIo {
  /** Standard input; read only by commands that take a phrase or passphrase from it. */
  readonly stdin: ReadableStream<Uint8Array>;
  /** Writes text to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
  /** Environment variables (`SESSIONBOT_KV`, `XDG_DATA_HOME`, `HOME`, `SESSIONBOT_DEBUG`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stdin is a terminal, so commands print a prompt before reading it. */
  readonly stdinIsTerminal?: boolean;
  /** True when stderr is a terminal, so progress shows as a spinner instead of log lines. */
  readonly stderrIsTerminal?: boolean;
}

/** Reads standard input one line at a time (`\n` or `\r\n`), stopping as soon as it has one. */
export interface LineReader {
  /** The next line without its line ending, or `undefined` at end of input. */
  next(): Promise<string | undefined>;
  /** Releases the stream without consuming the rest. */
  release(): void;
}

/** A {@link LineReader} over `stream`. */
export function lineReader(stream: ReadableStream<Uint8Array>): LineReader {
  const decoder = new TextDecoder();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let buffer = "";
  let ended = false;

  async function next(): Promise<string | undefined> {
    while (true) {
      const end = buffer.indexOf("\n");
      if (end >= 0 || (ended && buffer !== "")) {
        const cut = end >= 0 ? end : buffer.length;
        const line = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 1);
        return line.endsWith("\r") ? line.slice(0, -1) : line;
      }
      if (ended) return undefined;
      reader ??= stream.getReader();
      const chunk = await reader.read();
      if (chunk.done) ended = true;
      buffer += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
    }
  }

  function release(): void {
    reader?.releaseLock();
    reader = undefined;
  }

  return { next, release };
}
