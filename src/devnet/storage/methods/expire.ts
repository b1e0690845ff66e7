/**
 * `expire`: set, shorten or extend the expiry of specific messages, capped at now + 30 days
 * (`process_client_req(rpc::expire_msgs&&)`, storage-server.md §6.6).
 *
 * @module
 */
import { loadPkSignature, type SignedRequest } from "../auth.ts";
import { MULTI_EXPIRY_HARDFORK, TTL_MAXIMUM_PRIVATE } from "../constants.ts";
import { isPubkeyForUs, type NodeContext, nodeSignature } from "../context.ts";
import type { JsonObject } from "../json.ts";
import {
  ParseError,
  readBool,
  readString,
  readStrings,
  readTimestamps,
  required,
} from "../params.ts";
import { replicate } from "../replicate.ts";
import { jsonResult, textResult, withMisc, wrongSwarm } from "../results.ts";
import { type ExpireMode, signedStrings } from "../signatures.ts";
import type { ExpiryChange } from "../store.ts";
import { loadSubaccount, SubaccountAccess } from "../subaccount.ts";
import { verifySigned } from "./common.ts";
import { isMessageHash } from "./delete.ts";
import { method } from "./method.ts";

interface ExpireRequest extends SignedRequest {
  readonly params: JsonObject;
  readonly messages: string[];
  /** One expiry for all messages, or one per message. */
  readonly expiries: number[];
  readonly mode: ExpireMode;
}

function parse(params: JsonObject): ExpireRequest {
  const expiryField = readTimestamps(params, "expiry");
  const extend = readBool(params, "extend") ?? false;
  const messagesField = readStrings(params, "messages");
  const pubkey = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const shorten = readBool(params, "shorten") ?? false;
  const signature = readString(params, "signature");
  const subaccount = readString(params, "subaccount");
  const subaccountSig = readString(params, "subaccount_sig");

  const auth = loadPkSignature(pubkey, pubkeyEd25519, signature);
  const sub = loadSubaccount(subaccount, subaccountSig);
  const expiries = required("expiry", expiryField);
  if (expiries.length === 0) {
    throw new ParseError("'expiry' does not contain any expiration timestamps");
  }
  if (shorten && extend) throw new ParseError("cannot specify both 'shorten' and 'extend'");
  const messages = required("messages", messagesField);
  if (messages.length === 0) throw new ParseError("messages does not contain any message hashes");
  if (expiries.length > 1 && expiries.length !== messages.length) {
    throw new ParseError("'expiry' must be a single expiry, or the same length as 'messages'");
  }
  for (const hash of messages) {
    if (!isMessageHash(hash)) throw new ParseError(`invalid message hash: ${hash}`);
  }
  const mode: ExpireMode = shorten ? "shorten" : extend ? "extend" : "";
  const message = signedStrings.expire(mode, expiries, messages);
  return { params, auth, subaccount: sub, messages, expiries, mode, message };
}

function hfAtLeast(hf: readonly [number, number], min: readonly [number, number]): boolean {
  return hf[0] > min[0] || (hf[0] === min[0] && hf[1] >= min[1]);
}

async function run(ctx: NodeContext, req: ExpireRequest, recurse: boolean) {
  const { pubkey } = req.auth;
  if (!isPubkeyForUs(ctx, pubkey)) return wrongSwarm(ctx, pubkey);
  const now = ctx.now();
  if (req.expiries.some((expiry) => expiry < now - 60_000)) {
    return textResult(401, "expire: timestamp should be >= current time");
  }
  // Applied expiries are capped; the signature covers the requested ones.
  const applied = req.expiries.map((expiry) => Math.min(now + TTL_MAXIMUM_PRIVATE, expiry));
  if (req.expiries.length > 1 && !hfAtLeast(ctx.hf, MULTI_EXPIRY_HARDFORK)) {
    return textResult(403, "expire: multi-expiry requests are not yet active on the network");
  }
  if (!await verifySigned(ctx, req, SubaccountAccess.Write)) {
    return textResult(401, "expire: signature verification failed");
  }
  let change: ExpiryChange = req.mode === "" ? "any" : req.mode;
  if (req.subaccount && (req.subaccount.token[1] & SubaccountAccess.Delete) === 0) {
    // Shortening is nearly deleting, so a subaccount without Delete may only extend.
    if (req.mode === "shorten") {
      return textResult(
        400,
        "expire: shorten parameter cannot be used with this subaccount token (missing delete access)",
      );
    }
    change = "extend";
  }
  const { status, body } = await replicate(ctx, "expire", req.params, recurse, async () => {
    const store = ctx.store;
    const updated = await store.updateExpiries(pubkey.hex, req.messages, applied, change, now);
    updated.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    const updatedHashes = updated.map((u) => u.hash);
    let unchanged: Map<string, number> | undefined;
    if (req.mode !== "") {
      const done = new Set(updatedHashes);
      const rest = req.messages.filter((hash) => !done.has(hash));
      unchanged = rest.length ? await store.getExpiries(pubkey.hex, rest, now) : new Map();
    }
    const sortedUnchanged = [...(unchanged ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
    // Several expiries: report (and sign) those applied; one: the attempted one, always.
    const expiries = req.expiries.length > 1 ? updated.map((u) => u.expiry) : [applied[0]];
    const signature = nodeSignature(
      ctx,
      pubkey.hex,
      ...expiries,
      ...req.messages,
      ...updatedHashes,
      ...sortedUnchanged.flat(),
    );
    const mine: JsonObject = {
      expiry: req.expiries.length > 1 ? expiries : expiries[0],
      updated: updatedHashes,
    };
    if (unchanged) mine.unchanged = Object.fromEntries(sortedUnchanged);
    mine.signature = signature;
    return mine;
  });
  if (recurse) withMisc(ctx, body, now);
  return jsonResult(status, body);
}

/** The `expire` method. */
export const expireMethod = method({ recursive: true, parse, run });
