/**
 * The community server as the devnet handle shows it: address, keys, the default room and its
 * join link, and the admin door.
 *
 * @module
 */
import type { CommunityAdmin } from "./admin.ts";
import type { CommunityServer, CommunityServerInfo } from "./server.ts";

/** The room every devnet starts with. */
export const DEFAULT_ROOM = "lobby";

/** `devnet.community`. */
export interface DevnetCommunity extends CommunityServerInfo {
  /** The default room's token, `"lobby"`. */
  readonly room: string;
  /** `http://127.0.0.1:<port>/lobby?public_key=<hex>`. */
  readonly joinLink: string;
  /** In-process administration: rooms, moderators, bans, permissions. */
  readonly admin: CommunityAdmin;
}

/** What `devnet --json` lists about the community server. */
export interface CommunityDescription {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Server public key (X25519, hex). */
  readonly publicKey: string;
  /** The default room's token. */
  readonly room: string;
  /** Join link of the default room. */
  readonly joinLink: string;
}

/**
 * Builds `devnet.community` of a started server.
 *
 * @example
 * ```ts
 * const community = communityHandle(server);
 * console.log(community.joinLink);
 * ```
 */
export function communityHandle(server: CommunityServer): DevnetCommunity {
  const info = server.info();
  return Object.freeze({
    ...info,
    room: DEFAULT_ROOM,
    joinLink: `${info.url}/${DEFAULT_ROOM}?public_key=${info.publicKey}`,
    admin: server.admin,
  });
}

/** The `--json` part of `community`. */
export function describeCommunity(community: DevnetCommunity): CommunityDescription {
  return {
    url: community.url,
    publicKey: community.publicKey,
    room: community.room,
    joinLink: community.joinLink,
  };
}
