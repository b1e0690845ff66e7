/**
 * `sessionbot send` exit codes: 2 bad input, 3 network unreachable, 1 delivery failed.
 * (0 is covered by cli_session_test.ts and cli_run_test.ts.)
 */
import assert from "node:assert/strict";
import { join } from "node:path";
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
  const requests: { auth: string | null; type: string | null; text: string }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    requests.push({
      auth: req.headers.get("authorization"),
      type: req.headers.get("content-type"),
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
