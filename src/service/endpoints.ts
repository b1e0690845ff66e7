/**
 * Making the stored webhook endpoints match the config at start: an endpoint is matched by
 * its URL, then updated, or added when new. Endpoints added through the API stay.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { WebhookEndpointInput, Webhooks } from "../webhook/mod.ts";
import type { ServiceEndpoint } from "./config_types.ts";

/** What {@link ensureEndpoints} did. */
export interface EnsuredEndpoints {
  /** Endpoints created. */
  readonly added: number;
  /** Endpoints updated. */
  readonly updated: number;
}

/**
 * Upserts `wanted` by URL.
 *
 * @example
 * ```ts
 * import { ensureEndpoints } from "./endpoints.ts";
 * import type { Webhooks } from "../webhook/mod.ts";
 * declare const webhooks: Webhooks;
 * await ensureEndpoints(webhooks, [{ url: "https://example.com/hook" }]);
 * ```
 */
export async function ensureEndpoints(
  webhooks: Webhooks,
  wanted: readonly ServiceEndpoint[],
): Promise<EnsuredEndpoints> {
  const stored = await webhooks.endpoints.list();
  let added = 0;
  let updated = 0;
  for (const [i, endpoint] of wanted.entries()) {
    const input = { ...endpoint } as WebhookEndpointInput;
    const existing = stored.find((e) => e.url === endpoint.url);
    try {
      if (existing) {
        await webhooks.endpoints.update(existing.id, input);
        updated++;
      } else {
        await webhooks.endpoints.add(input);
        added++;
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const field = `webhooks.endpoints[${i}]${error.field ? `.${error.field}` : ""}`;
      throw new ValidationError(`${field}: ${error.message}`, error.code, field, { cause: error });
    }
  }
  return { added, updated };
}
