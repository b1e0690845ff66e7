/**
 * The client runtime: the 1:1 message codec, the Deno KV keyring and KV helpers.
 *
 * @module
 */
export * from "./codec/mod.ts";
export * from "./keyring/mod.ts";
export { defaultKvPath, openKv } from "./kv.ts";
export * from "./network/mod.ts";
export * from "./files/mod.ts";
export * from "./attachments/mod.ts";
export * from "./profile/mod.ts";
export * from "./ons/mod.ts";
export * from "./session/mod.ts";
export * from "./community/mod.ts";
