/**
 * Guard selection (core §6.1): the first hop of every path. Guards are kept while they stay
 * in the pool; a new candidate must first answer a direct request (desktop: `get_swarm` with a
 * 10 s timeout), tried two at a time for up to 6 rounds.
 *
 * @module
 */
import { type Random, shuffled } from "./_random.ts";
import type { ServiceNode } from "./service_node.ts";

/** Input of {@link chooseGuards}. */
export interface GuardChoice {
  /** The snode pool. */
  readonly pool: readonly ServiceNode[];
  /** The guards in use; kept (untested) while still in the pool. */
  readonly current: readonly ServiceNode[];
  /** How many guards to end up with (desktop: 2). */
  readonly count: number;
  /** Whether a candidate answers; must settle (it has its own timeout) and not reject. */
  test(node: ServiceNode): Promise<boolean>;
  /** Random source for the candidate order. */
  readonly random: Random;
  /** Rounds of candidates before giving up (default 6). */
  readonly rounds?: number;
  /** Stops after the current round when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Keeps the current guards still in the pool and tests random candidates to fill up to
 * `count`. Returns fewer when no candidate answered (possibly none); never rejects.
 *
 * @example
 * ```ts
 * const guards = await chooseGuards({ pool, current: [], count: 2, test, random: Math.random });
 * ```
 */
export async function chooseGuards(choice: GuardChoice): Promise<ServiceNode[]> {
  const inPool = new Set(choice.pool.map((n) => n.ed25519));
  const guards = choice.current.filter((g) => inPool.has(g.ed25519)).slice(0, choice.count);
  const taken = new Set(guards.map((g) => g.ed25519));
  const candidates = shuffled(choice.pool.filter((n) => !taken.has(n.ed25519)), choice.random);
  for (let round = 0; round < (choice.rounds ?? 6) && guards.length < choice.count; round++) {
    if (choice.signal?.aborted) break;
    const batch = candidates.splice(0, choice.count - guards.length);
    if (batch.length === 0) break;
    const answers = await Promise.allSettled(batch.map((node) => choice.test(node)));
    answers.forEach((answer, i) => {
      if (answer.status === "fulfilled" && answer.value) guards.push(batch[i]);
    });
  }
  return guards;
}
