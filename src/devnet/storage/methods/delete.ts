/**
 * `delete`: remove specific messages of an account on every swarm member
 * (`process_client_req(rpc::delete_msgs&&)`, storage-server.md §6.4).
 *
 * @module
 */
import { loadPkSignature, type SignedRequest } from "../auth.ts";
import { isPubkeyForUs, type NodeContext, nodeSignature } from "../context.ts";
import { isBase64 } from "../encoding.ts";
import type { JsonObject } from "../json.ts";
import { ParseError, readBool, readString, readStrings, required } from "../params.ts";
import { replicate } from "../replicate.ts";
import { jsonResult, textResult, withMisc, wrongSwarm } from "../results.ts";
import { signedStrings } from "../signatures.ts";
import { loadSubaccount, SubaccountAccess } from "../subaccount.ts";
import { verifySigned } from "./common.ts";
import { method } from "./method.ts";

interface DeleteRequest extends SignedRequest {
  readonly params: JsonObject;
  readonly messages: string[];
  readonly required: boolean;
}

/** A message hash as requests carry it: 43 base64 characters. */
export function isMessageHash(hash: string): boolean {
  return hash.length === 43 && isBase64(hash);
}

/** Requires a non-empty list of valid hashes (`delete`, `expire`). */
export function requireHashes(messages: string[] | undefined): string[] {
  const hashes = required("messages", messages);
  if (hashes.length === 0) throw new ParseError("messages does not contain any message hashes");
  for (const hash of hashes) {
    if (!isMessageHash(hash)) throw new ParseError(`invalid message hash: ${hash}`);
  }
  return hashes;
}

function parse(params: JsonObject): DeleteRequest {
  const messages = readStrings(params, "messages");
  const pubkey = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const isRequired = readBool(params, "required");
  const signature = readString(params, "signature");
  const subaccount = readString(params, "subaccount");
  const subaccountSig = readString(params, "subaccount_sig");

  const auth = loadPkSignature(pubkey, pubkeyEd25519, signature);
  const sub = loadSubaccount(subaccount, subaccountSig);
  const hashes = requireHashes(messages);
  return {
    params,
    auth,
    subaccount: sub,
    messages: hashes,
    required: isRequired ?? false,
    message: signedStrings.delete(hashes),
  };
}

async function run(ctx: NodeContext, req: DeleteRequest, recurse: boolean) {
  const { pubkey } = req.auth;
  if (!isPubkeyForUs(ctx, pubkey)) return wrongSwarm(ctx, pubkey);
  if (!await verifySigned(ctx, req, SubaccountAccess.Delete)) {
    return textResult(401, "delete_msgs signature verification failed");
  }
  // Peers get the request without `required` (it is not part of the forwarded form).
  const { required: _required, ...forwarded } = req.params;
  const { status, body } = await replicate(ctx, "delete", forwarded, recurse, async () => {
    const deleted = (await ctx.store.deleteByHash(pubkey.hex, req.messages, ctx.now())).sort();
    const signature = nodeSignature(ctx, pubkey.hex, ...req.messages, ...deleted);
    return { deleted, signature };
  });
  if (recurse) withMisc(ctx, body);
  if (req.required && status === 200 && !deletedAnywhere(body)) return jsonResult(404, body);
  return jsonResult(status, body);
}

function deletedAnywhere(body: JsonObject): boolean {
  const swarm = (body.swarm ?? {}) as Record<string, { deleted?: unknown[] }>;
  return Object.values(swarm).some((result) => (result.deleted?.length ?? 0) > 0);
}

/** The `delete` method. */
export const deleteMethod = method({ recursive: true, parse, run });
