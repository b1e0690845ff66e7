/**
 * The errors the sender throws, each saying what happened and what to do next.
 *
 * @module
 */
import { NetworkError, OnionError, SessionBotError, SwarmError } from "../../core/errors.ts";
import { describeNode, type ServiceNode } from "../../onion/mod.ts";

function text(body: unknown): string {
  const shown = typeof body === "string" ? body : JSON.stringify(body) ?? "";
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/** The `SwarmError` for a destination status (§4.9): 400 and 401 are not retried. */
export function statusError(node: ServiceNode, status: number, body: unknown): SwarmError {
  const where = describeNode(node);
  if (status === 401) {
    return new SwarmError(
      `${where} refused the signature (401 ${text(body)}): check the identity and the request`,
      401,
      { node: node.ed25519, code: "unauthorized" },
    );
  }
  if (status === 400) {
    return new SwarmError(`${where} rejected the request: ${text(body)}`, 400, {
      node: node.ed25519,
      code: "bad_request",
    });
  }
  return new SwarmError(`${where} answered ${status}: ${text(body)}`, status, {
    node: node.ed25519,
    retryable: true,
  });
}

export function clockError(node: ServiceNode, cause: unknown): SwarmError {
  return new SwarmError(
    `your clock is out of sync with the network: ${describeNode(node)} refused the timestamp ` +
      "even after a resync; check the system time",
    406,
    { node: node.ed25519, code: "clock_out_of_sync", cause },
  );
}

export function wrongSwarmLoop(pubkey: string, node: ServiceNode, moves: number): SwarmError {
  return new SwarmError(
    `the swarm of ${pubkey.slice(0, 10)}… moved ${moves} times in one request ` +
      `(last: ${describeNode(node)}): the nodes disagree, retry later`,
    421,
    { node: node.ed25519, code: "wrong_swarm", retryable: true },
  );
}

export function withNode(error: SwarmError, node: ServiceNode): SwarmError {
  return new SwarmError(`${describeNode(node)}: ${error.message}`, error.status, {
    node: node.ed25519,
    code: error.code,
    retryable: true,
    cause: error.cause,
  });
}

export function closed(cause?: unknown): NetworkError {
  return new NetworkError("the network client is closed", "closed", { cause });
}

/** `last` re-made with `message` when it is a swarm or onion error (class, code, details kept). */
function sameKind(message: string, last: SessionBotError | undefined): SessionBotError | undefined {
  if (last instanceof SwarmError) {
    const { node, code } = last;
    return new SwarmError(message, last.status, { node, retryable: true, code, cause: last });
  }
  if (last instanceof OnionError) {
    return new OnionError(message, {
      hop: last.hop,
      status: last.status,
      code: last.code,
      cause: last,
    });
  }
  return undefined;
}

/** The last error, same class and code, saying how many attempts were made. */
export function exhausted(
  method: string,
  attempts: number,
  last: SessionBotError,
): SessionBotError {
  const message = `${method} failed after ${attempts} attempts; last: ${last.message}`;
  const same = sameKind(message, last);
  if (same) return same;
  return new NetworkError(message, last.code, { cause: last });
}

/** The call ran out of time (`deadlineMs`): the last failure, if any, says why. */
export function deadlineError(
  method: string,
  deadlineMs: number,
  last: SessionBotError | undefined,
): SessionBotError {
  const message = `${method} gave up after ${deadlineMs} ms` +
    (last ? `; last: ${last.message}` : ": no node answered in time");
  const same = sameKind(message, last);
  if (same) return same;
  return new NetworkError(message, "timeout", { cause: last });
}
