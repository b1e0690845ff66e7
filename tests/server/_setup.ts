/** A sessionbot service on the devnet for the HTTP API tests: client, event log, server. */
import { createEventLog, type EventLog, recordEvents } from "../../src/bridge/mod.ts";
import { SessionClient } from "../../src/client/session/mod.ts";
import { Identity } from "../../src/crypto/mod.ts";
import {
  createWebhookServer,
  type WebhookServer,
  type WebhookServerOptions,
} from "../../src/server/mod.ts";
import type { TestNetwork } from "../../src/testing/mod.ts";

export const TOKEN = "test-token-0123456789abcdef";
/** The service's identity: a fixed seed. */
export const SERVICE_SEED = "0f".repeat(16);

/** A running service. */
export interface Service extends AsyncDisposable {
  readonly client: SessionClient;
  readonly kv: Deno.Kv;
  readonly events: EventLog;
  readonly api: WebhookServer;
  /** The listener's base URL. */
  readonly url: string;
  /** `fetch(url + path)` with the bearer token (unless `init.headers` sets authorization). */
  call(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Starts a client on `net`, logs its events and serves the API on 127.0.0.1:0. */
export async function startService(
  net: TestNetwork,
  options: Partial<WebhookServerOptions> = {},
): Promise<Service> {
  const kv = await Deno.openKv(":memory:");
  const client = await SessionClient.open({
    ...net.clientOptions(),
    kv,
    identity: Identity.fromSeed(SERVICE_SEED),
  });
  const events = createEventLog(kv);
  const unrecord = recordEvents(client, events);
  await client.start();
  const api = createWebhookServer({ client, kv, events, token: TOKEN, ...options });
  const { url } = await api.listen({ port: 0 });
  let closing: Promise<void> | undefined;
  const close = () =>
    closing ??= (async () => {
      await api.close();
      unrecord();
      await client.stop();
      kv.close();
    })();
  return {
    client,
    kv,
    events,
    api,
    url,
    call(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${TOKEN}`);
      return fetch(url + path, { ...init, headers });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** POSTs JSON with the token. */
export function postJson(
  service: Service,
  path: string,
  body: unknown,
  init: { headers?: Record<string, string> } = {},
): Promise<Response> {
  return service.call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: JSON.stringify(body),
  });
}
