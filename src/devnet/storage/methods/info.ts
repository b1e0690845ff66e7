/**
 * `info` and `get_swarm` (alias `get_snodes_for_pubkey`): the node's version and clock, and the
 * swarm that owns a pubkey. Neither needs auth or a swarm check (storage-server.md §6.7).
 *
 * @module
 */
import type { NodeContext } from "../context.ts";
import type { JsonObject } from "../json.ts";
import { exactlyOne, ParseError, readString } from "../params.ts";
import { loadPubkey, type UserPubkey } from "../pubkey.ts";
import { jsonResult, swarmJson, withMisc } from "../results.ts";
import { method } from "./method.ts";

/** The `info` method: takes no params, ignores any. */
export const infoMethod = method({
  recursive: false,
  parse: () => undefined,
  run(ctx: NodeContext) {
    const now = ctx.now();
    const body = withMisc(ctx, { version: [...ctx.version], timestamp: now }, now);
    return Promise.resolve(jsonResult(200, body));
  },
});

function parseGetSwarm(params: JsonObject): UserPubkey {
  const alias = readString(params, "pubKey");
  const pubkey = loadPubkey(
    exactlyOne("pubkey", readString(params, "pubkey"), "pubKey", alias, true),
  );
  // Note the slightly different wording from other methods' pubkey error.
  if (!pubkey) throw new ParseError("Pubkey must be 66 hex digits/33 bytes long");
  return pubkey;
}

/** The `get_swarm` method. */
export const getSwarmMethod = method({
  recursive: false,
  parse: parseGetSwarm,
  run(ctx: NodeContext, pubkey: UserPubkey) {
    return Promise.resolve(jsonResult(200, withMisc(ctx, swarmJson(ctx, pubkey))));
  },
});
