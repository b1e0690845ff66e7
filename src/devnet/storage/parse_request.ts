/**
 * Parses RPC params exactly as a node would, without running anything: for tools and tests that
 * want to know whether a request is well formed and which string it must have signed.
 *
 * @module
 */
import { createMethodTable } from "./methods/mod.ts";
import { ParseError } from "./params.ts";

const methods = createMethodTable();

/** A parse outcome: the request, or the 400 text the server would answer. */
export type ParsedRequest =
  | { readonly ok: true; readonly request: unknown; readonly message?: string | Uint8Array }
  | { readonly ok: false; readonly error: string };

/**
 * Parses `params` for `method`. `message` is the string (or bytes) the request's signature must
 * cover, when it carries one.
 *
 * @example
 * ```ts
 * const parsed = parseRequest("retrieve", { pubkey, pubkey_ed25519, timestamp, signature });
 * if (parsed.ok) parsed.message; // "retrieve1700000000123"
 * ```
 */
export function parseRequest(method: string, params: Record<string, unknown>): ParsedRequest {
  const spec = methods.get(method);
  if (!spec) return { ok: false, error: `no method ${method}` };
  try {
    const request = spec.parse(params);
    const signed = request as { message?: unknown; signed?: { message?: unknown } } | undefined;
    const message = signed?.message ?? signed?.signed?.message;
    return {
      ok: true,
      request,
      message: typeof message === "string" || message instanceof Uint8Array ? message : undefined,
    };
  } catch (error) {
    if (error instanceof ParseError) {
      return { ok: false, error: `invalid request: ${error.message}` };
    }
    throw error;
  }
}
