/**
 * The endpoint store: add, list, get, update, remove — validated, SSRF-checked, in KV.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { checkEndpointInput, checkEndpointPatch, ENDPOINT_DEFAULTS } from "./endpoint_input.ts";
import { keys } from "./keys.ts";
import { generateSecret } from "./secret.ts";
import { createSequence } from "./store.ts";
import { assertPublicTarget, parseTargetUrl, type ResolveHost } from "./ssrf.ts";
import type { WebhookEndpoint, WebhookEndpointInput, WebhookEndpoints } from "./types.ts";

/** What the store needs. */
export interface EndpointStoreDeps {
  readonly kv: Deno.Kv;
  readonly now: () => number;
  readonly resolveHost: ResolveHost;
}

function build(
  id: string,
  createdAt: number,
  input: WebhookEndpointInput,
  secret: string,
  disabledReason?: string,
): WebhookEndpoint {
  const enabled = input.enabled ?? true;
  return {
    id,
    url: parseTargetUrl(input.url).href,
    secret,
    events: [...(input.events ?? ENDPOINT_DEFAULTS.events)],
    ...(input.conversations ? { conversations: [...input.conversations] } : {}),
    allowPrivate: input.allowPrivate ?? false,
    maxConcurrency: input.maxConcurrency ?? ENDPOINT_DEFAULTS.maxConcurrency,
    timeoutMs: input.timeoutMs ?? ENDPOINT_DEFAULTS.timeoutMs,
    ...(input.description !== undefined ? { description: input.description } : {}),
    enabled,
    ...(!enabled && disabledReason !== undefined ? { disabledReason } : {}),
    createdAt,
  };
}

/**
 * Creates the endpoint store on `deps.kv`.
 *
 * @example
 * ```ts
 * import { resolveHostDns } from "./ssrf.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const endpoints = createEndpointStore({ kv, now: Date.now, resolveHost: resolveHostDns });
 * await endpoints.add({ url: "http://127.0.0.1:9000/hook", allowPrivate: true });
 * kv.close();
 * ```
 */
export function createEndpointStore(deps: EndpointStoreDeps): WebhookEndpoints {
  const { kv } = deps;
  // Ids sort by creation, so the key order is the list order.
  const sequence = createSequence(deps.now);
  const newEndpointId = () => sequence().id.replace(/^dlv_/, "ep_");

  async function guard(endpoint: WebhookEndpoint): Promise<void> {
    if (!endpoint.allowPrivate) await assertPublicTarget(new URL(endpoint.url), deps.resolveHost);
  }

  async function add(input: WebhookEndpointInput): Promise<WebhookEndpoint> {
    const checked = checkEndpointInput(input);
    const endpoint = build(
      newEndpointId(),
      deps.now(),
      checked,
      checked.secret ?? generateSecret(),
    );
    await guard(endpoint);
    await kv.set(keys.endpoint(endpoint.id), endpoint);
    return endpoint;
  }

  async function list(): Promise<WebhookEndpoint[]> {
    const out: WebhookEndpoint[] = [];
    for await (const entry of kv.list<WebhookEndpoint>({ prefix: keys.endpoints() })) {
      out.push(entry.value);
    }
    return out;
  }

  async function get(id: string): Promise<WebhookEndpoint | undefined> {
    if (typeof id !== "string" || id === "") return undefined;
    return (await kv.get<WebhookEndpoint>(keys.endpoint(id))).value ?? undefined;
  }

  async function update(
    id: string,
    patch: Partial<WebhookEndpointInput>,
  ): Promise<WebhookEndpoint> {
    const checked = checkEndpointPatch(patch);
    for (let attempt = 0; attempt < 5; attempt++) {
      const entry = await kv.get<WebhookEndpoint>(keys.endpoint(id));
      const current = entry.value;
      if (!current) {
        throw new ValidationError(`no webhook endpoint '${id}'`, "not_found", "id");
      }
      const merged: WebhookEndpointInput = { ...current, ...checked };
      const next = build(
        current.id,
        current.createdAt,
        merged,
        checked.secret ?? current.secret,
        checked.enabled === undefined ? current.disabledReason : undefined,
      );
      if (next.url !== current.url || next.allowPrivate !== current.allowPrivate) {
        await guard(next);
      }
      const ok = await kv.atomic().check(entry).set(keys.endpoint(id), next).commit();
      if (ok.ok) return next;
    }
    throw new ValidationError(
      `webhook endpoint '${id}' keeps changing underneath this update; try again`,
      "conflict",
      "id",
    );
  }

  async function remove(id: string): Promise<boolean> {
    const entry = await kv.get(keys.endpoint(id));
    if (entry.value === null) return false;
    await kv.delete(keys.endpoint(id));
    return true;
  }

  return { add, list, get, update, remove };
}
