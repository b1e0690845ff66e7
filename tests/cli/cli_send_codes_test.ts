/**
 * `sessionbot send` exit codes: 2 bad input, 3 network unreachable, 1 delivery failed.
 * (0 is covered by cli_session_test.ts and cli_run_test.ts.) Standalone exit 1 uses the devnet's
 * `refuseStore` fault: a status fault would also hit the onion guard and give exit 3, whereas a
 * node that refuses only `store` keeps relaying, so the send reaches the swarm, is refused there
 * and is dead-lettered.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { listDeadLetters } from "../../src/client/session/dead_letters.ts";
import { startDevnet } from "../../src/devnet/mod.ts";
import { ACCOUNT, retrieveParams, rpc, SECRET, swarmOf } from "../devnet/_helpers.ts";
import { withStore } from "./_helpers.ts";

const PEER = "05" + "ab".repeat(32);

/** A port nothing listens on: bound, then released. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A real HTTP server on 127.0.0.1 answering every request with `status` and `body`. */
function answering(status: number, body: unknown) {
  const requests: { auth: string | null; type: string | null; key: string | null; text: string }[] =
    [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    requests.push({
      auth: req.headers.get("authorization"),
      type: req.headers.get("content-type"),
      key: req.headers.get("idempotency-key"),
      text: await req.text(),
    });
    return Response.json(body, { status });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, requests, close: () => server.shutdown() };
}

Deno.test("send exits 2 on bad input: no --to, unreadable or oversize file, bad name, bad --api", () =>
  withStore(async (run, kvPath) => {
    assert.equal((await run(["init"])).code, 0);
    const env = { SESSIONBOT_NETWORK: `https://127.0.0.1:${closedPort()}/json_rpc` };
    const big = join(kvPath, "..", "big.bin");
    const file = await Deno.open(big, { create: true, write: true });
    await file.truncate(10_300_000); // sparse: no 10 MB written
    file.close();
    const cases: [string[], RegExp][] = [
      [["send", "hello"], /--to is required/],
      [["send", "--to", PEER, "--file", join(kvPath, "..", "nope.txt"), "x"], /cannot read --file/],
      [["send", "--to", PEER, "--file", big, "x"], /at most 10 MB/],
      [["send", "--to", "bad name!", "x"], /not a valid Session name/],
      [
        ["send", "--to", PEER, "--api", "ftp://127.0.0.1:1", "x"],
        /--api must be the service's http\(s\) URL/,
      ],
      [["send", "--to", PEER, "--api", "http://127.0.0.1:1"], /nothing to send/],
      [
        ["send", "--to", PEER, "--api", "http://127.0.0.1:1", "--passphrase-stdin", "x"],
        /--passphrase-stdin is for standalone sends/,
      ],
      [["send", "--to", PEER, "--idempotency-key", "k1", "x"], /--idempotency-key needs --api/],
    ];
    for (const [args, expected] of cases) {
      const result = await run(args, { env });
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, expected);
      assert.equal(result.stdout, "");
    }
  }));

Deno.test("send exits 3 when the network or the API cannot be reached", () =>
  withStore(async (run) => {
    assert.equal((await run(["init"])).code, 0);
    const api = await run(["send", "--to", PEER, "--api", `http://127.0.0.1:${closedPort()}`, "x"]);
    assert.equal(api.code, 3, api.stderr);
    assert.match(api.stderr, /cannot reach the sessionbot API/);
    const viaEnv = await run(["send", "--to", PEER, "x"], {
      env: { SESSIONBOT_API: `http://127.0.0.1:${closedPort()}` },
    });
    assert.equal(viaEnv.code, 3, viaEnv.stderr);
    const seed = `https://127.0.0.1:${closedPort()}/json_rpc`;
    const standalone = await run(["send", "--network", seed, "--to", PEER, "--json", "x"]);
    assert.equal(standalone.code, 3, standalone.stderr);
    assert.match(standalone.stderr, /no seed answered/);
    assert.equal(standalone.stdout, "");
  }));

