import assert from "node:assert/strict";
import { NetworkError, OnionError } from "../../../src/core/errors.ts";
import { CommunityError } from "../../../src/client/community/errors.ts";
import { outcomeUnknown, sendOnce } from "../../../src/client/community/once.ts";

const lost = () => new OnionError("no answer in time", { code: "timeout" });

Deno.test("sendOnce: an unknown outcome is looked up; found means sent, not sent again", async () => {
  let sends = 0;
  let finds = 0;
  const result = await sendOnce({
    what: "post",
    send: () => (++sends, Promise.reject(lost())),
    find: () => (++finds, Promise.resolve({ id: 7 })),
    pauseMs: 0,
  });
  assert.deepEqual(result, { id: 7 });
  assert.equal(sends, 1);
  assert.equal(finds, 1);
});

Deno.test("sendOnce: not found is sent again, up to the attempts, then the last error", async () => {
  let sends = 0;
  await assert.rejects(
    sendOnce({
      what: "post",
      send: () => (++sends, Promise.reject(lost())),
      find: () => Promise.resolve(undefined),
      pauseMs: 0,
      attempts: 3,
    }),
    (e) => e instanceof OnionError && e.code === "timeout",
  );
  assert.equal(sends, 3);
  let tries = 0;
  const ok = await sendOnce({
    what: "post",
    send: () => ++tries === 1 ? Promise.reject(lost()) : Promise.resolve("sent"),
    find: () => Promise.resolve(undefined),
    pauseMs: 0,
  });
  assert.equal(ok, "sent");
});

Deno.test("sendOnce: a server's refusal is thrown at once; a failed look-up says the outcome is open", async () => {
  let sends = 0;
  const refused = new CommunityError("banned", 403, "forbidden");
  await assert.rejects(
    sendOnce({
      what: "post",
      send: () => (++sends, Promise.reject(refused)),
      find: () => Promise.resolve(undefined),
      pauseMs: 0,
    }),
    (e) => e === refused,
  );
  assert.equal(sends, 1);
  await assert.rejects(
    sendOnce({
      what: "post to lobby",
      send: () => Promise.reject(lost()),
      find: () => Promise.reject(new NetworkError("unreachable", "unreachable")),
      pauseMs: 0,
    }),
    (e) =>
      e instanceof NetworkError && e.code === "outcome_unknown" &&
      /post to lobby .*may or may not have been stored/.test(e.message),
  );
});

Deno.test("outcomeUnknown: onion and network failures and 504; not refusals or a closing client", () => {
  assert.ok(outcomeUnknown(lost()));
  assert.ok(outcomeUnknown(new NetworkError("bad reply", "bad_reply")));
  assert.ok(outcomeUnknown(new CommunityError("gateway timeout", 504, "server_error")));
  assert.ok(!outcomeUnknown(new CommunityError("busy", 503, "server_error")));
  assert.ok(!outcomeUnknown(new CommunityError("slow down", 429, "rate_limited")));
  assert.ok(!outcomeUnknown(new NetworkError("closed", "closed")));
  assert.ok(!outcomeUnknown(new TypeError("bug")));
});
