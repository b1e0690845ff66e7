/**
 * Plugin configuration schemas: a small declarative field list (compiled to zod inside), or
 * any Standard Schema (zod, valibot, arktype…). Failures become one `ValidationError` naming
 * the plugin and each bad field.
 *
 * @module
 */
import { pathText, shown, valueAt } from "../core/field_path.ts";
import { z } from "zod";
import { ValidationError } from "../core/errors.ts";
import { isSessionId } from "../crypto/mod.ts";
import { isSecretName } from "./redact.ts";
import { didYouMean } from "./suggest.ts";

/** A Standard Schema (https://standardschema.dev): what zod, valibot and arktype implement. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The standard interface. */
  readonly "~standard": {
    /** Version of the standard. */
    readonly version: 1;
    /** The library. */
    readonly vendor: string;
    /** Validates `value`. */
    readonly validate: (
      value: unknown,
    ) => StandardResult<Output> | Promise<StandardResult<Output>>;
    /** Type carrier. */
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** A Standard Schema result. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardIssue[] };

/** A Standard Schema issue. */
export interface StandardIssue {
  /** What is wrong. */
  readonly message: string;
  /** Where. */
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** Fields every config field kind has. */
export interface ConfigFieldBase {
  /** What the option does (shown in errors and docs). */
  readonly description?: string;
  /** The option may be left out (and has no default). */
  readonly optional?: boolean;
}

/** A declarative config field. */
export type ConfigField =
  | ConfigFieldBase & {
    readonly type: "string";
    readonly default?: string;
    readonly minLength?: number;
    readonly maxLength?: number;
  }
  | ConfigFieldBase & {
    readonly type: "number";
    readonly default?: number;
    readonly integer?: boolean;
    readonly min?: number;
    readonly max?: number;
  }
  | ConfigFieldBase & { readonly type: "boolean"; readonly default?: boolean }
  | ConfigFieldBase & {
    readonly type: "enum";
    readonly values: readonly [string, ...string[]];
    readonly default?: string;
  }
  | ConfigFieldBase & { readonly type: "sessionId"; readonly default?: string }
  | ConfigFieldBase & {
    readonly type: "list";
    readonly of: "string" | "number" | "sessionId";
    readonly default?: readonly (string | number)[];
    readonly maxItems?: number;
  }
  | ConfigFieldBase & {
    readonly type: "record";
    readonly of: "string" | "number";
    readonly default?: Readonly<Record<string, string | number>>;
  }
  | ConfigFieldBase & { readonly type: "json"; readonly default?: unknown }
  | ConfigFieldBase & { readonly type: "function" };

/** A declarative config: option name → field. */
export type ConfigSpec = { readonly [option: string]: ConfigField };

/** The value type of a field. */
export type FieldValue<F> = F extends { readonly type: "string" | "sessionId" } ? string
  : F extends { readonly type: "number" } ? number
  : F extends { readonly type: "boolean" } ? boolean
  : F extends { readonly type: "enum"; readonly values: readonly (infer V)[] } ? V
  : F extends { readonly type: "list"; readonly of: infer O }
    ? readonly (O extends "number" ? number : string)[]
  : F extends { readonly type: "record"; readonly of: infer O }
    ? Readonly<Record<string, O extends "number" ? number : string>>
  // deno-lint-ignore no-explicit-any
  : F extends { readonly type: "function" } ? (...args: any[]) => unknown
  : unknown;

/** What a plugin factory accepts for a spec: options with a default (or optional) may be left out. */
export type SpecInput<S extends ConfigSpec> =
  & {
    readonly [
      K in keyof S as S[K] extends { readonly optional: true } | { readonly default: unknown }
        ? never
        : K
    ]: FieldValue<S[K]>;
  }
  & {
    readonly [
      K in keyof S as S[K] extends { readonly optional: true } | { readonly default: unknown } ? K
        : never
    ]?: FieldValue<S[K]>;
  };

/** What `install` gets for a spec: defaults filled in, so only optional fields may be absent. */
export type SpecOutput<S extends ConfigSpec> =
  & {
    readonly [
      K in keyof S as S[K] extends { readonly default: unknown } ? K
        : S[K] extends { readonly optional: true } ? never
        : K
    ]: FieldValue<S[K]>;
  }
  & {
    readonly [
      K in keyof S as S[K] extends { readonly default: unknown } ? never
        : S[K] extends { readonly optional: true } ? K
        : never
    ]?: FieldValue<S[K]>;
  };

/** A plugin's config schema: a declarative spec or a Standard Schema. */
export type ConfigSchema = ConfigSpec | StandardSchemaV1;

const sessionId = z.string().trim().toLowerCase().refine(isSessionId, {
  message: "must be a Session ID: 05 followed by 64 hex digits",
});

function scalar(of: "string" | "number" | "sessionId"): z.ZodType {
  return of === "number" ? z.number() : of === "sessionId" ? sessionId : z.string();
}

function compileField(name: string, field: ConfigField): z.ZodType {
  let schema: z.ZodType;
  switch (field.type) {
    case "string": {
      let s = z.string();
      if (field.minLength !== undefined) s = s.min(field.minLength);
      if (field.maxLength !== undefined) s = s.max(field.maxLength);
      schema = s;
      break;
    }
    case "number": {
      let n = z.number();
      if (field.integer) n = n.int();
      if (field.min !== undefined) n = n.min(field.min);
      if (field.max !== undefined) n = n.max(field.max);
      schema = n;
      break;
    }
    case "boolean":
      schema = z.boolean();
      break;
    case "enum":
      schema = z.enum(field.values as [string, ...string[]]);
      break;
    case "sessionId":
      schema = sessionId;
      break;
    case "list": {
      let list = z.array(scalar(field.of));
      if (field.maxItems !== undefined) list = list.max(field.maxItems);
      schema = list;
      break;
    }
    case "record":
      schema = z.record(z.string(), scalar(field.of));
      break;
    case "json":
      schema = z.unknown();
      break;
    case "function":
      schema = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === "function", {
        message: "must be a function (set it in code, not in a config file)",
      });
      break;
    default:
      throw new TypeError(
        `config field '${name}' has unknown type ${
          JSON.stringify((field as { type: unknown }).type)
        }: ` +
          "use string, number, boolean, enum, sessionId, list, record, json or function",
      );
  }
  if ("default" in field && field.default !== undefined) {
    const value = field.default;
    return schema.default(() => structuredClone(value) as never);
  }
  return field.optional ? schema.optional() : schema;
}

