/**
 * `autoAccept()`: the message-request policy. Strangers' first messages open a request; this
 * plugin accepts them (everyone, an allow list, or nobody) and keeps denied senders' messages
 * away from the handlers.
 *
 * @module
 */
import { z } from "zod";
import { type Context, definePlugin, type Plugin } from "../../bot/mod.ts";
import { isSessionId } from "../../crypto/mod.ts";
import { VERSION } from "../_version.ts";

/** Who gets accepted. */
export type RequestPolicy = "everyone" | "allowlist" | "nobody";

/** Options of {@link autoAccept}. */
export interface AutoAcceptOptions {
  /** Accept everyone (default), only the allow list, or nobody. */
  readonly policy?: RequestPolicy;
  /** Session IDs accepted under `allowlist`. */
  readonly allow?: readonly string[];
  /** Decides under `allowlist` for IDs not in `allow` (e.g. a database lookup). */
  readonly isAllowed?: (sessionId: string) => boolean | Promise<boolean>;
  /**
   * What happens to a denied request: `ignore` it (default; it stays pending), `decline` it
   * (forgotten), or `block` the sender.
   */
  readonly denied?: "ignore" | "decline" | "block";
  /** Sent to a sender right after accepting their request. */
  readonly greeting?: string;
}

const sessionId = z.string().trim().toLowerCase().refine(isSessionId, {
  message: "must be a Session ID: 05 followed by 64 hex digits",
});

const schema = z.strictObject({
  policy: z.enum(["everyone", "allowlist", "nobody"]).default("everyone"),
  allow: z.array(sessionId).default([]),
  isAllowed: z.custom<(id: string) => boolean | Promise<boolean>>((v) => typeof v === "function", {
    message: "must be a function (sessionId) => boolean",
  }).optional(),
  denied: z.enum(["ignore", "decline", "block"]).default("ignore"),
  greeting: z.string().min(1).optional(),
}).superRefine((config, issues) => {
  if (config.policy === "allowlist" && config.allow.length === 0 && !config.isAllowed) {
    issues.addIssue({
      code: "custom",
      path: ["allow"],
      message: "is empty: policy 'allowlist' needs allow: [sessionIds] or an isAllowed function",
    });
  }
});

const definition = definePlugin({
  name: "auto-accept",
  version: VERSION,
  description: "Message-request policy: accept everyone, an allow list, or nobody",
  config: schema,
  install(api) {
    const { policy, denied, greeting, isAllowed } = api.config;
    const allow = new Set(api.config.allow);

    async function allowed(ctx: Context): Promise<boolean> {
      if (policy === "everyone") return true;
      if (policy === "nobody") return false;
      return allow.has(ctx.from) || (isAllowed ? await isAllowed(ctx.from) === true : false);
    }

    api.use(async function autoAccept(ctx, next) {
      const event = ctx.event;
      if (event.type === "request") {
        if (await allowed(ctx)) {
          await ctx.api.acceptRequest(ctx.from);
          api.log.info("message request accepted", { from: ctx.from });
          if (greeting) await ctx.api.send(ctx.from, greeting);
          return await next();
        }
        api.log.info("message request denied", { from: ctx.from, action: denied });
        if (denied === "decline") await ctx.api.declineRequest(ctx.from);
        if (denied === "block") await ctx.api.block(ctx.from);
        return; // denied requests never reach the handlers
      }
      // Messages of a sender whose request is not accepted: only allowed senders get through.
      if (event.type === "message" && event.request && !(await allowed(ctx))) {
        return;
      }
      await next();
    });
  },
});

/**
 * The message-request plugin. Under `everyone` (the default) every request is accepted;
 * under `allowlist` only listed Session IDs (or those `isAllowed` approves); under `nobody`
 * none. Denied requests are ignored, declined or blocked, and denied senders' messages never
 * reach the handlers. An optional greeting follows each acceptance.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { autoAccept } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(autoAccept({
 *   policy: "allowlist",
 *   allow: ["05" + "ab".repeat(32)],
 *   denied: "decline",
 *   greeting: "Hi! Send /help to see what I can do.",
 * }));
 * ```
 */
export function autoAccept(options: AutoAcceptOptions = {}): Plugin {
  return definition(options as never);
}
