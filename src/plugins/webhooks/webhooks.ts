/**
 * `webhooks()`: hands every event the bot handles to the outgoing webhooks queue. The
 * deliveries are written through the handler's inbox transaction (`ctx.tx`), so "event
 * handled" and "deliveries created" are one atomic commit: a crash before it redelivers the
 * event, after it the deliveries exist — none lost, none doubled.
 *
 * @module
 */
import { z } from "zod";
import { type Context, definePlugin, type Plugin } from "../../bot/mod.ts";
import { toEventPayload } from "../../bridge/payload.ts";
import { ValidationError } from "../../core/errors.ts";
import type { SessionEvent } from "../../client/session/mod.ts";
import { type Webhooks, webhooksKv } from "../../webhook/mod.ts";
import { VERSION } from "../_version.ts";

/** Options of {@link webhooks}. */
export interface WebhooksPluginOptions {
  /** The queue (`createWebhooks({ kv })`, on the bot's KV for atomic enqueues). */
  readonly webhooks: Webhooks;
  /** Builds an attachment's link in payloads (default `/v1/attachments/<id>`). */
  readonly attachmentUrl?: (id: string) => string;
  /** Start the delivery worker with the bot and stop it with it (default true). */
  readonly runWorker?: boolean;
}

const isFunction = (message: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === "function", { message });

const schema = z.strictObject({
  webhooks: z.custom<Webhooks>(
    (v) =>
      typeof v === "object" && v !== null && typeof (v as Webhooks).enqueue === "function" &&
      webhooksKv(v as Webhooks) !== undefined,
    { message: "must be a Webhooks instance from createWebhooks({ kv })" },
  ),
  attachmentUrl: isFunction("must be a function (id) => url").optional(),
  runWorker: z.boolean().default(true),
});

const definition = definePlugin({
  name: "webhooks",
  version: VERSION,
  description: "Sends every event to the outgoing webhooks queue (atomic with the inbox)",
  config: schema,
  install(api) {
    const { webhooks } = api.config;
    const attachmentUrl = api.config.attachmentUrl as ((id: string) => string) | undefined;
    let warned = false;

    api.use(async function enqueueWebhooks(ctx: Context, next) {
      const payload = toEventPayload(ctx.event as SessionEvent, attachmentUrl);
      // ctx.tx commits into the bot's store; only use it when the queue lives there too.
      const sameStore = api.bot.kv !== undefined && api.bot.kv === webhooksKv(webhooks);
      const tx = sameStore ? ctx.event.tx : undefined;
      if (!tx && !warned) {
        warned = true;
        api.log.warn(
          "webhooks: the queue is not on the bot's KV store; enqueues are not atomic with the " +
            "inbox (create the queue with the bot's kv)",
        );
      }
      try {
        await webhooks.enqueue(payload, tx ? { tx } : {});
      } catch (error) {
        // An event too big to send must not stop the bot from handling it.
        if (!(error instanceof ValidationError && error.code === "payload_too_large")) throw error;
        api.log.error("webhooks: event not sent", { id: payload.id, reason: error.message });
      }
      await next();
    });
  },
  start(api) {
    if (api.config.runWorker) api.config.webhooks.start();
  },
  async stop(api) {
    if (api.config.runWorker) await api.config.webhooks.stop();
  },
});

/**
 * The webhooks plugin: every event the bot handles is queued for the endpoints whose filter
 * matches, atomically with the event's removal from the inbox. Install it first to see every
 * event (or after a filter to send only what passes).
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { createWebhooks } from "../../webhook/mod.ts";
 * import { webhooks } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const kv = await Deno.openKv("./bot.kv");
 * const queue = createWebhooks({ kv });
 * await queue.endpoints.add({ url: "https://example.com/hooks/session", events: ["*"] });
 * const bot = new Bot(client, { kv });
 * bot.use(webhooks({ webhooks: queue }));
 * ```
 */
export function webhooks(options: WebhooksPluginOptions): Plugin {
  return definition(options as never);
}
