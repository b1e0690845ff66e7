/**
 * zod issues as one line a person can act on: `api.port: expected a number, got "80a"`.
 *
 * @module
 */
import { pathText, shown, valueAt } from "../core/field_path.ts";
import type { z } from "zod";
import { didYouMean } from "../bot/suggest.ts";

const ARTICLE: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  object: "a table/object",
  array: "a list",
};

/**
 * One issue as `path: what is wrong`, with the unknown key's near miss or the bad value.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { describeIssue } from "./issues.ts";
 * const input = { api: { port: "80" } };
 * const result = z.object({ api: z.object({ port: z.number() }) }).safeParse(input);
 * if (!result.success) console.log(describeIssue(result.error.issues[0], input));
 * // api.port: expected a number, got "80"
 * ```
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
  known: (path: readonly PropertyKey[]) => string[] = () => [],
): { field: string; text: string } {
  const at = pathText(issue.path);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    const field = at ? `${at}.${key}` : key;
    return { field, text: `${field}: unknown field.${didYouMean(key, known(issue.path))}` };
  }
  const got = valueAt(input, issue.path);
  let what: string;
  if (issue.code === "invalid_type") {
    what = got === undefined
      ? "is required"
      : `expected ${ARTICLE[issue.expected] ?? issue.expected}, got ${shown(got)}`;
  } else if (issue.code === "invalid_union" && issue.errors[0]?.[0]) {
    what = issue.errors[0][0].message;
  } else {
    what = issue.message.replace(/^Invalid input: /, "");
    if (got !== undefined && typeof got !== "object") what += ` (got ${shown(got)})`;
  }
  return { field: at || "(top level)", text: at ? `${at}: ${what}` : `the file ${what}` };
}
