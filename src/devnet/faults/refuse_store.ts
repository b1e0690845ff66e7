/**
 * The "refuse to store" fault: a node answers the storage RPC `store` with an error status
 * (directly, inside an onion request it is the destination of, in a batch, or as a swarm peer)
 * while every other method and its onion relaying keep working.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

/**
 * Statuses a node can refuse `store` with, and how a client treats each: 400 and 401 are
 * permanent refusals (the outbox dead-letters at once), 406 is retried once after a clock
 * resync and then permanent, 403, 500 and 503 are retried on other members and later, then
 * dead-lettered.
 */
export const REFUSE_STORE_STATUSES: readonly number[] = [400, 401, 403, 406, 500, 503];

/** The status used when none is given: what the real server answers when a store fails. */
export const DEFAULT_REFUSE_STORE_STATUS = 500;

/** How a node refuses `store`: the status and plain-text body it answers with. */
export interface StoreRefusal {
  /** One of {@link REFUSE_STORE_STATUSES}. */
  readonly status: number;
  /** The plain-text body. */
  readonly text: string;
}

/** Texts the real storage server gives with each status on a `store` (storage-server.md §5, §6.2). */
const REFUSAL_TEXT: Readonly<Record<number, string>> = {
  400: "invalid request: store refused",
  401: "store signature verification failed",
  403: "Provided expiry/TTL is not valid.",
  406: "Timestamp error: check your clock",
  500: "request failed",
  503: "Service node is not ready: devnet fault injection (refusing to store)\n",
};

/**
 * A validated refusal: `status` (default 500) and `text` (default: the server's text for it).
 *
 * @example
 * ```ts
 * import { storeRefusal } from "./refuse_store.ts";
 *
 * storeRefusal(); // { status: 500, text: "request failed" }
 * storeRefusal(400, "disk full"); // { status: 400, text: "disk full" }
 * storeRefusal(404); // throws ValidationError naming refuseStore
 * ```
 */
export function storeRefusal(
  status: number = DEFAULT_REFUSE_STORE_STATUS,
  text?: string,
): StoreRefusal {
  return checkRefusal({ status, text: text ?? REFUSAL_TEXT[status] ?? "request failed" });
}

/**
 * Validates a refusal (from JSON or the API), naming the field that is wrong.
 *
 * @example
 * ```ts
 * import { checkRefusal } from "./refuse_store.ts";
 *
 * checkRefusal({ status: 503, text: "busy" }); // { status: 503, text: "busy" }
 * checkRefusal({ status: 421, text: "" }); // throws: 421 is a swarm move, not a refusal
 * ```
 */
export function checkRefusal(refusal: StoreRefusal): StoreRefusal {
  if (!REFUSE_STORE_STATUSES.includes(refusal.status)) {
    throw new ValidationError(
      `a store refusal status must be one of ${REFUSE_STORE_STATUSES.join(", ")}, got ` +
        `${refusal.status}`,
      "bad_fault",
      "refuseStore",
    );
  }
  if (typeof refusal.text !== "string" || refusal.text.length > 1000) {
    throw new ValidationError(
      "a store refusal text must be a string of at most 1000 characters",
      "bad_fault",
      "refuseStoreText",
    );
  }
  return Object.freeze({ status: refusal.status, text: refusal.text });
}
