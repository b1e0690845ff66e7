import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import {
  generateSecret,
  hubSignature,
  secretKey,
  signatureHeaders,
  standardSignature,
} from "../../src/webhook/mod.ts";
import { assertValidation } from "../assertions.ts";
import { specSignature, verifyHubSignature, verifyStandardWebhook } from "./_verify.ts";

// The Standard Webhooks reference libraries' own vector.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

Deno.test("sign: the known-answer vector of the Standard Webhooks libraries", async () => {
  assert.equal(standardSignature(VECTOR), VECTOR.signature);
  // the independent WebCrypto implementation agrees on the same vector
  assert.equal(
    await specSignature(VECTOR.secret, VECTOR.id, String(VECTOR.timestamp), VECTOR.body),
    VECTOR.signature,
  );
});

Deno.test("sign: X-Hub-Signature-256 is HMAC-SHA256 of the body keyed by the secret's UTF-8", async () => {
  // Known answer computed with `printf '%s' '{"test": 2432232314}' | openssl dgst -sha256
  // -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'`.
  const expected = "sha256=80ec8a89ce3cd22133a1066caecb4d04fea7467657c8514d717ec42c38a5c94c";
  assert.equal("sha256=" + await hexHmac(VECTOR.secret, VECTOR.body), expected);
  assert.equal(hubSignature(VECTOR.secret, VECTOR.body), expected);
  const headers = new Headers({ "x-hub-signature-256": expected });
  await verifyHubSignature(VECTOR.secret, headers, VECTOR.body);
});

Deno.test("sign: headers verify with the independent verifier and with npm:standardwebhooks", async () => {
  const secret = generateSecret();
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ type: "message", body: "héllo ✓ 👋" });
  const headers = new Headers({
    ...signatureHeaders({ secret, id: "abc:message", timestamp, body }),
  });
  assert.deepEqual(await verifyStandardWebhook(secret, headers, body), {
    id: "abc:message",
    timestamp,
  });
  await verifyHubSignature(secret, headers, body);
  const reference = new Webhook(secret);
  assert.deepEqual(reference.verify(body, Object.fromEntries(headers)), JSON.parse(body));
  // and the checks can fail: a changed body, an old timestamp, another secret
  await assert.rejects(verifyStandardWebhook(secret, headers, body + " "), /no matching/);
  await assert.rejects(
    verifyStandardWebhook(secret, headers, body, { nowSeconds: timestamp + 301 }),
    /tolerance/,
  );
  await assert.rejects(verifyStandardWebhook(generateSecret(), headers, body), /no matching/);
  assert.throws(() => reference.verify(body + "x", Object.fromEntries(headers)));
});

Deno.test("secret: generated ones are whsec_ + 24 bytes; bad ones are named, never echoed", () => {
  const secret = generateSecret();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
  assert.equal(secretKey(secret).length, 24);
  assert.notEqual(generateSecret(), secret);
  const e = assertValidation(() => secretKey("hunter2-hunter2"), "invalid_secret", "secret");
  assert.ok(!e.message.includes("hunter2"));
  assertValidation(() => secretKey("whsec_!!!!"), "invalid_secret", "secret");
  assertValidation(() => secretKey("whsec_" + btoa("short")), "invalid_secret", "secret");
  assertValidation(() => secretKey("whsec_" + btoa("x".repeat(65))), "invalid_secret", "secret");
});

async function hexHmac(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}
