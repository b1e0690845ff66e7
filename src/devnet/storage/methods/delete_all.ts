/**
 * `delete_all` and `delete_before`: remove an account's messages in one namespace or all, every
 * one or those up to a timestamp (storage-server.md §6.5).
 *
 * @module
 */
import { SIGNATURE_TOLERANCE, SIGNATURE_TOLERANCE_FORWARDED } from "../constants.ts";
import { isPubkeyForUs, type NodeContext } from "../context.ts";
import { replicate } from "../replicate.ts";
import { jsonResult, textResult, withMisc, wrongSwarm } from "../results.ts";
import { signedStrings } from "../signatures.ts";
import { SubaccountAccess } from "../subaccount.ts";
import { type BulkRequest, bulkResult, parseBulk } from "./bulk.ts";
import { verifySigned, within } from "./common.ts";
import { method } from "./method.ts";

async function runDeleteAll(ctx: NodeContext, req: BulkRequest, recurse: boolean) {
  const { pubkey } = req.auth;
  if (!isPubkeyForUs(ctx, pubkey)) return wrongSwarm(ctx, pubkey);
  const now = ctx.now();
  const tolerance = recurse ? SIGNATURE_TOLERANCE : SIGNATURE_TOLERANCE_FORWARDED;
  if (!within(req.value, now, tolerance)) {
    return textResult(406, "delete_all timestamp too far from current time");
  }
  if (!await verifySigned(ctx, req, SubaccountAccess.Delete)) {
    return textResult(401, "delete_all signature verification failed");
  }
  const { status, body } = await replicate(ctx, "delete_all", req.params, recurse, async () => {
    const deleted = await ctx.store.deleteAll(pubkey.hex, req.namespace, now);
    return bulkResult(ctx, "deleted", req, deleted);
  });
  if (recurse) withMisc(ctx, body, now);
  return jsonResult(status, body);
}

async function runDeleteBefore(ctx: NodeContext, req: BulkRequest, recurse: boolean) {
  const { pubkey } = req.auth;
  if (!isPubkeyForUs(ctx, pubkey)) return wrongSwarm(ctx, pubkey);
  const now = ctx.now();
  // Upstream answers 401 here, not 406.
  if (req.value > now + SIGNATURE_TOLERANCE) {
    return textResult(401, "delete_before timestamp too far in the future");
  }
  if (!await verifySigned(ctx, req, SubaccountAccess.Delete)) {
    return textResult(401, "delete_before signature verification failed");
  }
  const { status, body } = await replicate(ctx, "delete_before", req.params, recurse, async () => {
    const deleted = await ctx.store.deleteBefore(pubkey.hex, req.namespace, req.value, now);
    return bulkResult(ctx, "deleted", req, deleted);
  });
  if (recurse) withMisc(ctx, body, now);
  return jsonResult(status, body);
}

/** The `delete_all` method. */
export const deleteAllMethod = method({
  recursive: true,
  parse: (params) => parseBulk(params, "timestamp", signedStrings.deleteAll),
  run: runDeleteAll,
});

/** The `delete_before` method. */
export const deleteBeforeMethod = method({
  recursive: true,
  parse: (params) => parseBulk(params, "before", signedStrings.deleteBefore),
  run: runDeleteBefore,
});
