/**
 * A webhook receiver for the demo: a real HTTP server (`Deno.serve` on 127.0.0.1) that checks
 * each delivery's Standard Webhooks signature itself, with WebCrypto only, the way your own
 * receiver would (see `docs/events.md`, "Verifying a webhook").
 *
 * @module
 */
import type { EventPayload } from "../src/bridge/mod.ts";
import { ValidationError } from "../src/core/errors.ts";
import { createMailbox } from "../src/testing/mod.ts";

/** Deliveries older (or newer) than this are refused: a replayed request is not news. */
const TOLERANCE_SECONDS = 300;

/** One request the receiver got. */
export interface ReceivedWebhook {
  /** The `webhook-id` header (the event id, stable across retries). */
  readonly id: string;
  /** Whether the signature matched and the timestamp was fresh. */
  readonly verified: boolean;
  /** The parsed body (only when verified). */
  readonly payload?: EventPayload;
}

/** A running receiver. */
export interface WebhookReceiver extends AsyncDisposable {
  /** Where to send deliveries, e.g. `http://127.0.0.1:40123/hook`. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly received: readonly ReceivedWebhook[];
  /** The oldest delivery not yet taken whose payload has `type`, waiting up to `timeoutMs`. */
  next(type: string, timeoutMs?: number): Promise<ReceivedWebhook>;
  /** Stops the server (waits for requests in flight). */
  close(): Promise<void>;
}

/**
 * Whether `body` carries a valid Standard Webhooks signature by `secret` (`whsec_…`): an HMAC-SHA256
 * of `"<webhook-id>.<webhook-timestamp>.<body>"` keyed with the secret's base64 part, one of the
 * space-separated `v1,<base64>` entries of `webhook-signature`, and a timestamp within 5 minutes.
 *
 * @example
 * ```ts
 * import { verifyWebhook } from "./demo_webhook_receiver.ts";
 *
 * declare const request: Request;
 * const body = await request.text(); // the raw body: verify before parsing
 * if (!await verifyWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", request.headers, body)) {
 *   console.log("refused");
 * }
 * ```
 */
export async function verifyWebhook(
  secret: string,
  headers: Headers,
  body: string,
  nowSeconds = Date.now() / 1000,
): Promise<boolean> {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signatures = headers.get("webhook-signature");
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const key = await crypto.subtle.importKey(
    "raw",
    base64Bytes(secret.replace(/^whsec_/, "")),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signed = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  for (const entry of signatures.split(" ")) {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = base64Bytes(value);
    // subtle.verify compares in constant time.
    if (given && await crypto.subtle.verify("HMAC", key, given, signed)) return true;
  }
  return false;
}

/**
 * Starts a receiver on 127.0.0.1 (a free port) that verifies every delivery with `secret` and
 * answers 204 (verified) or 401 (not: the sender will retry later).
 *
 * @example
 * ```ts
 * import { startWebhookReceiver } from "./demo_webhook_receiver.ts";
 *
 * await using receiver = await startWebhookReceiver("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
 * // … add an endpoint with receiver.url and that secret, then:
 * const hook = await receiver.next("message");
 * console.log(hook.verified, hook.payload?.body);
 * ```
 */
export function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
    throw new ValidationError(
      'the receiver needs the endpoint\'s secret, "whsec_<base64>" (generateSecret() makes one)',
      "invalid_secret",
      "secret",
    );
  }
  const box = createMailbox<ReceivedWebhook>((all) =>
    `the receiver got ${all.length} request(s): ${
      all.map((r) => `${r.payload?.type ?? "?"} (${r.verified ? "ok" : "bad signature"})`)
        .join(", ") || "none"
    }`
  );
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, receive);

  async function receive(request: Request): Promise<Response> {
    if (request.method !== "POST" || new URL(request.url).pathname !== "/hook") {
      await request.body?.cancel();
      return new Response("POST /hook", { status: 404 });
    }
    const body = await request.text(); // raw bytes first: the signature covers them exactly
    const id = request.headers.get("webhook-id") ?? "";
    const verified = await verifyWebhook(secret, request.headers, body);
    box.push(verified ? { id, verified, payload: JSON.parse(body) } : { id, verified });
    return new Response(null, { status: verified ? 204 : 401 });
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    closing ??= (async () => {
      box.close("the webhook receiver was closed");
      await server.shutdown();
    })();

  return Promise.resolve({
    url: `http://127.0.0.1:${server.addr.port}/hook`,
    received: box.all,
    next: (type, timeoutMs = 10_000) =>
      box.take(
        (r) => !r.verified || r.payload?.type === type,
        timeoutMs,
        `a "${type}" webhook`,
      ),
    close,
    [Symbol.asyncDispose]: close,
  });
}

/** Base64 → bytes (empty for anything else, which then fails verification). */
function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}
