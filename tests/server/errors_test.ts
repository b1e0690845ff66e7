import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  CryptoError,
  NetworkError,
  OnionError,
  SessionBotError,
  SwarmError,
  ValidationError,
} from "../../src/core/errors.ts";
import { errorResponse } from "../../src/server/errors.ts";

Deno.test("errors: library errors map to JSON answers with a status that says whose fault", async () => {
  const cases: [Error, number, string][] = [
    [new ValidationError("bad quote", "invalid_ref", "quote"), 400, "bad_request"],
    [new ValidationError("no such thing", "not_found", "id"), 404, "not_found"],
    [new NetworkError("connection refused", "unreachable"), 503, "network_unavailable"],
    [new SwarmError("node said 500", 500), 502, "upstream_failed"],
    [new OnionError("hop 1 failed", { hop: 1 }), 502, "upstream_failed"],
    [new CryptoError("MAC mismatch", "bad_mac"), 502, "upstream_failed"],
    [new SessionBotError("the client is stopped", "stopped"), 503, "unavailable"],
    [new Error("secret internals: token=abc"), 500, "internal"],
  ];
  for (const [error, status, code] of cases) {
    const app = new Hono();
    app.get("/", () => {
      throw error;
    });
    app.onError((e, c) => errorResponse(c, e));
    const response = await app.request("/");
    assert.equal(response.status, status, error.message);
    const body = await response.json();
    assert.equal(body.error, code);
    assert.equal(JSON.stringify(body).includes("token=abc"), false, "no internals leak");
    if (status === 400) assert.deepEqual(body.issues, [{ path: "quote", message: "bad quote" }]);
  }
});
