/**
 * One node's answer to `oxend_request` `ons_resolve` (core Appendix B), read into a record, a
 * "not registered", or a malformed answer.
 *
 * @module
 */

/** What one node said about a name. */
export type OnsAnswer =
  | { readonly kind: "record"; readonly encryptedValue: string; readonly nonce?: string }
  | { readonly kind: "none" }
  | { readonly kind: "bad"; readonly reason: string };

/** The `oxend_request` params that resolve `nameHash` (base64) as a Session name (type 0). */
export function onsResolveParams(nameHash: string): Record<string, unknown> {
  return { endpoint: "ons_resolve", params: { type: 0, name_hash: nameHash } };
}

/**
 * Reads a 200 body `{result: {encrypted_value, nonce?}, t, hf}`. No `encrypted_value`: the name
 * is not registered. A missing or empty `nonce`: a legacy (Argon2id) record.
 *
 * @example
 * ```ts
 * readOnsAnswer({ result: {} }); // { kind: "none" }
 * ```
 */
export function readOnsAnswer(body: unknown): OnsAnswer {
  const result = isObject(body) ? body.result : undefined;
  if (!isObject(result)) return { kind: "bad", reason: "the reply has no result object" };
  const { encrypted_value: value, nonce } = result;
  if (value === undefined || value === null || value === "") return { kind: "none" };
  if (typeof value !== "string") return { kind: "bad", reason: "encrypted_value is not a string" };
  if (nonce !== undefined && nonce !== null && typeof nonce !== "string") {
    return { kind: "bad", reason: "nonce is not a string" };
  }
  return nonce ? { kind: "record", encryptedValue: value, nonce } : {
    kind: "record",
    encryptedValue: value,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
