/**
 * What the route modules share: the checked options, the metrics instruments, the attachment
 * fetcher, and the signal that ends open streams when the server closes.
 *
 * @module
 */
import type { Metrics, StandardMetrics } from "../bridge/mod.ts";
import type { ServerConfig } from "./options.ts";

/** The route modules' dependencies. */
export interface RouteDeps {
  readonly config: ServerConfig;
  readonly metrics: Metrics;
  readonly instruments: StandardMetrics;
  readonly fetchAttachment: (url: string) => Promise<Uint8Array>;
  /** Aborted when the server closes: SSE streams end. */
  readonly closing: AbortSignal;
  /** When the server was created, ms. */
  readonly startedAt: number;
}

/** What the server passes each request (per `listen`): `closing` ends that listener's streams. */
export interface ServerEnv {
  /** Per-request values: `closing` aborts when the listener closes. */
  Bindings: { closing?: AbortSignal };
}
