/**
 * Agreement of the nodes asked about a name (desktop `onsResolve.ts`): every answer must give
 * the same outcome, else the lookup fails with `ons_disagreement` (a node lies or is broken).
 *
 * @module
 */
import { CryptoError, SessionBotError, ValidationError } from "../../core/errors.ts";
import { decryptOnsRecord } from "../../crypto/ons/mod.ts";
import type { OnsAnswer } from "./answer.ts";

/** Decrypts a record (default `decryptOnsRecord`; tests inject one). */
export type OnsDecrypt = (name: string, encryptedValue: string, nonce?: string) => Promise<string>;

type Outcome = { key: string; id?: string; error?: SessionBotError };

/**
 * The Session ID all `answers` agree on. Identical records are decrypted once (a legacy record
 * costs an Argon2id run).
 *
 * @throws {ValidationError} `name_not_found` when every node says the name is not registered.
 * @throws {CryptoError} `ons_disagreement` when the answers differ; the decryption error when
 *   they agree on a record that does not open (`decrypt_failed`, `invalid_record`).
 *
 * @example
 * ```ts
 * await agreeOnsAnswers("alice", [answer, answer, answer]); // "05…"
 * ```
 */
export async function agreeOnsAnswers(
  name: string,
  answers: readonly OnsAnswer[],
  decrypt: OnsDecrypt = decryptOnsRecord,
): Promise<string> {
  const records = new Map<string, Outcome>();
  const outcomes: Outcome[] = [];
  for (const answer of answers) {
    if (answer.kind === "none") outcomes.push({ key: "none" });
    else if (answer.kind === "bad") outcomes.push({ key: `bad:${answer.reason}` });
    else {
      const key = `${answer.encryptedValue}|${answer.nonce ?? ""}`;
      if (!records.has(key)) records.set(key, await open(decrypt, name, answer));
      outcomes.push(records.get(key)!);
    }
  }
  const first = outcomes[0];
  if (first === undefined || outcomes.some((o) => o.key !== first.key)) throw disagreement(name);
  if (first.id !== undefined) return first.id;
  if (first.error) throw first.error;
  if (first.key === "none") {
    throw new ValidationError(
      `no Session ID is registered under the name "${name}": check the spelling`,
      "name_not_found",
      "name",
    );
  }
  throw new CryptoError(`every node sent a malformed answer for "${name}"`, "invalid_record");
}

async function open(decrypt: OnsDecrypt, name: string, answer: OnsAnswer & { kind: "record" }) {
  try {
    const id = await decrypt(name, answer.encryptedValue, answer.nonce);
    return { key: `id:${id}`, id };
  } catch (cause) {
    const error = cause instanceof SessionBotError
      ? cause
      : new CryptoError(`ONS record for "${name}" does not decrypt`, "decrypt_failed", { cause });
    return { key: `error:${error.code}:${answer.encryptedValue}`, error };
  }
}

function disagreement(name: string): CryptoError {
  return new CryptoError(
    `the service nodes asked about "${name}" do not agree on its Session ID: one of them is ` +
      "broken or lying; try again later, or ask the person for their Session ID",
    "ons_disagreement",
  );
}
