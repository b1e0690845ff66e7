/**
 * The shape of one RPC method: a parser that turns params into a typed request (throwing
 * `ParseError` with the server's text) and a runner that answers it.
 *
 * @module
 */
import type { NodeContext } from "../context.ts";
import type { JsonObject } from "../json.ts";
import type { RpcResult } from "../types.ts";

/** One RPC method. */
export interface Method<R = unknown> {
  /** Forwarded to the swarm by the entry node (and so accepted from peers). */
  readonly recursive: boolean;
  /** `batch`/`sequence`/`ifelse`: may not appear inside a batch. */
  readonly meta?: boolean;
  /** Validates params; throws `ParseError`. */
  parse(params: JsonObject): R;
  /** Runs a parsed request; `recurse` is false for a peer's forwarded copy. */
  run(ctx: NodeContext, request: R, recurse: boolean): Promise<RpcResult>;
}

/** Finds a method by name (aliases included). */
export type MethodLookup = (name: string) => Method | undefined;

/** Erases a method's request type for the registry. */
export function method<R>(definition: Method<R>): Method {
  return definition as Method;
}
