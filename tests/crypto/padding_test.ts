import assert from "node:assert/strict";
import { fromHex, toHex } from "../../src/core/bytes.ts";
import { padMessage, unpadMessage } from "../../src/crypto/padding.ts";
import { vectors } from "../vectors.ts";

const SCHEMES = { session_legacy_160_minus_1: "legacy", libsession_multiple_of_160: "libsession" };

for (const v of vectors("padding.json", "pad")) {
  Deno.test(`pad ${v.id}`, () => {
    const scheme = SCHEMES[v.scheme as keyof typeof SCHEMES];
    assert.ok(scheme, `unknown scheme ${v.scheme}`);
    const padded = padMessage(fromHex(v.plaintext_hex), scheme as "legacy" | "libsession");
    assert.equal(toHex(padded), v.padded_hex);
    assert.equal(toHex(unpadMessage(padded)), v.plaintext_hex);
  });
}

for (const v of vectors("padding.json", "unpad")) {
  Deno.test(`unpad ${v.id}`, () => {
    assert.equal(toHex(unpadMessage(fromHex(v.padded_hex))), v.expected_plaintext_hex);
  });
}

Deno.test("unpad: input without a marker is returned unchanged, all zeros too", () => {
  assert.deepEqual(unpadMessage(new Uint8Array([1, 2, 3])), new Uint8Array([1, 2, 3]));
  assert.deepEqual(unpadMessage(new Uint8Array(4)), new Uint8Array(4));
  assert.deepEqual(unpadMessage(new Uint8Array(0)), new Uint8Array(0));
});

Deno.test("pad: lengths of both schemes at block edges", () => {
  for (
    const [len, legacy, libsession] of [[0, 159, 160], [158, 159, 160], [159, 319, 320], [
      160,
      319,
      320,
    ]]
  ) {
    assert.equal(padMessage(new Uint8Array(len), "legacy").length, legacy);
    assert.equal(padMessage(new Uint8Array(len), "libsession").length, libsession);
  }
  // deno-lint-ignore no-explicit-any
  assert.throws(() => padMessage(new Uint8Array(1), "nope" as any), TypeError);
});
