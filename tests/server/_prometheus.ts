/**
 * An independent reader of the Prometheus text format (0.0.4) for the tests: checks every line
 * is a comment (`# HELP`/`# TYPE` with a known type) or a sample, that every sample's family
 * was typed first, that counters end in `_total`; returns samples by `name{labels}`.
 */
export function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  for (const line of text.slice(0, -1).split("\n")) {
    if (line.startsWith("# HELP ")) continue;
    const typed = line.match(
      /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/,
    );
    if (typed) {
      if (typed[2] === "counter" && !typed[1].endsWith("_total")) {
        throw new Error(`counter ${typed[1]} does not end in _total`);
      }
      types.set(typed[1], typed[2]);
      continue;
    }
    const sample = line.match(
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.e+]+|NaN|[+-]Inf)$/,
    );
    if (!sample) throw new Error(`not a Prometheus line: ${JSON.stringify(line)}`);
    if (!types.has(sample[1])) throw new Error(`sample ${sample[1]} before its # TYPE`);
    samples.set(sample[1] + (sample[2] ?? ""), Number(sample[3]));
  }
  return samples;
}
