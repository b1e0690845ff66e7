/** Reaction totals → added/removed changes, with the most likely actor. */
import assert from "node:assert/strict";
import { diffReactions, reactionState } from "../../../src/client/community/raw.ts";

Deno.test("reaction states read the server's shape and drop zero counts", () => {
  const state = reactionState({
    "👍": { index: 0, count: 2, reactors: ["15aa", "15bb"], you: true },
    "😂": { index: 1, count: 0 },
    bad: null,
  });
  assert.deepEqual(state, { "👍": { count: 2, reactors: ["15aa", "15bb"] } });
  assert.deepEqual(reactionState(undefined), {});
});

Deno.test("diffs tell additions, removals and who did them", () => {
  const before = { "👍": { count: 1, reactors: ["15aa"] } };
  const after = {
    "👍": { count: 2, reactors: ["15aa", "15bb"] },
    "🎉": { count: 1, reactors: ["15cc"] },
  };
  assert.deepEqual(diffReactions(before, after), [
    { emoji: "👍", count: 2, reactors: ["15aa", "15bb"], removed: false, by: "15bb" },
    { emoji: "🎉", count: 1, reactors: ["15cc"], removed: false, by: "15cc" },
  ]);
  assert.deepEqual(diffReactions(after, before), [
    { emoji: "👍", count: 1, reactors: ["15aa"], removed: true, by: "15bb" },
    { emoji: "🎉", count: 0, reactors: [], removed: true, by: "15cc" },
  ]);
  assert.deepEqual(diffReactions(before, before), []);
});
