/** `profileFields`: the DataMessage profile and profileKey, through the real 1:1 codec. */
import assert from "node:assert/strict";
import { ValidationError } from "../../../src/core/errors.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import { decodeDirectMessage, encodeDirectMessage } from "../../../src/client/codec/mod.ts";
import { MAX_DISPLAY_NAME_BYTES, profileFields } from "../../../src/client/profile/mod.ts";
import { hasCode } from "../_helpers.ts";

const url = "http://filev2.getsession.org/file/abc";
const profileKey = new Uint8Array(32).fill(5);

Deno.test("profile fields: name only, name and avatar, last update", () => {
  assert.deepEqual(profileFields("Bot"), { profile: { displayName: "Bot" } });
  const fields = profileFields("Bot", { url, profileKey }, { updatedAtSeconds: 1_700_000_000 });
  assert.deepEqual(fields, {
    profile: { displayName: "Bot", profilePicture: url, lastProfileUpdateSeconds: 1_700_000_000 },
    profileKey,
  });
  assert.notEqual(fields.profileKey, profileKey, "a copy, not the caller's array");
});

Deno.test("profile fields survive the 1:1 codec", () => {
  const alice = Identity.generate();
  const bob = Identity.generate();
  const dataMessage = { body: "hi", ...profileFields("Alice 🦊", { url, profileKey }) };
  const wire = encodeDirectMessage(alice, bob.sessionId, { dataMessage });
  const decoded = decodeDirectMessage(bob, wire.data).content.dataMessage;
  assert.deepEqual(decoded?.profile, { displayName: "Alice 🦊", profilePicture: url });
  assert.deepEqual(decoded?.profileKey, profileKey);
});

Deno.test("profile fields: bad names, URLs, keys and times are ValidationErrors", () => {
  const code = (c: string) => hasCode(c, ValidationError);
  assert.throws(() => profileFields(""), code("invalid_display_name"));
  assert.throws(() => profileFields("   "), code("invalid_display_name"));
  assert.throws(() => profileFields("é".repeat(51)), code("invalid_display_name")); // 102 bytes
  assert.doesNotThrow(() => profileFields("x".repeat(MAX_DISPLAY_NAME_BYTES)));
  assert.throws(() => profileFields("Bot", { url: "nope", profileKey }), code("bad_file_url"));
  assert.throws(
    () => profileFields("Bot", { url, profileKey: new Uint8Array(31) }),
    code("invalid_key"),
  );
  assert.throws(
    () => profileFields("Bot", undefined, { updatedAtSeconds: 1.5 }),
    code("invalid_time"),
  );
});