Deno.test("send --api maps the service's answers: 5xx → 1, 503 network → 3, 413 → 2", async () => {
  const cases: [number, unknown, number, RegExp][] = [
    [
      502,
      { error: "upstream_failed", message: "store refused by the swarm" },
      1,
      /could not send the message \(HTTP 502\): store refused/,
    ],
    [500, { error: "internal", message: "internal error: see the service log" }, 1, /HTTP 500/],
    [
      503,
      { error: "network_unavailable", message: "no path" },
      3,
      /cannot reach the Session network/,
    ],
    [
      413,
      { error: "payload_too_large", message: "the body is over 12 MiB" },
      2,
      /HTTP 413\): the body is over/,
    ],
    [
      400,
      {
        error: "bad_request",
        message: "invalid",
        issues: [{ path: "to", message: "not a Session ID" }],
      },
      2,
      /HTTP 400\): invalid \(to: not a Session ID\)/,
    ],
  ];
  await withStore(async (run, kvPath) => {
    const file = join(kvPath, "..", "a.txt");
    await Deno.mkdir(join(kvPath, ".."), { recursive: true });
    await Deno.writeTextFile(file, "attached");
    for (const [status, body, code, expected] of cases) {
      const server = answering(status, body);
      try {
        const result = await run(["send", "--to", PEER, "--api", server.url, "--file", file], {
          stdin: "text from stdin\n",
          env: { SESSIONBOT_API_TOKEN: "tok" },
        });
        assert.equal(result.code, code, `${status}: ${result.stderr}`);
        assert.match(result.stderr, expected);
        assert.equal(server.requests.length, 1);
        const [request] = server.requests;
        assert.equal(request.auth, "Bearer tok");
        assert.match(request.type ?? "", /^multipart\/form-data/);
        assert.match(request.text, /text from stdin/);
        assert.match(request.text, /filename="a\.txt"/);
      } finally {
        await server.close();
      }
    }
  });
});

Deno.test("send --api --idempotency-key sends the header; 409 (still sending) → 1, 422 → 2", async () => {
  const cases: [number, unknown, number, RegExp][] = [
    [
      409,
      { error: "request_in_progress", message: "still being sent; retry in a moment" },
      1,
      /still sending this message/,
    ],
    [
      422,
      { error: "idempotency_key_reused", message: "used for a different request" },
      2,
      /HTTP 422\): used for a different request/,
    ],
    [201, { hash: "h".repeat(43), timestamp: 1_700_000_000_000 }, 0, /sending through the API/],
  ];
  await withStore(async (run) => {
    for (const [status, body, code, expected] of cases) {
      const server = answering(status, body);
      try {
        const args = ["send", "--to", PEER, "--api", server.url, "--idempotency-key", "cron-7"];
        const result = await run([...args, "x"], { env: { SESSIONBOT_API_TOKEN: "tok" } });
        assert.equal(result.code, code, `${status}: ${result.stderr}`);
        assert.match(result.stderr, expected);
        assert.equal(server.requests[0].key, "cron-7");
      } finally {
        await server.close();
      }
    }
  });
});

Deno.test("send exits 1 when the recipient's swarm refuses to store: dead-lettered, not stored", async () => {
  const devnet = await startDevnet({ nodes: 6, swarms: 2, secret: SECRET });
  try {
    await withStore(async (run, kvPath) => {
      const init = await run(["init", "--json"]);
      assert.equal(init.code, 0, init.stderr);
      const me = JSON.parse(init.stdout).sessionId as string;
      const to = ACCOUNT.sessionId;
      const swarm = await swarmOf(devnet, to);
      for (const node of swarm.inside) node.faults.refuseStore(); // 500 "request failed"
      assert.ok(swarm.outside.length > 0, "the other swarm is untouched");

      const sent = await run(["send", "--network", devnet.seedUrl, "--to", to, "--json", "hi"]);
      assert.equal(sent.code, 1, sent.stderr);
      assert.equal(sent.stdout, "");
      // Progress notes end in "…"; the reason is one line of its own.
      const reasons = sent.stderr.trimEnd().split("\n").filter((line) => !line.endsWith("…"));
      assert.equal(reasons.length, 1, sent.stderr);
      assert.match(
        reasons[0],
        /^sessionbot: store failed after 3 attempts; last: node \w+ \(127\.0\.0\.1:\d+\) answered 500: request failed$/,
      );

      for (const node of swarm.inside) {
        const held = await rpc(node, "retrieve", retrieveParams());
        assert.deepEqual([held.status, held.json.messages], [200, []], "nothing was stored");
      }

      // A permanent refusal (400) is dead-lettered at once, with the same exit code.
      for (const node of swarm.inside) node.faults.refuseStore(400, "disk full");
      const refused = await run(["send", "--network", devnet.seedUrl, "--to", to, "again"]);
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, /\nsessionbot: node \w+ .*rejected the request: disk full\n$/);

      const kv = await Deno.openKv(kvPath);
      try {
        const letters = await listDeadLetters(kv, me);
        assert.deepEqual(
          letters.map((l) => [l.box, l.to, l.attempts]),
          [["out", to, 2], ["out", to, 1]],
          "500: retried once (the CLI's policy), then dead-lettered; 400: dead-lettered at once",
        );
        assert.match(letters[0].reason, /answered 500: request failed/);
        assert.equal(letters[1].code, "bad_request");
      } finally {
        kv.close();
      }
    });
  } finally {
    await devnet.stop();
  }
});
