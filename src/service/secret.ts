/**
 * Secrets in a service config: never written in the file, always `{ "env": "NAME" }`
 * (TOML: `{ env = "NAME" }`), read from the environment when the config loads.
 *
 * @module
 */
import { z } from "zod";
import { ValidationError } from "../core/errors.ts";

/** A reference to a secret in an environment variable. */
export interface SecretRef {
  /** The variable's name. */
  readonly env: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The zod schema of a secret reference (a literal string is refused with the fix). */
export const secretSchema: z.ZodType<SecretRef> = z.custom<SecretRef>(
  (value) =>
    typeof value === "object" && value !== null && Object.keys(value).length === 1 &&
    typeof (value as { env?: unknown }).env === "string" &&
    ENV_NAME.test((value as { env: string }).env),
  {
    error: (issue) =>
      typeof issue.input === "string"
        ? 'secrets are not written in the config: put it in an environment variable and write { "env": "NAME" }'
        : 'expected a secret reference { "env": "NAME" } (NAME: letters, digits and _)',
  },
);

/**
 * The value of `ref`'s variable; a `ValidationError` naming `field` and the variable when it
 * is unset or empty.
 *
 * @example
 * ```ts
 * import { resolveSecret } from "./secret.ts";
 * console.log(resolveSecret({ env: "HOME" }, "api.token", { HOME: "/root" })); // "/root"
 * ```
 */
export function resolveSecret(
  ref: SecretRef,
  field: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const value = env[ref.env];
  if (value === undefined || value === "") {
    throw new ValidationError(
      `${field}: the environment variable ${ref.env} is not set (or empty); export it before ` +
        "starting the service (systemd: Environment= or EnvironmentFile=)",
      "secret_missing",
      field,
    );
  }
  return value;
}
