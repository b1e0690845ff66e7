/**
 * Identity names: the part of the KV key a user types, so kept to a shell-safe alphabet.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Returns `name` when it is 1–64 characters of `A–Z a–z 0–9 . _ -`.
 *
 * @example
 * ```ts
 * import { assertIdentityName } from "./mod.ts";
 *
 * assertIdentityName("support-bot"); // "support-bot"
 * assertIdentityName("my bot"); // throws ValidationError (code "invalid_name")
 * ```
 *
 * @throws {ValidationError} code `invalid_name`, field `name`.
 */
export function assertIdentityName(name: unknown): string {
  if (typeof name === "string" && NAME.test(name)) return name;
  const shown = typeof name === "string" ? JSON.stringify(name.slice(0, 70)) : typeof name;
  throw new ValidationError(
    `identity name ${shown} is not valid: use 1-64 letters, digits, ".", "_" or "-"`,
    "invalid_name",
    "name",
  );
}

/** The KV key of an identity record. */
export function identityKey(name: string): Deno.KvKey {
  return ["identity", name];
}
