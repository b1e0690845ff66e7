/**
 * `batch` and `sequence`: up to 20 subrequests, each with its own auth, answered as
 * `{"results": [{"code", "body"}]}`. A batch runs them together; a sequence runs them in order
 * and stops after the first non-2xx (storage-server.md §6.7).
 *
 * @module
 */
import { BATCH_REQUEST_MAX } from "../constants.ts";
import type { NodeContext } from "../context.ts";
import { isJsonObject, type JsonObject } from "../json.ts";
import { ParseError } from "../params.ts";
import { jsonResult } from "../results.ts";
import type { RpcResult } from "../types.ts";
import { type Method, method, type MethodLookup } from "./method.ts";

/** A parsed subrequest, ready to run. */
export interface Subrequest {
  readonly method: Method;
  readonly request: unknown;
}

/** A subrequest's result as batches report it. */
export function subresult(result: RpcResult): JsonObject {
  return { code: result.status, body: "text" in result ? result.text : result.body };
}

/** Runs a parsed subrequest as a client's own request (so recursive ones replicate). */
export function runSubrequest(ctx: NodeContext, sub: Subrequest): Promise<RpcResult> {
  return sub.method.run(ctx, sub.request, true);
}

function parseBatch(lookup: MethodLookup, params: JsonObject): Subrequest[] {
  const requests = params.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new ParseError('Invalid batch request: no valid "requests" field');
  }
  if (requests.length > BATCH_REQUEST_MAX) {
    throw new ParseError("Invalid batch request: subrequest limit exceeded");
  }
  return requests.map((entry) => {
    if (!isJsonObject(entry)) {
      throw new ParseError("Invalid batch request: requests must be objects");
    }
    const { method: name, params: subParams } = entry;
    if (typeof name !== "string" || !isJsonObject(subParams)) {
      throw new ParseError("Invalid batch request: subrequests must have method/params keys");
    }
    const found = lookup(name);
    if (!found) throw new ParseError(`Invalid batch subrequest: invalid method "${name}"`);
    const request = found.parse(subParams);
    if (found.meta) {
      throw new ParseError("Invalid batch subrequest: subrequests may not contain meta-requests");
    }
    return { method: found, request };
  });
}

/** The `batch` and `sequence` methods, resolving subrequest names with `lookup`. */
export function createBatchMethods(lookup: MethodLookup): { batch: Method; sequence: Method } {
  const parse = (params: JsonObject) => parseBatch(lookup, params);

  async function runBatch(ctx: NodeContext, subs: Subrequest[]) {
    const results = await Promise.all(subs.map((sub) => runSubrequest(ctx, sub)));
    return jsonResult(200, { results: results.map(subresult) });
  }

  async function runSequence(ctx: NodeContext, subs: Subrequest[]) {
    const results: JsonObject[] = [];
    for (const sub of subs) {
      const result = await runSubrequest(ctx, sub);
      results.push(subresult(result));
      if (result.status < 200 || result.status > 299) break;
    }
    return jsonResult(200, { results });
  }

  return {
    batch: method({ recursive: false, meta: true, parse, run: runBatch }),
    sequence: method({ recursive: false, meta: true, parse, run: runSequence }),
  };
}
