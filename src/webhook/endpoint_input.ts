/**
 * Validation of endpoint input: every field checked, the first problem reported as a
 * `ValidationError` naming the field (code `invalid_webhook`, or `invalid_url` /
 * `invalid_secret` for those).
 *
 * @module
 */
import { z } from "zod";
import { ValidationError } from "../core/errors.ts";
import { secretKey } from "./secret.ts";
import { parseTargetUrl } from "./ssrf.ts";
import type { WebhookEndpointInput } from "./types.ts";

/** Defaults of optional endpoint fields. */
export const ENDPOINT_DEFAULTS = {
  events: ["message"],
  maxConcurrency: 4,
  timeoutMs: 10_000,
} as const;

const eventType = z.string().regex(/^(\*|[a-z][a-zA-Z0-9_.:-]*)$/, {
  message: 'must be an event type such as "message" or "reaction", or "*" for all',
});

const fields = {
  url: z.string({ message: "must be a string URL" }),
  secret: z.string({ message: 'must be a string "whsec_<base64>"' }),
  events: z.array(eventType).min(1, { message: 'needs at least one event type (or ["*"])' })
    .max(64),
  conversations: z.array(z.string().min(1).max(200)).max(10_000),
  allowPrivate: z.boolean(),
  maxConcurrency: z.number().int().min(1).max(64),
  timeoutMs: z.number().int().min(50).max(120_000),
  description: z.string().max(500),
  enabled: z.boolean(),
};

const addSchema = z.strictObject({
  url: fields.url,
  secret: fields.secret.optional(),
  events: fields.events.optional(),
  conversations: fields.conversations.optional(),
  allowPrivate: fields.allowPrivate.optional(),
  maxConcurrency: fields.maxConcurrency.optional(),
  timeoutMs: fields.timeoutMs.optional(),
  description: fields.description.optional(),
  enabled: fields.enabled.optional(),
});

const patchSchema = addSchema.partial();

function fail(error: z.ZodError): never {
  const issue = error.issues[0];
  const field = issue.path.map((p, i) =>
    typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`
  ).join("");
  throw new ValidationError(
    `webhook endpoint: ${field || "input"} ${issue.message}`,
    "invalid_webhook",
    field || undefined,
  );
}

/** Checks the parts zod cannot: URL form and secret format. */
function checkSpecial(input: Partial<WebhookEndpointInput>): void {
  if (input.url !== undefined) parseTargetUrl(input.url);
  if (input.secret !== undefined) secretKey(input.secret);
}

/**
 * Validates `add` input; returns it typed (defaults not yet filled in).
 *
 * @example
 * ```ts
 * const input = checkEndpointInput({ url: "https://example.com/hook", events: ["*"] });
 * ```
 */
export function checkEndpointInput(input: unknown): WebhookEndpointInput {
  if (typeof input !== "object" || input === null) {
    throw new ValidationError(
      "webhook endpoint: pass an object such as { url: 'https://example.com/hook' }",
      "invalid_webhook",
    );
  }
  const result = addSchema.safeParse(input);
  if (!result.success) fail(result.error);
  checkSpecial(result.data);
  return result.data;
}

/**
 * Validates an `update` patch.
 *
 * @example
 * ```ts
 * const patch = checkEndpointPatch({ enabled: false });
 * ```
 */
export function checkEndpointPatch(patch: unknown): Partial<WebhookEndpointInput> {
  if (typeof patch !== "object" || patch === null) {
    throw new ValidationError(
      "webhook endpoint update: pass an object of the fields to change",
      "invalid_webhook",
    );
  }
  const result = patchSchema.safeParse(patch);
  if (!result.success) fail(result.error);
  checkSpecial(result.data);
  return result.data;
}
