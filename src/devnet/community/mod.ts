/**
 * The devnet community server: a session-pysogs lookalike (rooms, posts, reactions, pins,
 * files, moderation, blinded DMs, `/batch` and `/sequence`) on plain HTTP and onion v4.
 *
 * @example
 * ```ts
 * import { startDevnet } from "../mod.ts";
 * await using devnet = await startDevnet();
 * console.log(devnet.community.joinLink);
 * await devnet.community.admin.addModerator(botSessionId, { admin: true });
 * ```
 *
 * @module
 */
export {
  COMMUNITY_DEFAULTS,
  type CommunityServer,
  type CommunityServerInfo,
  type CommunityServerOptions,
  createCommunityServer,
} from "./server.ts";
export type { CommunityAdmin } from "./admin.ts";
export type { CommunityLimits } from "./context.ts";
export type { PermissionFlags } from "./model.ts";
export { SogsHttpError } from "./errors.ts";
