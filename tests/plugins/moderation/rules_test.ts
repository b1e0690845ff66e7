/** The moderation plugin's rules on their own: words, links, flood windows, strikes, exemptions. */
import assert from "node:assert/strict";
import {
  createExemptCheck,
  createFloodGuard,
  createLinkFilter,
  createRuleSet,
  createStrikes,
  createWordFilter,
} from "../../../src/plugins/moderation/mod.ts";
import { blind15Ids, Identity } from "../../../src/crypto/mod.ts";
import { assertValidation } from "../../assertions.ts";

Deno.test("words: whole words, any case, width forms, phrases, wildcard endings, RegExps", () => {
  const banned = createWordFilter(["spam*", "buy now", "darn", /free\s+money/i]);
  assert.equal(banned("Great SPAMMERS here"), "spam*");
  assert.equal(banned("spam"), "spam*");
  assert.equal(banned("please buy \n  now!"), "buy now");
  assert.equal(banned("ＤＡＲＮ it"), "darn"); // fullwidth letters fold under NFKC
  assert.equal(banned("get FREE   money"), "/free\\s+money/i");
  assert.equal(banned("antispam tools"), undefined); // inside a word
  assert.equal(banned("darnation"), undefined); // no wildcard: whole word only
  assert.equal(banned("Ich kaufe nichts, darnüber"), undefined); // letters of any script glue
  assert.equal(banned(""), undefined);
  // A global RegExp does not carry lastIndex from one text to the next.
  const g = createWordFilter([/bad/g]);
  assert.equal(g("bad"), "/bad/g");
  assert.equal(g("bad"), "/bad/g");
});

Deno.test("words: a bad entry is named", () => {
  assertValidation(() => createWordFilter(["ok", "  "]), "invalid_word", "words.1");
  assertValidation(() => createWordFilter(["a*b"]), "invalid_word", "words.0");
  assertValidation(() => createWordFilter([42 as unknown as string]), "invalid_word", "words.0");
});

Deno.test("links: schemes, www., bare domains with common TLDs; allowed domains and subdomains pass", () => {
  const blocked = createLinkFilter(["getsession.org"]);
  assert.equal(blocked("see https://docs.getsession.org/x"), undefined);
  assert.equal(blocked("getsession.org is home"), undefined);
  assert.equal(blocked("free stuff at scam.xyz/win"), "scam.xyz");
  assert.equal(blocked("HTTP://User@Evil.Example:8080/path"), "evil.example");
  assert.equal(blocked("visit www.shop.io."), "www.shop.io");
  assert.equal(blocked("getsession.org.evil.com"), "getsession.org.evil.com");
  assert.equal(blocked("ftp://files.local/x"), "files.local");
  for (const harmless of ["version 1.2.3", "node.js rocks", "e.g. this", "mail me later", ""]) {
    assert.equal(blocked(harmless), undefined, harmless);
  }
  assertValidation(
    () => createLinkFilter(["ok.org", "not a domain"]),
    "invalid_domain",
    "allowDomains.1",
  );
});

Deno.test("flood: a sliding window per key; redelivered posts count once; idle keys are swept", () => {
  const guard = createFloodGuard(3, 10_000);
  const hits = [0, 1_000, 2_000, 3_000].map((at, i) => guard.hit("room\nalice", String(i), at));
  assert.deepEqual(hits.map((h) => h.over), [false, false, false, true]);
  assert.equal(guard.hit("room\nalice", "3", 3_000).count, 4); // the same post again: still 4
  assert.equal(guard.hit("room\nbob", "b1", 3_500).over, false); // others are not held up
  // Posts 0 and 1 left the window: 2, 3 and this one remain.
  assert.deepEqual(guard.hit("room\nalice", "4", 11_500), { count: 3, over: false });
  guard.hit("room\ncarol", "c1", 40_000);
  assert.equal(guard.size, 1); // alice and bob were idle for a window: forgotten
});

Deno.test("strikes: warnings, then a mute, then (after enough mutes) a ban; strikes expire", () => {
  const strikes = createStrikes({ warnings: 2, banAfterMutes: 2, ttlMs: 1_000 });
  const actions = [0, 1, 2, 3, 4, 5].map((t) => strikes.record("a", t).action);
  assert.deepEqual(actions, ["warn", "warn", "mute", "warn", "warn", "ban"]);
  const lenient = createStrikes({ warnings: 1, banAfterMutes: 0, ttlMs: 1_000 });
  assert.deepEqual(lenient.record("b", 0), { action: "warn", strikes: 1, warningsLeft: 0 });
  assert.equal(lenient.record("b", 5_000).action, "warn"); // the first strike expired
  assert.deepEqual(lenient.record("b", 5_001), { action: "mute", mutes: 1 });
  lenient.forgive("b");
  assert.equal(lenient.record("b", 5_002).action, "warn");
  const strict = createStrikes({ warnings: 0, banAfterMutes: 0, ttlMs: 1_000 });
  assert.equal(strict.record("c", 0).action, "mute");
});

Deno.test("rule set: the first broken rule wins; edits are checked but not counted as flood", () => {
  const rules = createRuleSet({
    words: ["spam"],
    links: "block",
    allowDomains: [],
    flood: { limit: 2, windowMs: 10_000 },
  });
  const post = (postId: string, text: string, edited = false) =>
    rules.check({ key: "alice", postId, at: Number(postId), text, edited });
  assert.deepEqual(post("1", "spam at x.com"), { rule: "word", reason: "a banned word" });
  assert.deepEqual(post("2", "x.com"), { rule: "link", reason: "a link to x.com" });
  assert.equal(post("3", "hi"), undefined);
  assert.equal(post("4", "hi again"), undefined);
  assert.equal(post("4", "edited twice", true), undefined);
  assert.deepEqual(post("5", "third"), {
    rule: "flood",
    reason: "posting too fast (3 posts in 10 s)",
  });
});

Deno.test("exempt: Session IDs match their blinded IDs either sign; blinded IDs by abs", () => {
  const server = "7f".repeat(32);
  const admin = Identity.fromSeed("01".repeat(32)).sessionId;
  const other = Identity.fromSeed("02".repeat(32)).sessionId;
  const [plus, minus] = blind15Ids(admin, server);
  const isExempt = createExemptCheck([admin, blind15Ids(other, server)[0]]);
  assert.equal(isExempt(plus, server), true);
  assert.equal(isExempt(minus, server), true);
  assert.equal(isExempt(blind15Ids(other, server)[1], server), true);
  assert.equal(
    isExempt(blind15Ids(Identity.fromSeed("03".repeat(32)).sessionId, server)[0], server),
    false,
  );
  assert.equal(isExempt("15zz", server), false); // malformed: nobody's
  assert.equal(createExemptCheck([])(plus, server), false);
});
