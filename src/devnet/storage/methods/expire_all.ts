/**
 * `expire_all`: shorten every later expiry of an account (one namespace or all) to `expiry`
 * (storage-server.md §6.6).
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
import { verifySigned } from "./common.ts";
import { method } from "./method.ts";

async function run(ctx: NodeContext, req: BulkRequest, recurse: boolean) {
  const { pubkey } = req.auth;
  if (!isPubkeyForUs(ctx, pubkey)) return wrongSwarm(ctx, pubkey);
  const now = ctx.now();
  const tolerance = recurse ? SIGNATURE_TOLERANCE : SIGNATURE_TOLERANCE_FORWARDED;
  if (req.value < now - tolerance) {
    return textResult(406, "expire_all timestamp should be >= current time");
  }
  if (!await verifySigned(ctx, req, SubaccountAccess.Delete)) {
    return textResult(401, "expire_all signature verification failed");
  }
  const { status, body } = await replicate(ctx, "expire_all", req.params, recurse, async () => {
    const updated = await ctx.store.shortenAll(pubkey.hex, req.namespace, req.value, now);
    return bulkResult(ctx, "updated", req, updated);
  });
  if (recurse) withMisc(ctx, body, now);
  return jsonResult(status, body);
}

/** The `expire_all` method. */
export const expireAllMethod = method({
  recursive: true,
  parse: (params) => parseBulk(params, "expiry", signedStrings.expireAll),
  run,
});
