/**
 * The `to` of `POST /v1/messages`: a 05 Session ID, or an ONS name resolved through the client.
 * Other kinds of IDs, near-miss Session IDs and unknown names are refused naming `to`.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { badRequest } from "./errors.ts";
import type { ApiClient } from "./options.ts";

/**
 * The Session ID to send to.
 *
 * @example
 * ```ts
 * declare const client: ApiClient;
 * const id = await recipientOf(client, "alice"); // "05…" (ONS)
 * ```
 */
export async function recipientOf(client: ApiClient, to: string): Promise<string> {
  const text = to.trim().toLowerCase();
  if (/^05[0-9a-f]{64}$/.test(text)) return text;
  if (/^[0-9a-f]{66}$/.test(text)) {
    refuse(
      `${text.slice(0, 2)}… is not an account Session ID: messages go to 05… IDs (blinded 15/25 ` +
        "and group 03 IDs cannot be written to directly)",
    );
  }
  if (/^05[0-9a-f]*$/.test(text) && text.length > 40) {
    refuse(`a Session ID has 66 hex characters; this one has ${text.length}`);
  }
  try {
    return await client.resolve(to.trim());
  } catch (error) {
    if (error instanceof ValidationError) refuse(error.message, error.code);
    throw error;
  }
}

function refuse(message: string, code = "invalid_recipient"): never {
  throw badRequest(`to: ${message}`, [{ path: "to", message }], code);
}
