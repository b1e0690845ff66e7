/**
 * Namespace kinds (`oxenss/common/namespace.h`) and how a namespace appears in signed strings.
 *
 * @module
 */

/** Lowest namespace id (int16). */
export const NAMESPACE_MIN = -32768;
/** Highest namespace id (int16). */
export const NAMESPACE_MAX = 32767;

/** A namespace id, or every namespace of the account (`delete_all`, `delete_before`, …). */
export type NamespaceSelector = number | "all";

/** Divisible by 10 (0, −10, 60, …): anyone may store unsigned; TTL up to 14 days. */
export function isPublicInbox(namespace: number): boolean {
  return namespace % 10 === 0;
}

/** −(20n+1) (−1, −21, …): one owner-signed message, replaced on store, readable by anyone. */
export function isPublicOutbox(namespace: number): boolean {
  return namespace < 0 && -namespace % 20 === 1;
}

/** Namespaces whose `retrieve` needs no signature: −10 (legacy groups) and public outboxes. */
export function isNoAuthRetrieve(namespace: number): boolean {
  return namespace === -10 || isPublicOutbox(namespace);
}

/** Negative, ending in 11 (−11, −211, …): a revoked subaccount may still retrieve. */
export function isUnrevocable(namespace: number): boolean {
  return namespace < 0 && -namespace % 100 === 11;
}

/**
 * The namespace part of a signed string (`signature_value`): "" for 0, "all", or the decimal id.
 *
 * @example
 * ```ts
 * namespacePart(0); // ""
 * namespacePart(-10); // "-10"
 * ```
 */
export function namespacePart(namespace: NamespaceSelector): string {
  return namespace === 0 ? "" : String(namespace);
}
