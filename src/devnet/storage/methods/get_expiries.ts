/**
 * `get_expiries`: the current expiry of some of an account's messages (storage-server.md §6.6).
 * Its response carries no `t`/`hf`.
 *
 * @module
 */
import { loadPkSignature, type SignedRequest } from "../auth.ts";
import { SIGNATURE_TOLERANCE } from "../constants.ts";
import { isPubkeyForUs, type NodeContext } from "../context.ts";
import type { JsonObject } from "../json.ts";
import { ParseError, readString, readStrings, readTimestamp, required } from "../params.ts";
import { jsonResult, textResult, wrongSwarm } from "../results.ts";
import { signedStrings } from "../signatures.ts";
import { loadSubaccount, SubaccountAccess } from "../subaccount.ts";
import { verifySigned, within } from "./common.ts";
import { method } from "./method.ts";

interface GetExpiriesRequest extends SignedRequest {
  readonly messages: string[];
  readonly timestamp: number;
}

function parse(params: JsonObject): GetExpiriesRequest {
  const messagesField = readStrings(params, "messages");
  const pubkey = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const signature = readString(params, "signature");
  const subaccount = readString(params, "subaccount");
  const subaccountSig = readString(params, "subaccount_sig");
  const timestampField = readTimestamp(params, "timestamp");

  const auth = loadPkSignature(pubkey, pubkeyEd25519, signature);
  const sub = loadSubaccount(subaccount, subaccountSig);
  const timestamp = required("timestamp", timestampField);
  const messages = required("messages", messagesField);
  if (messages.length === 0) throw new ParseError("messages does not contain any message hashes");
  const message = signedStrings.getExpiries(timestamp, messages);
  return { auth, subaccount: sub, messages, timestamp, message };
}

async function run(ctx: NodeContext, req: GetExpiriesRequest) {
  const { pubkey } = req.auth;
  if (!isPubkeyForUs(ctx, pubkey)) return wrongSwarm(ctx, pubkey);
  const now = ctx.now();
  if (!within(req.timestamp, now, SIGNATURE_TOLERANCE)) {
    return textResult(406, "get_expiries timestamp too far from current time");
  }
  if (!await verifySigned(ctx, req, SubaccountAccess.Read)) {
    return textResult(401, "get_expiries signature verification failed");
  }
  const found = await ctx.store.getExpiries(pubkey.hex, req.messages, now);
  const expiries = Object.fromEntries([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
  return jsonResult(200, { expiries });
}

/** The `get_expiries` method. */
export const getExpiriesMethod = method({ recursive: false, parse, run });
