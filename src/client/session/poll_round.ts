/**
 * One poll round: every page after the cursor, each taken in before the next cursor is
 * stored, the next page already asked for while this one is written (a backlog drains at
 * the speed of the slower of the two). Cursors are per node (core §2.9).
 *
 * @module
 */
import { intake } from "./intake.ts";
import type { PollerDeps } from "./poller.ts";
import { loadCursor, loadState, type VersionedState } from "./state.ts";

/** Creates the rounds of one poller: `poll()` runs one, `reset()` forgets the cached state. */
export function createRounds(deps: PollerDeps) {
  const { kv, identity } = deps;
  const sid = identity.sessionId;
  let state: VersionedState | undefined;
  let fromStart = deps.history;

  function fetch(cursor: string | undefined, node: string | undefined) {
    return deps.network.retrieve(identity, {
      namespace: 0,
      lastHash: cursor,
      node,
      maxCount: deps.pageSize,
    });
  }

  async function poll(): Promise<number> {
    state ??= await loadState(kv, sid);
    const mode = state.value.baselined || deps.history ? "deliver" : "skip";
    let node = state.value.node;
    let taken = 0;
    let switches = 0;
    let cursor = fromStart ? undefined : await loadCursor(kv, sid, node);
    let next = fetch(cursor, node);
    for (let more = true; more;) {
      const page = await next;
      // Cursors are per node: another member's answer to our cursor may have skipped messages
      // it stored in another order, so keep its messages but follow its own cursor next.
      const trusted = cursor === undefined || page.node === node;
      more = page.more || (!trusted && ++switches <= 3);
      // A backlog: ask for the next page while this one is written (its cursor is known).
      const ahead = more && trusted ? fetch(page.lastHash, page.node) : undefined;
      ahead?.catch(() => {}); // awaited next turn, or dropped with this round's failure
      const result = await intake(kv, sid, state, {
        messages: page.messages,
        node: page.node,
        cursor,
        lastHash: trusted ? page.lastHash : undefined,
      }, { mode, history: deps.history, baselined: mode === "deliver" || !page.more && trusted });
      state = result.state;
      fromStart = false;
      node = page.node;
      taken += result.taken;
      if (result.taken > 0) deps.onTaken();
      if (!more) break;
      cursor = trusted ? page.lastHash : await loadCursor(kv, sid, node);
      next = ahead ?? fetch(cursor, node);
    }
    return taken;
  }

  return {
    poll,
    reset: () => void (state = undefined),
  };
}
