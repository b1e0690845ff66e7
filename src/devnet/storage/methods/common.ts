/**
 * Steps most methods share: verifying a parsed signature against the store's revocations, and
 * the signature-timestamp window.
 *
 * @module
 */
import { toHex } from "../../../core/mod.ts";
import type { SignedRequest } from "../auth.ts";
import type { NodeContext } from "../context.ts";
import { verifyRequestSignature } from "../signatures.ts";

/**
 * `verify_signature`: the account (or its subaccount, which must hold `access` and, unless
 * `allowRevoked`, not be revoked) signed `signed.message`.
 */
export async function verifySigned(
  ctx: NodeContext,
  signed: SignedRequest,
  access: number,
  allowRevoked = false,
): Promise<boolean> {
  const { auth, subaccount } = signed;
  const revoked = subaccount !== undefined && !allowRevoked &&
    await ctx.store.isSubaccountRevoked(auth.pubkey.hex, toHex(subaccount.token));
  return verifyRequestSignature({ ...auth, subaccount, message: signed.message }, access, revoked);
}

/** Whether `timestamp` lies within `tolerance` ms of `now`. */
export function within(timestamp: number, now: number, tolerance: number): boolean {
  return timestamp >= now - tolerance && timestamp <= now + tolerance;
}
