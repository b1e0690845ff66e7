/**
 * The zod schema of a service config file (internal: the exported types are in
 * `config_types.ts`).
 *
 * @module
 */
import { pluginEntrySchema } from "../bot/config_loader.ts";
import { parseJoinLink } from "../client/community/join_link.ts";
import { z } from "zod";
import { secretSchema } from "./secret.ts";

const url = (what: string) =>
  z.string().refine((text) => {
    try {
      return ["http:", "https:"].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, { message: `expected an http(s) URL (${what})` });

const plugin = pluginEntrySchema;

const endpoint = z.strictObject({
  url: url("the receiver's address"),
  secret: secretSchema.optional(),
  events: z.array(z.string().min(1)).min(1).optional(),
  conversations: z.array(z.string().min(1)).optional(),
  allowPrivate: z.boolean().optional(),
  maxConcurrency: z.int().min(1).max(64).optional(),
  timeoutMs: z.int().min(100).max(120_000).optional(),
  description: z.string().max(200).optional(),
  enabled: z.boolean().optional(),
});

const joinLink = z.string().superRefine((text, ctx) => {
  try {
    parseJoinLink(text);
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message: `${(error as Error).message} (expected a join link: ` +
        "http(s)://host[:port]/<room>?public_key=<64 hex>)",
    });
  }
});

const community = z.strictObject({
  link: joinLink,
  history: z.boolean().optional(),
  transport: z.enum(["onion", "direct"]).optional(),
  pollInterval: z.strictObject({
    min: z.int().min(10).optional(),
    max: z.int().min(10).optional(),
  }).optional(),
});

/** The whole file. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  identity: z.strictObject({
    kv: z.string().min(1).optional(),
    name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, {
      message: 'expected 1-64 letters, digits, ".", "_" or "-"',
    }).optional(),
    passphrase: secretSchema.optional(),
    create: z.boolean().optional(),
  }).optional(),
  network: z.strictObject({
    seed: url("a seed node's JSON-RPC URL; omit for mainnet").optional(),
    fileServer: z.strictObject({
      url: url("the file server"),
      x25519: z.string().regex(/^[0-9a-f]{64}$/, { message: "expected 64 hex digits" }),
    }).optional(),
  }).optional(),
  bot: z.strictObject({
    plugins: z.array(plugin).optional(),
    help: z.boolean().optional(),
    history: z.boolean().optional(),
    drainMs: z.int().min(0).max(600_000).optional(),
    pollInterval: z.strictObject({
      min: z.int().min(10).optional(),
      max: z.int().min(10).optional(),
    }).optional(),
  }).optional(),
  communities: z.array(community).superRefine((rooms, ctx) => {
    const seen = new Map<string, number>();
    rooms.forEach((entry, index) => {
      try {
        const { server, room } = parseJoinLink(entry.link);
        const first = seen.get(`${server}/${room}`);
        if (first === undefined) seen.set(`${server}/${room}`, index);
        else {
          ctx.addIssue({
            code: "custom",
            path: [index, "link"],
            message: `the room ${server}/${room} is listed twice (also communities[${first}])`,
          });
        }
      } catch { /* reported by the link's own check */ }
    });
  }).optional(),
  webhooks: z.strictObject({
    enabled: z.boolean().optional(),
    endpoints: z.array(endpoint).optional(),
  }).optional(),
  api: z.strictObject({
    enabled: z.boolean().optional(),
    hostname: z.string().min(1).optional(),
    port: z.int().min(0).max(65_535).optional(),
    token: z.union([secretSchema, z.array(secretSchema).min(1)]).optional(),
    auth: z.boolean().optional(),
    maxBodyBytes: z.int().min(1024).optional(),
    allowPrivateAttachmentUrls: z.boolean().optional(),
  }).optional(),
  logging: z.strictObject({
    level: z.enum(["debug", "info", "warn", "error"]).optional(),
    format: z.enum(["text", "json"]).optional(),
  }).optional(),
});

/** What the schema parses to. */
export type ParsedConfig = z.infer<typeof configSchema>;
