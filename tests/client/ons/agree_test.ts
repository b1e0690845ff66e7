/** The agreement rule on its own, with injected answers and decryption. */
import assert from "node:assert/strict";
import { CryptoError, NetworkError, ValidationError } from "../../../src/core/errors.ts";
import { agreeOnsAnswers } from "../../../src/client/ons/agree.ts";
import { type OnsAnswer, readOnsAnswer } from "../../../src/client/ons/answer.ts";
import { resolveOnsName } from "../../../src/client/ons/mod.ts";
import { hasCode } from "../_helpers.ts";

const ID_A = "05" + "aa".repeat(32);
const ID_B = "05" + "bb".repeat(32);
const record = (value: string, nonce = "00"): OnsAnswer => ({
  kind: "record",
  encryptedValue: value,
  nonce,
});
/** A fake decryption: "a…" opens to ID_A, "b…" to ID_B, anything else fails. */
function fakeDecrypt() {
  const calls: string[] = [];
  const decrypt = (_name: string, value: string) => {
    calls.push(value);
    if (value.startsWith("a")) return Promise.resolve(ID_A);
    if (value.startsWith("b")) return Promise.resolve(ID_B);
    return Promise.reject(new CryptoError("does not open", "decrypt_failed"));
  };
  return { calls, decrypt };
}

Deno.test("agreement: same ID from every node, identical records decrypted once", async () => {
  const { calls, decrypt } = fakeDecrypt();
  const answers = [record("a1"), record("a1"), record("a2", "01")];
  assert.equal(await agreeOnsAnswers("x", answers, decrypt), ID_A);
  assert.deepEqual(calls, ["a1", "a2"]);
});

Deno.test("agreement: different IDs, found vs not found, bad answers disagree", async () => {
  const { decrypt } = fakeDecrypt();
  const none: OnsAnswer = { kind: "none" };
  const bad: OnsAnswer = { kind: "bad", reason: "junk" };
  for (
    const answers of [
      [record("a"), record("a"), record("b")],
      [record("a"), none, record("a")],
      [none, none, bad],
      [record("a"), record("zz"), record("a")],
    ]
  ) {
    await assert.rejects(
      agreeOnsAnswers("x", answers, decrypt),
      hasCode("ons_disagreement", CryptoError),
    );
  }
});

Deno.test("agreement: all not found, all undecryptable, all malformed", async () => {
  const { decrypt } = fakeDecrypt();
  const none: OnsAnswer = { kind: "none" };
  await assert.rejects(
    agreeOnsAnswers("x", [none, none, none], decrypt),
    hasCode("name_not_found", ValidationError),
  );
  await assert.rejects(
    agreeOnsAnswers("x", [record("z"), record("z"), record("z")], decrypt),
    hasCode("decrypt_failed", CryptoError),
  );
  const bad: OnsAnswer = { kind: "bad", reason: "junk" };
  await assert.rejects(
    agreeOnsAnswers("x", [bad, bad, bad], decrypt),
    hasCode("invalid_record", CryptoError),
  );
  // An untyped throw from the decryption becomes a CryptoError.
  const throwing = () => Promise.reject(new TypeError("boom"));
  await assert.rejects(
    agreeOnsAnswers("x", [record("a")], throwing),
    hasCode("decrypt_failed", CryptoError),
  );
});

Deno.test("reading node answers", () => {
  assert.deepEqual(readOnsAnswer({ result: {} }), { kind: "none" });
  assert.deepEqual(readOnsAnswer({ result: { encrypted_value: "" } }), { kind: "none" });
  assert.deepEqual(
    readOnsAnswer({ result: { encrypted_value: "ab", nonce: "cd" } }),
    record("ab", "cd"),
  );
  assert.deepEqual(readOnsAnswer({ result: { encrypted_value: "ab" } }), {
    kind: "record",
    encryptedValue: "ab",
  });
  assert.equal(readOnsAnswer("nope").kind, "bad");
  assert.equal(readOnsAnswer({ result: { encrypted_value: 5 } }).kind, "bad");
  assert.equal(readOnsAnswer({ result: { encrypted_value: "ab", nonce: 1 } }).kind, "bad");
});

Deno.test("resolution with injected nodes: retries elsewhere, gives up typed", async () => {
  const nodes = [1, 2, 3, 4].map((i) => ({
    ed25519: `${i}`.repeat(64),
    x25519: "",
    ip: "",
    port: i,
  }));
  const body = { result: { encrypted_value: "a", nonce: "00" } };
  let calls = 0;
  const flaky = {
    nodes: () => nodes,
    rpc: () => ++calls === 2 ? Promise.reject(new Error("socket")) : Promise.resolve(body),
  };
  const { decrypt } = fakeDecrypt();
  assert.equal(await resolveOnsName(flaky, "alice", { decrypt, random: () => 0.5 }), ID_A);
  assert.equal(calls, 4);
  const down = { nodes: () => nodes, rpc: () => Promise.reject(new NetworkError("down", "x")) };
  await assert.rejects(resolveOnsName(down, "alice"), hasCode("ons_unavailable", NetworkError));
  await assert.rejects(
    resolveOnsName(flaky, "alice", { confirmations: 0 }),
    hasCode("bad_option", ValidationError),
  );
});
