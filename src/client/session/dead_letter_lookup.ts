/**
 * Finding the dead letter a caller means, by the letter or its id, with the typed refusals
 * `redeliver` and `resend` share.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { DeadLetter } from "./dead_letters.ts";
import { keys } from "./keys.ts";

/** What `redeliver`/`resend` take: a letter from `deadLetters()`, or its `id`. */
export type DeadLetterRef = DeadLetter | string;

/**
 * Reads the dead letter `ref` names in `box`, with its versionstamp (to remove it only if it is
 * unchanged); throws `ValidationError` `invalid_letter` or `not_found`.
 *
 * @example
 * ```ts
 * const { value } = await readDeadLetter(kv, sid, "in", letters[0]);
 * ```
 */
export async function readDeadLetter(
  kv: Deno.Kv,
  sid: string,
  box: "in" | "out",
  ref: DeadLetterRef,
): Promise<{ value: DeadLetter; versionstamp: string }> {
  const id = idOf(box, ref);
  const entry = await kv.get<DeadLetter>(keys.dead(sid, box, id));
  if (entry.value === null || entry.versionstamp === null) {
    throw new ValidationError(
      `no ${box === "in" ? "incoming" : "outgoing"} dead letter ${id}: it was already ` +
        `${box === "in" ? "redelivered" : "resent"}, or expired; see client.deadLetters()`,
      "not_found",
      "letter",
    );
  }
  return { value: entry.value, versionstamp: entry.versionstamp };
}

function idOf(box: "in" | "out", ref: DeadLetterRef): string {
  const use = box === "in" ? "redeliver" : "resend";
  if (typeof ref === "object" && ref !== null) {
    if (ref.box !== box) {
      throw new ValidationError(
        `this is an ${ref.box === "in" ? "incoming" : "outgoing"} dead letter: use ` +
          `${ref.box === "in" ? "redeliver" : "resend"}() for it, not ${use}()`,
        "wrong_box",
        "letter",
      );
    }
    ref = ref.id;
  }
  if (typeof ref !== "string" || ref === "" || ref.length > 2000) {
    throw new ValidationError(
      `${use}() takes a dead letter from client.deadLetters() or its non-empty string id`,
      "invalid_letter",
      "letter",
    );
  }
  return ref;
}
