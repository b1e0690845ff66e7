/**
 * Request signing: Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature:
 * v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>`, key = the secret's decoded bytes) plus
 * GitHub's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(key, body)>`.
 *
 * Which key for `X-Hub-Signature-256`: the UTF-8 bytes of the whole secret string
 * (`"whsec_…"`), as GitHub-style verifiers take the configured secret as text — paste the
 * secret into such a verifier unchanged and it matches.
 *
 * @module
 */
import { createHmac } from "node:crypto";
import { secretKey } from "./secret.ts";

/** What gets signed. */
export interface SignInput {
  /** `whsec_…` */
  readonly secret: string;
  /** The message id (`webhook-id`): stable across retries, no `.`. */
  readonly id: string;
  /** The attempt's time, seconds since the epoch. */
  readonly timestamp: number;
  /** The exact body sent. */
  readonly body: string;
}

/** The signature headers of one attempt. */
export interface SignatureHeaders {
  /** The message id, stable across retries. */
  readonly "webhook-id": string;
  /** The attempt's time, integer seconds. */
  readonly "webhook-timestamp": string;
  /** `v1,<base64>`. */
  readonly "webhook-signature": string;
  /** `sha256=<hex>`. */
  readonly "x-hub-signature-256": string;
}

/**
 * The Standard Webhooks `v1,<base64>` signature of `id.timestamp.body`.
 *
 * @example
 * ```ts
 * const sig = standardSignature({
 *   secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
 *   id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
 *   timestamp: 1614265330,
 *   body: '{"test": 2432232314}',
 * }); // "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
 * ```
 */
export function standardSignature(input: SignInput): string {
  const mac = createHmac("sha256", secretKey(input.secret))
    .update(`${input.id}.${input.timestamp}.`)
    .update(input.body)
    .digest("base64");
  return `v1,${mac}`;
}

/**
 * GitHub's `sha256=<hex>` signature of the body, keyed by the secret string's UTF-8 bytes.
 *
 * @example
 * ```ts
 * const sig = hubSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "{}"); // "sha256=…"
 * ```
 */
export function hubSignature(secret: string, body: string): string {
  secretKey(secret); // same validation as the Standard Webhooks key
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Every signature header of one attempt.
 *
 * @example
 * ```ts
 * const headers = signatureHeaders({
 *   secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
 *   id: "abc:message",
 *   timestamp: Math.floor(Date.now() / 1000),
 *   body: "{}",
 * });
 * ```
 */
export function signatureHeaders(input: SignInput): SignatureHeaders {
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(input.timestamp),
    "webhook-signature": standardSignature(input),
    "x-hub-signature-256": hubSignature(input.secret, input.body),
  };
}
