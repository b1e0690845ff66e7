/**
 * The metrics registry's public types.
 *
 * @module
 */

/** Label values of one series, e.g. `{ route: "/v1/messages", status: "201" }`. */
export type Labels = Readonly<Record<string, string>>;

/** A value that only goes up (`_total`). */
export interface Counter {
  /** Adds `value` (default 1, must be ≥ 0) to the series of `labels`. */
  inc(labels?: Labels, value?: number): void;
  /** Mirrors a total counted elsewhere (e.g. `client.stats()`); it must never go down. */
  set(value: number, labels?: Labels): void;
}

/** A value that goes up and down (queue depths). */
export interface Gauge {
  /** Sets the series of `labels` to `value`. */
  set(value: number, labels?: Labels): void;
  /** Adds `value` (default 1; negative subtracts). */
  inc(labels?: Labels, value?: number): void;
}

/** A registry of counters and gauges, rendered in the Prometheus text format. */
export interface Metrics {
  /** The counter `name` (must end in `_total`); asking again returns the same one. */
  counter(name: string, help: string, labelNames?: readonly string[]): Counter;
  /** The gauge `name`; asking again returns the same one. */
  gauge(name: string, help: string, labelNames?: readonly string[]): Gauge;
  /** Runs `collector` before every {@link Metrics.collect} (reads stats kept elsewhere). */
  onCollect(collector: () => void | Promise<void>): () => void;
  /** Runs the collectors (a failing one is skipped: the rest still render). */
  collect(): Promise<void>;
  /** The Prometheus text exposition (version 0.0.4) of every series. */
  render(): string;
}

/** Content type of {@link Metrics.render}'s output. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
