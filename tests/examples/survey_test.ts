import assert from "node:assert/strict";
import { survey, surveyResults } from "../../examples/survey.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";

Deno.test("examples/survey.ts: asks, re-asks a bad rating, stores the answers once", async () => {
  await using net = await createTestNetwork();
  const bot = await net.createBot(survey);
  const alice = await net.createUser("alice");
  const ask = async (text: string) => (await alice.send(text), (await alice.nextMessage()).body);

  assert.equal(await ask("/results"), "No answers yet: be the first with /survey.");
  assert.equal(await ask("/survey"), "What's your name?");
  assert.equal(await ask("Alice"), "Hi Alice! How do you like Session, from 1 to 5?");
  assert.equal(await ask("great"), "Please answer with a number from 1 to 5.");
  assert.equal(await ask("5"), "Anything to add? (send - to skip)");
  assert.equal(await ask("Love the onion routing"), "Thanks, Alice! You rated Session 5/5.");
  // The reply is sent from inside the handler; its KV effects commit when the handler returns.
  const results = await waitFor(async () => {
    const stored = await surveyResults(bot);
    return stored.length > 0 && stored;
  }, { what: "the stored answers" });
  assert.deepEqual(results, [{
    name: "Alice",
    rating: 5,
    comment: "Love the onion routing",
  }]);
  assert.equal(await ask("/results"), "1 answer(s), average rating 5.0/5.");
});

Deno.test("examples/survey.ts: /cancel ends the survey without storing anything", async () => {
  await using net = await createTestNetwork();
  const bot = await net.createBot(survey);
  const bob = await net.createUser("bob");
  const ask = async (text: string) => (await bob.send(text), (await bob.nextMessage()).body);
  assert.equal(await ask("/survey"), "What's your name?");
  assert.equal(await ask("/cancel"), "Cancelled.");
  assert.deepEqual(await surveyResults(bot), []);
});
