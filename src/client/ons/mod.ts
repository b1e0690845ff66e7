/**
 * Session names (ONS, extended.md §5): `resolveOnsName` asks 3 random service nodes
 * (`oxend_request` `ons_resolve` through onion paths), decrypts their records (modern or legacy)
 * and requires them to agree.
 *
 * @example
 * ```ts
 * import { resolveOnsName } from "./mod.ts";
 *
 * const sessionId = await resolveOnsName(network, "alice");
 * ```
 *
 * @module
 */
export { resolveOnsName, type ResolveOnsOptions } from "./resolve.ts";
export type { OnsNetwork } from "./nodes.ts";
export type { OnsDecrypt } from "./agree.ts";
