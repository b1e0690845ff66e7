/**
 * `Idempotency-Key` for `POST /v1/messages`: a script that retries after a timeout (or a cron
 * job run twice) sends the message once. The first request with a key claims it in KV and runs;
 * a repeat with the same body gets the stored answer (`Idempotent-Replayed: true`), a repeat
 * with another body 422, a repeat while the first is still sending 409. A request that fails
 * releases its key, so it can be retried. Keys are kept 24 hours.
 *
 * @module
 */
import { toHex } from "../core/bytes.ts";
import { sha256 } from "@noble/hashes/sha2.js";
import { ApiError } from "./errors.ts";
import type { SendRequest } from "./send_input.ts";

/** How long an answer is kept for replay. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** A claim older than this is from a request that died: another may take the key. */
const CLAIM_MS = 5 * 60_000;
/** Printable ASCII, 1–255 characters (what the IETF draft and common APIs accept). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** An answer to replay. */
export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

type KeyRecord =
  | { readonly state: "sending"; readonly fingerprint: string; readonly since: number }
  | { readonly state: "done"; readonly fingerprint: string; readonly answer: StoredAnswer };

/** What {@link runOnce} returns: the answer, and whether it is a replay. */
export interface OnceResult extends StoredAnswer {
  readonly replayed: boolean;
}

/**
 * The checked `Idempotency-Key` header, or undefined when absent.
 *
 * @example
 * ```ts
 * idempotencyKeyOf("nightly-backup-2026-11-26"); // "nightly-backup-2026-11-26"
 * idempotencyKeyOf(null); // undefined
 * ```
 */
export function idempotencyKeyOf(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new ApiError(400, {
      error: "bad_request",
      code: "bad_idempotency_key",
      message: "Idempotency-Key must be 1–255 printable ASCII characters without spaces",
      issues: [{ path: "Idempotency-Key", message: "1–255 printable ASCII characters" }],
    });
  }
  return header;
}

/**
 * A digest of what a send request asks for: attachments by content, so a multipart and a JSON
 * request for the same message match, and a changed file does not.
 *
 * @example
 * ```ts
 * const a = fingerprintOf({ to: "05…", body: "hi", attachments: [] });
 * ```
 */
export function fingerprintOf(request: SendRequest): string {
  const canonical = JSON.stringify([
    request.to,
    request.body ?? null,
    request.replyTo ?? null,
    request.expiresInSeconds ?? null,
    request.attachments.map((a) => [
      a.fileName ?? null,
      a.contentType ?? null,
      toHex(sha256(a.bytes)),
    ]),
  ]);
  return toHex(sha256(new TextEncoder().encode(canonical)));
}

/**
 * Runs `send` at most once per `key` (scoped by `scope`, e.g. the server's identity).
 *
 * @example
 * ```ts
 * declare const kv: Deno.Kv;
 * const { status, body, replayed } = await runOnce(kv, ["05…", "cron-42"], "ab12…", async () => ({
 *   status: 201,
 *   body: { hash: "…", timestamp: 1 },
 * }));
 * ```
 */
export async function runOnce(
  kv: Deno.Kv,
  key: readonly [string, string],
  fingerprint: string,
  send: () => Promise<StoredAnswer>,
  now: () => number = Date.now,
): Promise<OnceResult> {
  const kvKey: Deno.KvKey = ["api_idempotency", ...key];
  const claim: KeyRecord = { state: "sending", fingerprint, since: now() };
  const options = { expireIn: IDEMPOTENCY_TTL_MS };
  // The usual case, a new key, is one commit; a known key is read and judged.
  let claimed = await kv.atomic().check({ key: kvKey, versionstamp: null })
    .set(kvKey, claim, options).commit();
  if (!claimed.ok) {
    const entry = await kv.get<KeyRecord>(kvKey);
    const current = entry.value;
    if (current && current.fingerprint !== fingerprint) {
      throw new ApiError(422, {
        error: "idempotency_key_reused",
        message: "this Idempotency-Key was used for a different request; use a new key",
      });
    }
    if (current?.state === "done") return { ...current.answer, replayed: true };
    if (current?.state === "sending" && now() - current.since < CLAIM_MS) throw inProgress();
    // Expired meanwhile, or a claim left by a process that died: take it over.
    claimed = await kv.atomic().check(entry).set(kvKey, claim, options).commit();
    if (!claimed.ok) throw inProgress();
  }
  let answer: StoredAnswer;
  try {
    answer = await send();
  } catch (error) {
    await kv.delete(kvKey);
    throw error;
  }
  const done: KeyRecord = { state: "done", fingerprint, answer };
  await kv.set(kvKey, done, options);
  return { ...answer, replayed: false };
}

function inProgress(): ApiError {
  return new ApiError(409, {
    error: "request_in_progress",
    message: "a request with this Idempotency-Key is still being sent; retry in a moment",
  });
}
