/**
 * `ifelse`: run one request or another depending on the node's hard fork, version or height
 * (`rpc::ifelse` in `client_rpc_endpoints.h`). Answers `{hf, v, height, condition, result?}`.
 *
 * @module
 */
import type { NodeContext } from "../context.ts";
import { isJsonObject, type JsonObject } from "../json.ts";
import { ParseError, readInt32, readInts } from "../params.ts";
import { jsonResult } from "../results.ts";
import { runSubrequest, type Subrequest, subresult } from "./batch.ts";
import { type Method, method, type MethodLookup } from "./method.ts";

type Check = (ctx: NodeContext) => boolean;

interface IfElseRequest {
  readonly condition: Check;
  readonly then?: Subrequest;
  readonly otherwise?: Subrequest;
}

/** Lexicographic `a >= b` of version-like arrays. */
function atLeast(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** A list condition padded (or cut) to `size` elements; none when absent or empty. */
function fixed(values: number[] | undefined, size: number): number[] | undefined {
  if (!values || values.length === 0) return undefined;
  return Array.from({ length: size }, (_, i) => values[i] ?? 0);
}

function parseCondition(cond: JsonObject): Check {
  const heightGe = readInt32(cond, "height_at_least");
  const heightLt = readInt32(cond, "height_before");
  const hfGe = fixed(readInts(cond, "hf_at_least"), 2);
  const hfLt = fixed(readInts(cond, "hf_before"), 2);
  const vGe = fixed(readInts(cond, "v_at_least"), 3);
  const vLt = fixed(readInts(cond, "v_before"), 3);
  if ([heightGe, heightLt, hfGe, hfLt, vGe, vLt].every((c) => c === undefined)) {
    throw new ParseError('Invalid ifelse request: must specify at least one "if" condition');
  }
  return function check(ctx: NodeContext): boolean {
    const { hf, version: v, height } = ctx;
    return (!hfGe || atLeast(hf, hfGe)) && (!hfLt || !atLeast(hf, hfLt)) &&
      (!vGe || atLeast(v, vGe)) && (!vLt || !atLeast(v, vLt)) &&
      (heightGe === undefined || height >= heightGe) &&
      (heightLt === undefined || height < heightLt);
  };
}

function parseBranch(
  lookup: MethodLookup,
  params: JsonObject,
  key: string,
): Subrequest | undefined {
  if (!(key in params)) return undefined;
  const branch = params[key];
  if (!isJsonObject(branch)) {
    throw new ParseError(`Invalid ifelse request: ${key} must be an object`);
  }
  if (typeof branch.method !== "string" || !("params" in branch)) {
    throw new ParseError(`Invalid ifelse request: ${key} must have method/params keys`);
  }
  const found = lookup(branch.method);
  // Upstream names the branch, not the method, in this message.
  if (!found) throw new ParseError(`Invalid ifelse request method "${key}"`);
  const subParams = isJsonObject(branch.params) ? branch.params : {};
  return { method: found, request: found.parse(subParams) };
}

/** The `ifelse` method, resolving branch methods with `lookup` (any method, even nested). */
export function createIfElseMethod(lookup: MethodLookup): Method {
  function parse(params: JsonObject): IfElseRequest {
    if (!isJsonObject(params.if)) {
      throw new ParseError('Invalid ifelse request: no valid "if" field');
    }
    const condition = parseCondition(params.if);
    const then = parseBranch(lookup, params, "then");
    const otherwise = parseBranch(lookup, params, "else");
    if (!then && !otherwise) {
      throw new ParseError('Invalid ifelse request: at least one of "then"/"else" required');
    }
    return { condition, then, otherwise };
  }

  async function run(ctx: NodeContext, req: IfElseRequest) {
    const condition = req.condition(ctx);
    const body: JsonObject = {
      hf: [...ctx.hf],
      v: [...ctx.version],
      height: ctx.height,
      condition,
    };
    const branch = condition ? req.then : req.otherwise;
    if (branch) body.result = subresult(await runSubrequest(ctx, branch));
    return jsonResult(200, body);
  }

  return method({ recursive: false, meta: true, parse, run });
}
