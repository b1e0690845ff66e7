import assert from "node:assert/strict";
import { NetworkError, OnionError } from "../../../src/core/errors.ts";
import { surelyUndelivered } from "../../../src/client/network/mod.ts";

Deno.test("surelyUndelivered: only failures before the server could see the request", () => {
  const onion = (code: string, hop?: number) => new OnionError(code, { code, hop });
  for (const sure of ["no_guard", "no_path", "next_node_not_found", "clock_out_of_sync"]) {
    assert.ok(surelyUndelivered(onion(sure)), sure);
  }
  assert.ok(surelyUndelivered(onion("unreachable", 0)), "the guard refused the connection");
  for (const open of ["timeout", "undecryptable", "path_failed", "bad_reply"]) {
    assert.ok(!surelyUndelivered(onion(open)), open);
  }
  assert.ok(!surelyUndelivered(onion("unreachable")), "reset somewhere: may have arrived");
  assert.ok(!surelyUndelivered(new NetworkError("timeout", "timeout")));
  assert.ok(!surelyUndelivered(new Error("other")));
});
