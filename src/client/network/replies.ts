/**
 * Checks of 200 bodies: anything malformed is a `SwarmError` `bad_reply`, so the node that
 * sent it gets a strike and the request goes to another member.
 *
 * @module
 */
import { SwarmError } from "../../core/errors.ts";
import type { ServiceNode } from "../../onion/mod.ts";
import { readNodes } from "./nodes.ts";
import type { BatchItem, StoredMessage, SwarmResults } from "./types.ts";

type Json = Record<string, unknown>;

/** A `bad_reply` error (the send loop names the node). */
export function badReply(detail: string): SwarmError {
  return new SwarmError(`unusable reply: ${detail}`, 200, { code: "bad_reply", retryable: true });
}

function object(body: unknown, what: string): Json {
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return body as Json;
  throw badReply(`${what} is not a JSON object`);
}

function isMessage(m: unknown): m is StoredMessage {
  const r = m as Json;
  return typeof m === "object" && m !== null && typeof r.hash === "string" &&
    /^[A-Za-z0-9+/]{43}$/.test(r.hash) && Number.isFinite(r.timestamp) &&
    Number.isFinite(r.expiration) && typeof r.data === "string";
}

/** `retrieve`: `{messages: [{hash, timestamp, expiration, data}], more}`. */
export function readMessages(body: unknown): { messages: StoredMessage[]; more: boolean } {
  const json = object(body, "the retrieve reply");
  const { messages, more } = json;
  if (!Array.isArray(messages) || !messages.every(isMessage)) {
    throw badReply("retrieve messages must be {hash, timestamp, expiration, data} objects");
  }
  if (more !== undefined && typeof more !== "boolean") throw badReply('"more" is not a boolean');
  const out = messages.map((m) => ({
    hash: m.hash,
    timestamp: m.timestamp,
    expiration: m.expiration,
    data: m.data,
  }));
  return { messages: out, more: more === true };
}

/** The `swarm` member map of a recursive method. */
export function readSwarmResults(body: unknown): SwarmResults {
  const swarm = object(body, "the reply").swarm;
  if (typeof swarm !== "object" || swarm === null || Array.isArray(swarm)) {
    throw badReply('the reply has no "swarm" results');
  }
  for (const entry of Object.values(swarm)) object(entry, "a swarm member's result");
  return swarm as SwarmResults;
}

/** `get_swarm` / a 421 body: the usable `snodes`. */
export function readSwarmNodes(body: unknown): ServiceNode[] {
  const nodes = readNodes(object(body, "the swarm reply").snodes);
  if (nodes.length === 0) throw badReply("the swarm reply lists no usable node");
  return nodes;
}

/** `get_expiries`: `{expiries: {hash: ms}}`. */
export function readExpiries(body: unknown): Record<string, number> {
  const expiries = object(body, "the reply").expiries;
  const map = object(expiries, '"expiries"');
  if (!Object.values(map).every((v) => Number.isFinite(v))) {
    throw badReply("expiries must be numbers");
  }
  return map as Record<string, number>;
}

/** `batch`/`sequence`: `{results: [{code, body}]}`, at most `count` of them. */
export function readBatch(body: unknown, count: number): BatchItem[] {
  const results = object(body, "the batch reply").results;
  if (
    !Array.isArray(results) || results.length > count ||
    !results.every((r) => typeof r === "object" && r !== null && Number.isInteger(r.code))
  ) {
    throw badReply("batch results must be a list of {code, body}");
  }
  return results.map((r) => ({ code: r.code, body: r.body }));
}
