/**
 * What `delete_all`, `delete_before` and `expire_all` share: the same params (one timestamp-like
 * field, a namespace or `"all"`) and the same per-node result shape
 * (`handle_action_all_ns`/`handle_action_one_ns`).
 *
 * @module
 */
import { loadPkSignature, type SignedRequest } from "../auth.ts";
import { type NodeContext, nodeSignature } from "../context.ts";
import type { JsonObject } from "../json.ts";
import type { NamespaceSelector } from "../namespaces.ts";
import { readNamespaceOrAll, readString, readTimestamp, required } from "../params.ts";
import type { NamespacedHash } from "../store.ts";
import { loadSubaccount } from "../subaccount.ts";

/** A parsed bulk request. `value` is the `timestamp`, `before` or `expiry`. */
export interface BulkRequest extends SignedRequest {
  readonly params: JsonObject;
  readonly namespace: NamespaceSelector;
  readonly value: number;
}

/**
 * Parses a bulk request whose time field is `field`, in the server's field order; `sign` builds
 * the string the client signed.
 */
export function parseBulk(
  params: JsonObject,
  field: "timestamp" | "before" | "expiry",
  sign: (namespace: NamespaceSelector, value: number) => string,
): BulkRequest {
  // Type errors surface in alphabetical field order: "before"/"expiry" first, "timestamp" last.
  const early = field !== "timestamp" ? readTimestamp(params, field) : undefined;
  const namespace = readNamespaceOrAll(params, "namespace") ?? 0;
  const pubkey = readString(params, "pubkey");
  const pubkeyEd25519 = readString(params, "pubkey_ed25519");
  const signature = readString(params, "signature");
  const subaccount = readString(params, "subaccount");
  const subaccountSig = readString(params, "subaccount_sig");
  const late = field === "timestamp" ? readTimestamp(params, field) : early;

  const auth = loadPkSignature(pubkey, pubkeyEd25519, signature);
  const sub = loadSubaccount(subaccount, subaccountSig);
  const value = required(field, late);
  return { params, auth, subaccount: sub, namespace, value, message: sign(namespace, value) };
}

/**
 * One node's result: hashes sorted, signed as `pubkey ‖ value ‖ hashes…`; a list for one
 * namespace, or `{ns: [hashes]}` for `"all"`.
 */
export function bulkResult(
  ctx: NodeContext,
  key: "deleted" | "updated",
  req: BulkRequest,
  affected: NamespacedHash[],
): JsonObject {
  const sorted = [...affected].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const hashes = sorted.map((item) => item.hash);
  const signature = nodeSignature(ctx, req.auth.pubkey.hex, req.value, ...hashes);
  if (req.namespace !== "all") return { [key]: hashes, signature };
  const byNamespace: Record<string, string[]> = {};
  for (const { namespace, hash } of sorted) (byNamespace[String(namespace)] ??= []).push(hash);
  return { [key]: byNamespace, signature };
}
