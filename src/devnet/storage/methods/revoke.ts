/**
 * `revoke_subaccount` / `unrevoke_subaccount`: the account owner withdraws (or restores) a
 * subaccount token on every swarm member. Only the owner's own key may sign these.
 *
 * @module
 */
import { toHex } from "../../../core/mod.ts";
import { loadPkSignature, type SignedRequest } from "../auth.ts";
import { MAX_SUBACCOUNT_TOKENS, SIGNATURE_TOLERANCE } from "../constants.ts";
import { isPubkeyForUs, type NodeContext, nodeSignature } from "../context.ts";
import type { JsonObject } from "../json.ts";
import { ParseError, readString, readStrings, readTimestamp, required } from "../params.ts";
import { replicate } from "../replicate.ts";
import { jsonResult, textResult, withMisc, wrongSwarm } from "../results.ts";
import { revokeSignedBytes } from "../signatures.ts";
import { decodeToken, SubaccountAccess } from "../subaccount.ts";
import { verifySigned, within } from "./common.ts";
import { method } from "./method.ts";

type RevokeMethod = "revoke_subaccount" | "unrevoke_subaccount";

interface RevokeRequest extends SignedRequest {
  readonly params: JsonObject;
  readonly timestamp: number;
  readonly tokens: Uint8Array[];
}

function decodeTokens(texts: string[], field: "revoke" | "unrevoke"): Uint8Array[] {
  return texts.map((text) => {
    const token = decodeToken(text);
    if (!token) {
      throw new ParseError(`invalid ${field}: expected base64 or hex-encoded subaccount tag`);
    }
    return token;
  });
}

function parseRevoke(params: JsonObject): RevokeRequest {
  const pubkey = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const revoke = readStrings(params, "revoke");
  const signature = readString(params, "signature");
  const timestampField = readTimestamp(params, "timestamp");
  const auth = loadPkSignature(pubkey, pubkeyEd25519, signature);
  const texts = required("revoke", revoke);
  if (texts.length > MAX_SUBACCOUNT_TOKENS) {
    throw new ParseError(
      `invalid revoke: cannot revoke more than ${MAX_SUBACCOUNT_TOKENS} subaccounts at once`,
    );
  }
  const tokens = decodeTokens(texts, "revoke");
  const timestamp = required("timestamp", timestampField);
  const message = revokeSignedBytes("revoke_subaccount", timestamp, tokens);
  return { params, auth, timestamp, tokens, message };
}

function parseUnrevoke(params: JsonObject): RevokeRequest {
  const pubkey = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const signature = readString(params, "signature");
  const timestampField = readTimestamp(params, "timestamp");
  const unrevoke = readStrings(params, "unrevoke");
  const auth = loadPkSignature(pubkey, pubkeyEd25519, signature);
  const timestamp = required("timestamp", timestampField);
  const tokens = decodeTokens(required("unrevoke", unrevoke), "unrevoke");
  const message = revokeSignedBytes("unrevoke_subaccount", timestamp, tokens);
  return { params, auth, timestamp, tokens, message };
}

function runner(name: RevokeMethod) {
  return async function run(ctx: NodeContext, req: RevokeRequest, recurse: boolean) {
    const { pubkey } = req.auth;
    if (!isPubkeyForUs(ctx, pubkey)) return wrongSwarm(ctx, pubkey);
    if (!within(req.timestamp, ctx.now(), SIGNATURE_TOLERANCE)) {
      return textResult(406, `${name} timestamp too far from current time`);
    }
    if (!await verifySigned(ctx, req, SubaccountAccess.None)) {
      return textResult(401, `${name} signature verification failed`);
    }
    const hexes = req.tokens.map(toHex);
    const { status, body } = await replicate(ctx, name, req.params, recurse, async () => {
      const signature = nodeSignature(ctx, pubkey.hex, req.timestamp, ...req.tokens);
      if (name === "revoke_subaccount") {
        await ctx.store.revokeSubaccounts(pubkey.hex, hexes, ctx.now());
        return { signature };
      }
      const count = await ctx.store.unrevokeSubaccounts(pubkey.hex, hexes);
      return { count, signature };
    });
    if (recurse) withMisc(ctx, body);
    return jsonResult(status, body);
  };
}

/** The `revoke_subaccount` method. */
export const revokeMethod = method({
  recursive: true,
  parse: parseRevoke,
  run: runner("revoke_subaccount"),
});

/** The `unrevoke_subaccount` method. */
export const unrevokeMethod = method({
  recursive: true,
  parse: parseUnrevoke,
  run: runner("unrevoke_subaccount"),
});
