/** The authenticator against the published SOGS signing vectors (extended.md §7.1). */
import assert from "node:assert/strict";
import { fromHex, utf8 } from "../../../src/core/bytes.ts";
import { createAuthenticator } from "../../../src/devnet/community/auth.ts";
import { SogsHttpError } from "../../../src/devnet/community/errors.ts";

const SERVER = "c3b3c6f32f0ab5a57f853cc4f30f5da7fda5624b0c77b3fb0829de562ada081d";
const NONCE = "CdB5nyKVmQGCw6s0Bvv8Ww==";
const TIMESTAMP = "1642472103";
const BLINDED = "1598932d4bccbe595a8789d7eb1629cefc483a0eaddc7e20e8fe5c771efafd9af5";
const UNBLINDED = "00bac6e71efd7dfa4a83c98ed24f254ab2c267f9ccdb172a5280a0444ad24e89cc";

const cases = [
  [
    BLINDED,
    "",
    "gYqpWZX6fnF4Gb2xQM3xaXs0WIYEI49+B8q4mUUEg8Rw0ObaHUWfoWjMHMArAtP9QlORfiydsKWz1o6zdPVeCQ==",
  ],
  [
    BLINDED,
    "hello 🎂",
    "hZCg5pEoy9t98umaY6fNarzcLP5UKUF8chz5mIjwwrRIQLy1kinRoYcNPdFOpJu8heA0val4viymXRTp1DGeBg==",
  ],
  [
    BLINDED,
    "",
    "kXxMbg6+492jeI+D61s9636ixYctn/qnhknhUhQTt54UR3eP9vslcc3iESdBCyikpqYyyfEOp0z+hjuvXGWyCQ==",
  ],
  [
    UNBLINDED,
    "",
    "xxLpXHbomAJMB9AtGMyqvBsXrdd2040y+Ol/IKzElWfKJa3EYZRv1GLO6CTLhrDFUwVQe8PPltyGs54Kd7O5Cg==",
  ],
  [
    UNBLINDED,
    "hello 🎂",
    "uumZNee7NUb0lVufegjzgjjnj4pe3kAe6OYw7iVTJrcxxxdIxUCgt5/xliBWqPlgY6ReUZRAuptNa4nprv7nCA==",
  ],
] as const;

function authenticator() {
  return createAuthenticator({
    serverPubkey: fromHex(SERVER),
    requireBlind: false,
    now: () => Number(TIMESTAMP) * 1000 + 60_000,
    isBanned: () => false,
  });
}

function parts(pubkey: string, body: string, signature: string) {
  return {
    method: "GET",
    path: "/room/the-best-room/messages/recent",
    query: "limit=25",
    body: utf8(body),
    headers: new Headers({
      "X-SOGS-Pubkey": pubkey,
      "X-SOGS-Nonce": NONCE,
      "X-SOGS-Timestamp": TIMESTAMP,
      "X-SOGS-Signature": signature,
    }),
  };
}

Deno.test("the vector signatures verify (blinded, unblinded, with body, libsession nonce)", () => {
  for (const [pubkey, body, signature] of cases) {
    const user = authenticator()(parts(pubkey, body, signature));
    assert.equal(user?.blinded, pubkey === BLINDED);
    assert.equal(
      user?.id,
      pubkey === BLINDED
        ? BLINDED
        : "0588672ccb97f40bb57238989226cf429b575ba355443f47bc76c5ab144a96c65b",
    );
  }
});

Deno.test("a vector signature over another body or query is refused with 401", () => {
  const [pubkey, , signature] = cases[0];
  for (
    const changed of [parts(pubkey, "x", signature), {
      ...parts(pubkey, "", signature),
      query: "limit=26",
    }]
  ) {
    assert.throws(
      () => authenticator()(changed),
      (e) => e instanceof SogsHttpError && e.status === 401,
    );
  }
});
