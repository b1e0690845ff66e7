/** Reads server-sent events from a fetch response, frame by frame (an independent parser). */

/** One SSE event. */
export interface SseEvent {
  readonly id?: string;
  readonly data: string;
}

/** A reader of one SSE response; `close()` disconnects. */
export interface SseReader {
  /** The next event (comments skipped), or undefined when the stream ended. */
  next(): Promise<SseEvent | undefined>;
  /** The comments seen so far (e.g. `keep-alive`). */
  readonly comments: string[];
  close(): Promise<void>;
}

/** Wraps `response` (status 200, text/event-stream). */
export function readSse(response: Response): SseReader {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const comments: string[] = [];
  async function next(): Promise<SseEvent | undefined> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let id: string | undefined;
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) comments.push(line.slice(1).trim());
          else if (line.startsWith("id:")) id = line.slice(3).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        if (data.length > 0) return { id, data: data.join("\n") };
        continue;
      }
      const { done, value } = await reader.read();
      if (done) return undefined;
      buffer += value;
    }
  }
  return { next, comments, close: () => reader.cancel() };
}
