/**
 * `resolveOnsName`: a Session name (ONS) to the Session ID it is registered to, asking 3
 * distinct random service nodes through onion paths and requiring them to agree (desktop
 * `onsResolve.ts`, core Appendix B).
 *
 * @module
 */
import { NetworkError, SessionBotError, ValidationError } from "../../core/errors.ts";
import { isValidOnsName, onsNameHash } from "../../crypto/ons/mod.ts";
import { agreeOnsAnswers, type OnsDecrypt } from "./agree.ts";
import { type OnsAnswer, onsResolveParams, readOnsAnswer } from "./answer.ts";
import { type OnsNetwork, shuffledPool } from "./nodes.ts";

/** Options of {@link resolveOnsName}. */
export interface ResolveOnsOptions {
  /** Nodes that must agree (default 3, as desktop). */
  readonly confirmations?: number;
  /** Random source for the node choice (default `Math.random`). */
  readonly random?: () => number;
  /** Record decryption (default `decryptOnsRecord`: modern and legacy records). */
  readonly decrypt?: OnsDecrypt;
}

/**
 * Resolves `name` to a Session ID. A node that fails to answer is replaced by another one; the
 * answers of 3 distinct nodes must agree.
 *
 * @throws {ValidationError} `invalid_name` (malformed name), `name_not_found` (not registered).
 * @throws {CryptoError} `ons_disagreement` (the nodes' answers differ), `decrypt_failed`.
 * @throws {NetworkError} `not_enough_nodes`, `ons_unavailable` (too few nodes answered).
 *
 * @example
 * ```ts
 * const sessionId = await resolveOnsName(network, "alice"); // "05…"
 * ```
 */
export async function resolveOnsName(
  network: OnsNetwork,
  name: string,
  options: ResolveOnsOptions = {},
): Promise<string> {
  if (!isValidOnsName(name)) {
    throw new ValidationError(
      `${JSON.stringify(name)?.slice(0, 80)} is not a valid Session name: use letters, digits, ` +
        "_ and - (not first or last)",
      "invalid_name",
      "name",
    );
  }
  const count = options.confirmations ?? 3;
  if (!Number.isInteger(count) || count < 1) {
    throw new ValidationError(
      "confirmations must be a positive integer",
      "bad_option",
      "confirmations",
    );
  }
  const params = onsResolveParams(onsNameHash(name));
  const candidates = await shuffledPool(network, count, options.random ?? Math.random);
  const errors: SessionBotError[] = [];

  async function ask(): Promise<OnsAnswer> {
    for (let node = candidates.shift(); node; node = candidates.shift()) {
      try {
        return readOnsAnswer(await network.rpc(node, "oxend_request", params));
      } catch (error) {
        errors.push(
          error instanceof SessionBotError
            ? error
            : new NetworkError(String(error), "rpc_failed", { cause: error }),
        );
      }
    }
    throw new NetworkError(
      `could not get ${count} service nodes to answer about "${name}" (last error: ` +
        `${errors.at(-1)?.message ?? "none"}); retry later`,
      "ons_unavailable",
      { cause: errors.at(-1) },
    );
  }

  const answers = await Promise.all(Array.from({ length: count }, ask));
  return await agreeOnsAnswers(name, answers, options.decrypt);
}
