/**
 * `retrieve`: auth unless the namespace is open to all, then a page of messages after
 * `last_hash` within the count/size budget (storage-server.md §6.3).
 *
 * @module
 */
import { toBase64, toHex } from "../../../core/mod.ts";
import { loadPkSignature, type SignedRequest } from "../auth.ts";
import { RETRIEVE_MAX_SIZE, SIGNATURE_TOLERANCE } from "../constants.ts";
import { isPubkeyForUs, type NodeContext } from "../context.ts";
import { isBase64 } from "../encoding.ts";
import type { JsonObject } from "../json.ts";
import { isNoAuthRetrieve, isUnrevocable } from "../namespaces.ts";
import {
  atMostOne,
  exactlyOne,
  ParseError,
  readInt32,
  readNamespace,
  readString,
  readTimestamp,
} from "../params.ts";
import { requirePubkey, type UserPubkey } from "../pubkey.ts";
import { jsonResult, textResult, withMisc, wrongSwarm } from "../results.ts";
import { signedStrings } from "../signatures.ts";
import type { ListOptions } from "../store.ts";
import { loadSubaccount, SubaccountAccess } from "../subaccount.ts";
import { verifySigned, within } from "./common.ts";
import { method } from "./method.ts";

interface RetrieveRequest {
  readonly pubkey: UserPubkey;
  readonly namespace: number;
  readonly lastHash?: string;
  readonly maxCount?: number;
  readonly maxSize?: number;
  /** Present when any auth field was given or the namespace needs auth. */
  readonly signed?: SignedRequest & { readonly timestamp: number };
}

function parse(params: JsonObject): RetrieveRequest {
  const lastHashAlias = readString(params, "lastHash");
  const lastHashField = readString(params, "last_hash");
  const maxCount = readInt32(params, "max_count");
  const maxSize = readInt32(params, "max_size");
  const namespaceField = readNamespace(params, "namespace");
  const pubKeyAlias = readString(params, "pubKey");
  const pubkeyField = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const signature = readString(params, "signature");
  const subaccount = readString(params, "subaccount");
  const subaccountSig = readString(params, "subaccount_sig");
  const timestampField = readTimestamp(params, "timestamp");

  const pubkeyText = exactlyOne("pubkey", pubkeyField, "pubKey", pubKeyAlias, true);
  const namespace = namespaceField ?? 0;
  let pubkey: UserPubkey;
  let signed: RetrieveRequest["signed"];
  // Any auth field, or an explicit namespace that needs auth, makes the signature mandatory.
  const needsAuth = namespaceField !== undefined && !isNoAuthRetrieve(namespaceField);
  if (
    pubkeyEd25519 !== undefined || signature !== undefined || timestampField !== undefined ||
    needsAuth
  ) {
    const auth = loadPkSignature(pubkeyText, pubkeyEd25519, signature);
    pubkey = auth.pubkey;
    // Upstream reads a missing timestamp as the epoch, which then fails the clock check.
    const timestamp = timestampField ?? 0;
    signed = {
      auth,
      subaccount: loadSubaccount(subaccount, subaccountSig),
      message: signedStrings.retrieve(namespace, timestamp),
      timestamp,
    };
  } else {
    pubkey = requirePubkey(pubkeyText);
  }

  atMostOne("last_hash", lastHashField, "lastHash", lastHashAlias);
  let lastHash = lastHashAlias ?? lastHashField;
  if (lastHash === "") lastHash = undefined;
  else if (lastHash !== undefined) {
    if (lastHash.length !== 43) {
      throw new ParseError("Invalid last_hash: expected base64 (43 chars)");
    }
    if (!isBase64(lastHash)) throw new ParseError("Invalid last_hash: not base64");
  }
  return { pubkey, namespace, lastHash, maxCount, maxSize, signed };
}

/** The server's budget rules: 0 is unset, negative size is a fraction, -1 count means none. */
function budget(req: RetrieveRequest): ListOptions {
  const maxCount = req.maxCount === 0 ? undefined : req.maxCount;
  let maxSize = req.maxSize === 0 ? undefined : req.maxSize;
  if (maxCount === undefined && maxSize === undefined) maxSize = -5;
  if (maxSize !== undefined && maxSize < 0) maxSize = Math.trunc(RETRIEVE_MAX_SIZE / -maxSize);
  else if (maxSize === undefined || maxSize > RETRIEVE_MAX_SIZE) maxSize = RETRIEVE_MAX_SIZE;
  // A negative count wraps to a huge unsigned limit whose SQL `LIMIT n+1` is 0 for -1 (no rows)
  // and negative, i.e. unlimited, below that.
  if (maxCount !== undefined && maxCount < 0) {
    return maxCount === -1 ? { maxCount: 0, maxSize } : { maxSize };
  }
  return { maxCount, maxSize };
}

async function run(ctx: NodeContext, req: RetrieveRequest) {
  if (!isPubkeyForUs(ctx, req.pubkey)) return wrongSwarm(ctx, req.pubkey);
  const now = ctx.now();
  if (!isNoAuthRetrieve(req.namespace) && !req.signed) {
    return textResult(401, "retrieve: request signature required");
  }
  if (req.signed) {
    if (!within(req.signed.timestamp, now, SIGNATURE_TOLERANCE)) {
      return textResult(406, "retrieve timestamp too far from current time");
    }
    const allowRevoked = isUnrevocable(req.namespace);
    if (!await verifySigned(ctx, req.signed, SubaccountAccess.Read, allowRevoked)) {
      return textResult(401, "retrieve signature verification failed");
    }
  }
  let page;
  try {
    page = await ctx.store.list(req.pubkey.hex, req.namespace, now, {
      after: req.lastHash,
      ...budget(req),
    });
  } catch {
    const raw = req.pubkey.raw;
    const who = `${toHex(raw.subarray(0, 2))}…${toHex(raw.subarray(31))}`;
    return textResult(500, `Internal Server Error. Could not retrieve messages for ${who}`);
  }
  const messages = page.messages.map((m) => ({
    hash: m.hash,
    timestamp: m.timestamp,
    expiration: m.expiry,
    data: toBase64(m.data),
  }));
  return jsonResult(200, withMisc(ctx, { messages, more: page.more }, now));
}

/** The `retrieve` method. */
export const retrieveMethod = method({ recursive: false, parse, run });
