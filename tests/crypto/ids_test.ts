import assert from "node:assert/strict";
import { assertValidation } from "../assertions.ts";
import { assertSessionId, IdPrefix, isSessionId, parseId } from "../../src/crypto/ids.ts";

const identity = JSON.parse(
  await Deno.readTextFile(new URL("../../../shared/vectors/identity.json", import.meta.url)),
);

const KEY = "4830367d369d94605247999a375dbd0a0f65fdec5de1535612bcb6d4de452c69";
const SESSION_ID = "05" + KEY;

/** Asserts `fn` throws an `invalid_id` ValidationError for `field`, and returns its message. */
function invalid(fn: () => unknown, field = "id"): string {
  return assertValidation(fn, "invalid_id", field).message;
}

Deno.test("parseId: every known prefix", () => {
  for (const prefix of Object.values(IdPrefix)) {
    const parsed = parseId(prefix + KEY);
    assert.equal(parsed.prefix, prefix);
    assert.equal(parsed.hex, prefix + KEY);
    assert.equal(parsed.key.length, 32);
    assert.equal(parsed.key[0], 0x48);
    assert.ok(Object.isFrozen(parsed));
  }
  assert.deepEqual(Object.values(IdPrefix).sort(), ["00", "03", "05", "07", "15", "25"]);
});

Deno.test("parseId: trims and lowercases", () => {
  const parsed = parseId(`  \n${SESSION_ID.toUpperCase()}\t `);
  assert.equal(parsed.hex, SESSION_ID);
  assert.equal(parsed.prefix, "05");
});

Deno.test("parseId: names the problem", () => {
  assert.match(invalid(() => parseId(SESSION_ID.slice(0, 65))), /66 hex characters.*got 65/);
  assert.match(invalid(() => parseId(SESSION_ID + "0")), /got 67/);
  assert.match(invalid(() => parseId("")), /got 0/);
  assert.match(invalid(() => parseId("05" + KEY.slice(0, 63) + "g")), /"g" at position 66/);
  assert.match(invalid(() => parseId("06" + KEY)), /unknown prefix "06"/);
  assert.match(invalid(() => parseId("0x" + KEY)), /non-hex character "x"/);
  invalid(() => parseId("05" + KEY.slice(0, 31) + " " + KEY.slice(32)));
  assert.match(invalid(() => parseId("zz", "recipient"), "recipient"), /^recipient /);
  assert.throws(() => parseId(5 as unknown as string), TypeError);
  assert.throws(() => parseId(undefined as unknown as string), TypeError);
});

Deno.test("isSessionId: only well-formed 05 IDs", () => {
  for (const v of identity.vectors) assert.equal(isSessionId(v.session_id), true, v.id);
  assert.equal(isSessionId(` ${SESSION_ID.toUpperCase()} `), true);
  for (const prefix of ["15", "25", "03", "00", "07"]) {
    assert.equal(isSessionId(prefix + KEY), false);
  }
  for (const bad of [SESSION_ID.slice(1), SESSION_ID + "a", "05" + "g".repeat(64), 5, null, {}]) {
    assert.equal(isSessionId(bad), false);
  }
});

Deno.test("assertSessionId: returns the normalised ID", () => {
  assert.equal(assertSessionId(` ${SESSION_ID.toUpperCase()}\n`), SESSION_ID);
});

Deno.test("assertSessionId: explains other ID kinds", () => {
  assert.match(
    invalid(() => assertSessionId("15" + KEY), "sessionId"),
    /must be a Session ID \(starting with 05\).*blinded community ID \(15\)/,
  );
  assert.match(invalid(() => assertSessionId("03" + KEY, "to"), "to"), /^to .*group ID/);
  invalid(() => assertSessionId("05"), "sessionId");
  assert.throws(() => assertSessionId(42 as unknown as string), TypeError);
});
