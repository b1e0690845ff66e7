/** Join links, server URLs and room tokens: what parses, what is refused and how. */
import assert from "node:assert/strict";
import { ValidationError } from "../../../src/core/errors.ts";
import {
  assertRoomToken,
  canonicalServer,
  joinLinkOf,
  parseJoinLink,
} from "../../../src/client/community/mod.ts";
import { hasCode } from "../_helpers.ts";

const KEY = "a03c383cf63c3c4efe67acc52112a6dd734b3a946b9545f488aaa93da7991238";

Deno.test("a standard join link parses into canonical parts", () => {
  const link = parseJoinLink(`https://Open.GetSession.org/session?public_key=${KEY.toUpperCase()}`);
  assert.deepEqual({ ...link }, {
    server: "https://open.getsession.org",
    room: "session",
    publicKey: KEY,
  });
  assert.equal(joinLinkOf(link), `https://open.getsession.org/session?public_key=${KEY}`);
});

Deno.test("ports, IPs and a missing scheme are accepted; default ports dropped", () => {
  assert.equal(
    parseJoinLink(`http://127.0.0.1:4000/lobby?public_key=${KEY}`).server,
    "http://127.0.0.1:4000",
  );
  assert.equal(
    parseJoinLink(`sogs.example.com/r_1-x?public_key=${KEY}`).server,
    "http://sogs.example.com",
  );
  assert.equal(
    parseJoinLink(`https://h.example:443/r?public_key=${KEY}`).server,
    "https://h.example",
  );
  assert.equal(canonicalServer("HTTP://Example.COM:80/"), "http://example.com");
});

Deno.test("malformed links are ValidationError bad_join_link naming the field", () => {
  const cases: [string, string][] = [
    ["", "link"],
    [`ftp://h.example/r?public_key=${KEY}`, "link"],
    [`https://h.example/?public_key=${KEY}`, "room"],
    [`https://h.example/bad room?public_key=${KEY}`, "room"],
    [`https://h.example/${"x".repeat(65)}?public_key=${KEY}`, "room"],
    [`https://h.example/a/b?public_key=${KEY}`, "room"],
    ["https://h.example/r", "publicKey"],
    ["https://h.example/r?public_key=abc", "publicKey"],
    [`https://h.example/r?public_key=${KEY}&public_key=${KEY}`, "publicKey"],
    [`https://user:pw@h.example/r?public_key=${KEY}`, "link"],
    [`https://-bad-.example/r?public_key=${KEY}`, "link"],
  ];
  for (const [link, field] of cases) {
    assert.throws(
      () => parseJoinLink(link),
      (e) => e instanceof ValidationError && e.code === "bad_join_link" && e.field === field,
      link,
    );
  }
  assert.throws(
    () => parseJoinLink(42 as unknown as string),
    hasCode("bad_join_link", ValidationError),
  );
});

Deno.test("room tokens and server URLs are checked with their own codes", () => {
  assert.equal(assertRoomToken("lobby-2_x"), "lobby-2_x");
  for (const bad of ["", "a/b", "a b", "é", "x".repeat(65), 5]) {
    assert.throws(() => assertRoomToken(bad), hasCode("bad_room_token", ValidationError));
  }
  for (const bad of ["http://h.example/path", "http://h.example?x=1", "mailto:x@y", 7]) {
    assert.throws(() => canonicalServer(bad), hasCode("bad_server_url", ValidationError));
  }
});
