/**
 * `store`: validate, check clock and TTL, verify the signature of non-public namespaces, then
 * store on every swarm member (`process_client_req(rpc::store&&)`, storage-server.md §6.2).
 *
 * @module
 */
import { loadPkSignature, type SignedRequest } from "../auth.ts";
import {
  MAX_MESSAGE_BODY,
  SIGNATURE_TOLERANCE,
  STORE_TOLERANCE,
  TTL_MAXIMUM,
  TTL_MAXIMUM_PRIVATE,
  TTL_MINIMUM,
} from "../constants.ts";
import { isPubkeyForUs, type NodeContext, nodeSignature } from "../context.ts";
import { decodeBase64, isBase64 } from "../encoding.ts";
import { messageHash } from "../hash.ts";
import type { JsonObject } from "../json.ts";
import { isPublicInbox, isPublicOutbox } from "../namespaces.ts";
import {
  exactlyOne,
  ParseError,
  readNamespace,
  readString,
  readStringifiedInt,
  readTimestamp,
  required,
} from "../params.ts";
import { requirePubkey, type UserPubkey } from "../pubkey.ts";
import { replicate } from "../replicate.ts";
import { jsonResult, textResult, withMisc, wrongSwarm } from "../results.ts";
import { signedStrings } from "../signatures.ts";
import { loadSubaccount, SubaccountAccess } from "../subaccount.ts";
import { verifySigned, within } from "./common.ts";
import { method } from "./method.ts";

interface StoreRequest {
  readonly params: JsonObject;
  readonly pubkey: UserPubkey;
  readonly namespace: number;
  readonly timestamp: number;
  readonly expiry: number;
  readonly data: Uint8Array;
  /** Present when a signature was given; `message` is `"store" ‖ ns ‖ sig_timestamp`. */
  readonly signed?: SignedRequest & { readonly sigTimestamp: number };
}

function parse(params: JsonObject): StoreRequest {
  // Fields are type-checked in the server's (alphabetical) order, so the first error matches.
  const data = readString(params, "data");
  const expiryField = readTimestamp(params, "expiry");
  const namespace = readNamespace(params, "namespace") ?? 0;
  const pubKeyAlias = readString(params, "pubKey");
  const pubkeyField = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const sigTimestamp = readTimestamp(params, "sig_timestamp");
  const signature = readString(params, "signature");
  const subaccount = readString(params, "subaccount");
  const subaccountSig = readString(params, "subaccount_sig");
  const timestampField = readStringifiedInt(params, "timestamp", true);
  const ttl = readStringifiedInt(params, "ttl", false);

  const timestamp = required("timestamp", timestampField);
  exactlyOne("expiry", expiryField, "ttl", ttl);
  const expiry = expiryField ?? timestamp + ttl!;
  const pubkeyText = exactlyOne("pubkey", pubkeyField, "pubKey", pubKeyAlias, true);

  let pubkey: UserPubkey;
  let signed: StoreRequest["signed"];
  if (signature !== undefined) {
    const auth = loadPkSignature(pubkeyText, pubkeyEd25519, signature);
    pubkey = auth.pubkey;
    const sigTs = sigTimestamp ?? timestamp;
    signed = {
      auth,
      subaccount: loadSubaccount(subaccount, subaccountSig),
      message: signedStrings.store(namespace, sigTs),
      sigTimestamp: sigTs,
    };
  } else {
    pubkey = requirePubkey(pubkeyText);
  }

  const text = required("data", data);
  if (!isBase64(text)) throw new ParseError("Invalid 'data' value: not base64 encoded");
  if (text.length > MAX_MESSAGE_BODY / 3 * 4) {
    throw new ParseError(
      `Message body exceeds maximum allowed length of ${MAX_MESSAGE_BODY} bytes`,
    );
  }
  return { params, pubkey, namespace, timestamp, expiry, data: decodeBase64(text), signed };
}

async function run(ctx: NodeContext, req: StoreRequest, recurse: boolean) {
  if (!isPubkeyForUs(ctx, req.pubkey)) return wrongSwarm(ctx, req.pubkey);
  const publicInbox = isPublicInbox(req.namespace);
  const ttl = req.expiry - req.timestamp;
  if (ttl < TTL_MINIMUM || ttl > (publicInbox ? TTL_MAXIMUM : TTL_MAXIMUM_PRIVATE)) {
    return textResult(403, "Provided expiry/TTL is not valid.");
  }
  const now = ctx.now();
  if (req.timestamp > now + STORE_TOLERANCE || req.expiry < now - STORE_TOLERANCE) {
    return textResult(406, "Timestamp error: check your clock");
  }
  if (!publicInbox) {
    if (!req.signed) {
      return textResult(401, `store: signature required to store to namespace ${req.namespace}`);
    }
    if (!within(req.signed.sigTimestamp, now, SIGNATURE_TOLERANCE)) {
      return textResult(406, "store signature timestamp too far from current time");
    }
    // Storing to a public outbox replaces (deletes), so a subaccount needs Delete as well.
    const access = SubaccountAccess.Write |
      (isPublicOutbox(req.namespace) ? SubaccountAccess.Delete : 0);
    if (!await verifySigned(ctx, req.signed, access)) {
      return textResult(401, "store signature verification failed");
    }
  }

  // A refusal fault fails where the real server writes: after validation, before any copy.
  const refused = ctx.refuse?.("store");
  if (refused) return textResult(refused.status, refused.text);

  const hash = messageHash(req.pubkey.hex, req.namespace, req.data);
  let stored = false;
  const { status, body } = await replicate(ctx, "store", req.params, recurse, async () => {
    const mine: JsonObject = {};
    try {
      const { namespace, timestamp, expiry, data } = req;
      const outcome = await ctx.store.put(
        { pubkey: req.pubkey.hex, namespace, hash, timestamp, expiry, data },
        now,
        { replace: isPublicOutbox(namespace) },
      );
      stored = true;
      mine.hash = hash;
      mine.signature = nodeSignature(ctx, hash);
      if (outcome.status !== "new") mine.already = true;
      mine.expiry = outcome.expiry;
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      Object.assign(mine, { reason, failed: true, query_failure: true });
    }
    // Deprecated but kept: the entry node's own result carries `t` too.
    if (recurse) mine.t = now;
    return mine;
  });
  if (recurse) {
    if (stored) body.hash = hash;
    withMisc(ctx, body, now);
  }
  return jsonResult(status, body);
}

/** The `store` method. */
export const storeMethod = method({ recursive: true, parse, run });
