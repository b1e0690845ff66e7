/**
 * What `createWebhookServer` takes, and the checks it makes before anything listens.
 *
 * @module
 */
import type { ClientStats } from "../client/session/mod.ts";
import type { FetchedAttachment, SendInput, SendResult } from "../client/session/mod.ts";
import type { AttachmentInfo } from "../client/session/mod.ts";
import type { Community } from "../client/community/mod.ts";
import type { EventLog, Metrics } from "../bridge/mod.ts";
import { ValidationError } from "../core/errors.ts";
import type { Webhooks } from "./webhooks_port.ts";

/** What the API needs from a client; `SessionClient` fits as it is. */
export interface ApiClient {
  /** Our Session ID. */
  readonly sessionId: string;
  /** Sends to a Session ID or ONS name; resolves once stored. */
  send(to: string, input: SendInput): Promise<SendResult>;
  /** Downloads, verifies and decrypts a received attachment. */
  download(attachment: AttachmentInfo): Promise<FetchedAttachment>;
  /** The Session ID an ONS name points at. */
  resolve(name: string): Promise<string>;
  /** Counters for `/metrics` and `/v1/health` (optional). */
  stats?(): Promise<ClientStats>;
  /**
   * The joined community rooms (optional): `POST /v1/messages` posts to them and
   * `GET /v1/attachments/:id` downloads their files through them.
   */
  readonly communities?: ApiCommunities;
}

/** What the API needs of a client's communities: the joined rooms. */
export interface ApiCommunities {
  /** The joined rooms. */
  list(): Promise<Community[]>;
}

/** Options of `createWebhookServer`. */
export interface WebhookServerOptions {
  /** The client that sends and downloads (a `SessionClient`). */
  readonly client: ApiClient;
  /** The store the service runs on. */
  readonly kv: Deno.Kv;
  /** Bearer token(s) callers must send (`Authorization: Bearer <token>`); several allow rotation. */
  readonly token?: string | readonly string[];
  /** Require the token (default true): without a token configured the server refuses to start. */
  readonly auth?: boolean;
  /** The event log `GET /v1/messages` and `/v1/events` read. */
  readonly events: EventLog;
  /** Webhook endpoint management (`/v1/webhooks…`); without it those routes answer 501. */
  readonly webhooks?: Webhooks;
  /** Metrics registry for `/metrics` (default a new one). */
  readonly metrics?: Metrics;
  /** Largest request body, bytes (default 12 MiB): bigger ones get 413 before being read. */
  readonly maxBodyBytes?: number;
  /** Fetches attachments given by URL (default: an SSRF-guarded `fetch` refusing private hosts). */
  readonly fetchAttachment?: (url: string) => Promise<Uint8Array>;
  /** Let the default attachment fetcher reach loopback and private addresses (default false). */
  readonly allowPrivateAttachmentUrls?: boolean;
  /** SSE keep-alive comment interval, ms (default 15 000). */
  readonly heartbeatMs?: number;
}

/** Options after the checks, defaults filled in. */
export interface ServerConfig extends WebhookServerOptions {
  readonly tokens: readonly string[];
  readonly authRequired: boolean;
  readonly maxBodyBytes: number;
  readonly heartbeatMs: number;
}

/** 12 MiB: a 10 MB attachment sent as multipart fits. */
export const DEFAULT_MAX_BODY_BYTES = 12 * 1024 * 1024;

/**
 * Checks `options`: a client, a KV, an event log, and a token unless auth is off.
 *
 * @throws {ValidationError} naming the option (`token_missing` when auth is on without token).
 * @example
 * ```ts
 * declare const options: WebhookServerOptions;
 * const config = checkServerOptions(options);
 * console.log(config.tokens.length);
 * ```
 */
export function checkServerOptions(options: WebhookServerOptions): ServerConfig {
  if (typeof options !== "object" || options === null) {
    throw new ValidationError(
      "createWebhookServer() takes { client, kv, events, token }",
      "bad_option",
      "options",
    );
  }
  const { client, kv, events } = options;
  if (typeof client?.send !== "function" || typeof client?.download !== "function") {
    throw new ValidationError(
      "client must be a SessionClient (or have sessionId, send, download and resolve)",
      "bad_option",
      "client",
    );
  }
  if (typeof kv?.atomic !== "function") {
    throw new ValidationError("kv must be an open Deno.Kv", "bad_option", "kv");
  }
  if (typeof events?.since !== "function" || typeof events?.subscribe !== "function") {
    throw new ValidationError(
      "events must be an event log: createEventLog(kv), fed by recordEvents(client, log)",
      "bad_option",
      "events",
    );
  }
  const tokens = checkTokens(options.token);
  const authRequired = options.auth ?? true;
  if (authRequired && tokens.length === 0) {
    throw new ValidationError(
      "the HTTP API needs a bearer token: pass token (e.g. from an environment variable; " +
        "generate one with `openssl rand -hex 32`), or auth: false to run it without " +
        "authentication on a trusted network only",
      "token_missing",
      "token",
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) {
    throw new ValidationError(
      "maxBodyBytes must be a whole number of bytes, at least 1024",
      "bad_option",
      "maxBodyBytes",
    );
  }
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  if (!Number.isFinite(heartbeatMs) || heartbeatMs < 10) {
    throw new ValidationError("heartbeatMs must be at least 10 ms", "bad_option", "heartbeatMs");
  }
  return { ...options, tokens, authRequired, maxBodyBytes, heartbeatMs };
}

function checkTokens(token: string | readonly string[] | undefined): string[] {
  if (token === undefined) return [];
  const list = typeof token === "string" ? [token] : token;
  if (!Array.isArray(list)) {
    throw new ValidationError("token must be a string or a list of strings", "bad_option", "token");
  }
  return list.map((t, i) => {
    // Visible ASCII only: a token travels in an HTTP header.
    if (typeof t !== "string" || !/^[\x21-\x7e]+$/.test(t)) {
      throw new ValidationError(
        `token${Array.isArray(token) ? `[${i}]` : ""} must be a non-empty string of visible ` +
          "ASCII characters, without spaces (it travels in an HTTP header)",
        "bad_option",
        "token",
      );
    }
    return t;
  });
}
