/**
 * `createMetrics`: a small registry of counters and gauges with collectors, rendered in the
 * Prometheus text format for `GET /metrics`.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { type Family, labelKey, renderFamilies } from "./render.ts";
import type { Counter, Gauge, Labels, Metrics } from "./types.ts";

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Creates an empty registry.
 *
 * @example
 * ```ts
 * const metrics = createMetrics();
 * const requests = metrics.counter("http_requests_total", "HTTP requests.", ["status"]);
 * requests.inc({ status: "200" });
 * console.log(metrics.render());
 * // # HELP http_requests_total HTTP requests.
 * // # TYPE http_requests_total counter
 * // http_requests_total{status="200"} 1
 * ```
 */
export function createMetrics(): Metrics {
  const families = new Map<string, Family>();
  const collectors = new Set<() => void | Promise<void>>();

  function family(
    name: string,
    help: string,
    type: Family["type"],
    labelNames: readonly string[],
  ): Family {
    const known = families.get(name);
    if (known) {
      if (known.type !== type) {
        throw new ValidationError(`metric ${name} is already a ${known.type}`, "bad_metric", name);
      }
      return known;
    }
    if (!NAME.test(name)) {
      throw new ValidationError(
        `metric name ${JSON.stringify(name)} is not valid: use letters, digits, _ and :`,
        "bad_metric",
        "name",
      );
    }
    if (type === "counter" && !name.endsWith("_total")) {
      throw new ValidationError(`counter ${name} must end in _total`, "bad_metric", "name");
    }
    for (const label of labelNames) {
      if (!LABEL.test(label)) {
        throw new ValidationError(`label name ${label} is not valid`, "bad_metric", "labelNames");
      }
    }
    const made: Family = { name, help, type, labelNames: [...labelNames], series: new Map() };
    families.set(name, made);
    return made;
  }

  function series(f: Family, labels: Labels = {}) {
    const key = labelKey(f.labelNames, labels);
    let found = f.series.get(key);
    if (!found) {
      const picked = Object.fromEntries(f.labelNames.map((n) => [n, labels[n] ?? ""]));
      f.series.set(key, found = { labels: picked, value: 0 });
    }
    return found;
  }

  function counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    const f = family(name, help, "counter", labelNames);
    return {
      inc(labels?: Labels, value = 1) {
        if (!(value >= 0)) throw new RangeError(`counter ${name} can only go up`);
        series(f, labels).value += value;
      },
      set(value: number, labels?: Labels) {
        const s = series(f, labels);
        s.value = Math.max(s.value, value);
      },
    };
  }

  function gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    const f = family(name, help, "gauge", labelNames);
    return {
      set(value: number, labels?: Labels) {
        series(f, labels).value = value;
      },
      inc(labels?: Labels, value = 1) {
        series(f, labels).value += value;
      },
    };
  }

  function onCollect(collector: () => void | Promise<void>): () => void {
    collectors.add(collector);
    return () => collectors.delete(collector);
  }

  async function collect(): Promise<void> {
    await Promise.allSettled([...collectors].map(async (c) => await c()));
  }

  return { counter, gauge, onCollect, collect, render: () => renderFamilies(families.values()) };
}