/** Compiles a declarative spec to a strict zod object schema. */
export function compileSpec(spec: ConfigSpec): z.ZodType {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(
      "a plugin's config spec is an object of fields, e.g. { limit: { type: 'number' } }",
    );
  }
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(spec)) shape[name] = compileField(name, field);
  return z.strictObject(shape);
}

/** Whether `schema` is a Standard Schema (rather than a declarative spec). */
export function isStandardSchema(schema: unknown): schema is StandardSchemaV1 {
  return typeof schema === "object" && schema !== null && "~standard" in schema;
}

/** The options a zod object schema knows, for "did you mean". */
function knownOptions(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/**
 * Validates `input` against `schema` for plugin `plugin`; returns the parsed config or throws
 * one `ValidationError` (code `invalid_plugin_config`, field `plugin.option`) listing every
 * problem.
 */
export function validateConfig(
  plugin: string,
  schema: ConfigSchema | undefined,
  input: unknown,
): unknown {
  const value = input ?? {};
  if (schema === undefined) {
    if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
      throw new ValidationError(
        `plugin '${plugin}' takes no options, got ${Object.keys(value).join(", ")}`,
        "invalid_plugin_config",
        plugin,
      );
    }
    return Object.freeze({});
  }
  const zod = isStandardSchema(schema)
    ? (schema instanceof z.ZodType ? schema : undefined)
    : compileSpec(schema);
  if (zod) {
    const result = zod.safeParse(value);
    if (result.success) return freeze(result.data);
    const problems: string[] = [];
    let field: string | undefined;
    for (const issue of result.error.issues) {
      const at = pathText(issue.path as PropertyKey[]);
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const path = at ? `${at}.${key}` : key;
          field ??= path;
          problems.push(
            `unknown option '${path}'.${didYouMean(key, knownOptions(zod))}`.replace(/\.$/, ""),
          );
        }
        continue;
      }
      field ??= at;
      const got = valueAt(value, issue.path as PropertyKey[]);
      const secret = (issue.path as PropertyKey[]).some((p) =>
        typeof p === "string" && isSecretName(p)
      );
      const detail = got === undefined && issue.code === "invalid_type"
        ? "is required"
        : `${issue.message.replace(/^Invalid input: /, "")}${
          secret || got === undefined ? "" : ` (got ${shown(got)})`
        }`;
      problems.push(at ? `'${at}' ${detail}` : detail);
    }
    const known = knownOptions(zod);
    throw new ValidationError(
      `plugin '${plugin}' config is invalid: ${problems.join("; ")}.` +
        (known.length > 0 ? ` Valid options: ${known.join(", ")}.` : ""),
      "invalid_plugin_config",
      field ? `${plugin}.${field}` : plugin,
    );
  }
  const standard = schema as StandardSchemaV1;
  const result = standard["~standard"].validate(value);
  if (result instanceof Promise) {
    throw new TypeError(`plugin '${plugin}': async config schemas are not supported`);
  }
  if (!result.issues) return freeze(result.value);
  const problems = result.issues.map((issue) => {
    const at = issue.path ? pathText(issue.path) : "";
    return at ? `'${at}' ${issue.message}` : issue.message;
  });
  const first = result.issues[0]?.path;
  throw new ValidationError(
    `plugin '${plugin}' config is invalid: ${problems.join("; ")}.`,
    "invalid_plugin_config",
    first ? `${plugin}.${pathText(first)}` : plugin,
  );
}

/** Freezes the top level only: nested values may be the caller's own objects. */
function freeze<T>(value: T): T {
  return typeof value === "object" && value !== null ? Object.freeze(value) : value;
}
