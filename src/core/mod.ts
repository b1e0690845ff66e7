/**
 * Shared foundations: the error hierarchy and byte helpers.
 *
 * @module
 */
export * from "./errors.ts";
export * from "./bytes.ts";
