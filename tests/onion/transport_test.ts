import assert from "node:assert/strict";
import { request as httpsRequest } from "node:https";
import { NetworkError } from "../../src/core/errors.ts";
import { SnodeAgent, snodeFetch } from "../../src/onion/mod.ts";
import { assertValidation } from "../assertions.ts";

/** A self-signed certificate for 127.0.0.1 from the system openssl, or why there is none. */
async function selfSignedCert(): Promise<{ cert: string; key: string } | string> {
  let dir: string | undefined;
  try {
    dir = await Deno.makeTempDir({ prefix: "sessionbot-onion-tls-" });
    const { success, stderr } = await new Deno.Command("openssl", {
      args: [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        `${dir}/key.pem`,
        "-out",
        `${dir}/cert.pem`,
      ],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!success) return `openssl failed: ${new TextDecoder().decode(stderr).trim()}`;
    return {
      cert: await Deno.readTextFile(`${dir}/cert.pem`),
      key: await Deno.readTextFile(`${dir}/key.pem`),
    };
  } catch (error) {
    return error instanceof Deno.errors.NotFound
      ? "openssl is not installed"
      : `cannot make a certificate: ${error}`;
  } finally {
    if (dir !== undefined) await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

const tls = await selfSignedCert();
const noTls = typeof tls === "string";
if (noTls) console.warn(`skipping the HTTPS transport tests: ${tls}`);

type Handler = (
  request: Request,
  info: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

/** Runs `fn` against a loopback server, then shuts everything down (sanitizers stay happy). */
async function withServer(
  secure: boolean,
  handler: Handler,
  fn: (base: string, release: Promise<void>) => Promise<void>,
): Promise<void> {
  const { promise: release, resolve } = Promise.withResolvers<void>();
  const options = { hostname: "127.0.0.1", port: 0, onListen() {} };
  const server = secure && !noTls
    ? Deno.serve({ ...options, cert: tls.cert, key: tls.key }, handler)
    : Deno.serve(options, handler);
  const base = `${secure ? "https" : "http"}://127.0.0.1:${server.addr.port}`;
  try {
    await fn(base, release);
  } finally {
    resolve();
    await server.shutdown();
  }
}

const echo: Handler = async (request, info) => {
  const url = new URL(request.url);
  if (url.pathname === "/status") return new Response("teapot", { status: 418 });
  if (url.pathname === "/big") {
    return new Response(new Uint8Array(Number(url.searchParams.get("n"))));
  }
  if (url.pathname === "/stream") {
    let n = Number(url.searchParams.get("n"));
    return new Response(
      new ReadableStream({
        pull(controller) {
          controller.enqueue(new Uint8Array(64 * 1024));
          if ((n -= 64 * 1024) <= 0) controller.close();
        },
      }),
    );
  }
  const body = new Uint8Array(await request.arrayBuffer());
  return new Response(body, {
    headers: {
      "x-method": request.method,
      "x-path": url.pathname + url.search,
      "x-peer-port": String(info.remoteAddr.port),
      "x-content-type": request.headers.get("content-type") ?? "",
      "set-cookie": "a=1",
    },
  });
};

const isNetworkError = (code: string) => (e: unknown) =>
  e instanceof NetworkError && e.code === code;

Deno.test({
  name: "snodeFetch: HTTPS to a self-signed node, verification off for this request only",
  ignore: noTls,
  async fn() {
    await withServer(true, echo, async (base) => {
      const body = new Uint8Array([0, 1, 2, 255]);
      const res = await snodeFetch(`${base}/onion_req/v2?x=1`, body, {
        headers: { "content-type": "application/octet-stream" },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, body);
      assert.equal(res.headers["x-method"], "POST");
      assert.equal(res.headers["x-path"], "/onion_req/v2?x=1");
      assert.equal(res.headers["x-content-type"], "application/octet-stream");
      const text = await snodeFetch(`${base}/storage_rpc/v1`, '{"method":"info"}');
      assert.equal(new TextDecoder().decode(text.body), '{"method":"info"}');
      assert.equal((await snodeFetch(`${base}/status`, "")).status, 418);

      // Nothing was switched off globally: ordinary clients still refuse the certificate.
      await assert.rejects(fetch(`${base}/x`, { method: "POST", body: "x" }));
      const plainNode = await new Promise<string>((resolve) => {
        const req = httpsRequest(`${base}/x`, { method: "POST" }, (r) => {
          r.resume();
          resolve("accepted");
        });
        req.on("error", (e) => resolve(String(e)));
        req.end("x");
      });
      assert.match(plainNode, /certificate/);
    });
  },
});

Deno.test({
  name: "SnodeAgent: keep-alive reuses one connection; close() ends it",
  ignore: noTls,
  async fn() {
    await withServer(true, echo, async (base) => {
      const agent = new SnodeAgent();
      try {
        const ports = new Set<string>();
        for (let i = 0; i < 3; i++) {
          const res = await snodeFetch(`${base}/echo`, `n${i}`, { agent });
          assert.equal(new TextDecoder().decode(res.body), `n${i}`);
          ports.add(res.headers["x-peer-port"]);
        }
        assert.equal(ports.size, 1, "one pooled TLS connection for sequential requests");
        const parallel = await Promise.all(
          [1, 2, 3, 4].map((i) => agent.fetch(`${base}/echo`, String(i))),
        );
        assert.deepEqual(parallel.map((r) => new TextDecoder().decode(r.body)), [
          "1",
          "2",
          "3",
          "4",
        ]);
      } finally {
        agent.close();
      }
      assert.equal(agent.closed, true);
      await assert.rejects(agent.fetch(`${base}/echo`, ""), isNetworkError("closed"));
      agent.close(); // idempotent
    });
  },
});

Deno.test("snodeFetch: plain http, GET, and a `using` agent", async () => {
  await withServer(false, echo, async (base) => {
    const res = await snodeFetch(`${base}/echo`, "hello");
    assert.equal(new TextDecoder().decode(res.body), "hello");
    const get = await snodeFetch(`${base}/get_stats/v1`, "", { method: "GET" });
    assert.equal(get.headers["x-method"], "GET");
    using agent = new SnodeAgent({ maxSockets: 1 });
    const [a, b] = await Promise.all([
      agent.fetch(`${base}/e`, "a"),
      agent.fetch(`${base}/e`, "b"),
    ]);
    assert.equal(a.headers["x-peer-port"], b.headers["x-peer-port"], "maxSockets 1 serialises");
  });
});

Deno.test({
  name: "snodeFetch: timeouts, abort, refused and reset connections, oversize replies",
  ignore: noTls,
  async fn() {
    await withServer(true, async (request, info) => {
      if (new URL(request.url).pathname === "/hang") await hang;
      return echo(request, info);
    }, async (base, release) => {
      hang = release;
      const started = performance.now();
      await assert.rejects(
        snodeFetch(`${base}/hang`, "x", { timeoutMs: 200 }),
        isNetworkError("timeout"),
      );
      assert.ok(performance.now() - started < 2000);

      const controller = new AbortController();
      const pending = snodeFetch(`${base}/hang`, "x", { signal: controller.signal });
      setTimeout(() => controller.abort(new Error("stop")), 20);
      await assert.rejects(pending, isNetworkError("aborted"));
      await assert.rejects(
        snodeFetch(`${base}/echo`, "x", { signal: AbortSignal.abort() }),
        isNetworkError("aborted"),
      );

      const limit = { maxResponseBytes: 1024 * 1024 };
      await assert.rejects(
        snodeFetch(`${base}/big?n=${2 * 1024 * 1024}`, "", limit),
        isNetworkError("response_too_large"),
      );
      await assert.rejects(
        snodeFetch(`${base}/stream?n=${2 * 1024 * 1024}`, "", limit),
        isNetworkError("response_too_large"),
      );
      const fits = await snodeFetch(`${base}/stream?n=${512 * 1024}`, "", limit);
      assert.equal(fits.body.length, 512 * 1024);
      // The keep-alive pool survives a destroyed oversize response.
      using agent = new SnodeAgent();
      await assert.rejects(
        agent.fetch(`${base}/big?n=5000`, "", { maxResponseBytes: 100 }),
        isNetworkError("response_too_large"),
      );
      assert.equal((await agent.fetch(`${base}/echo`, "ok")).status, 200);
    });
  },
});
let hang: Promise<void> = Promise.resolve();

Deno.test("snodeFetch: refused and reset connections are connection_failed", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = closed.addr.port;
  closed.close();
  await assert.rejects(
    snodeFetch(`https://127.0.0.1:${port}/x`, "x"),
    isNetworkError("connection_failed"),
  );
  await assert.rejects(
    snodeFetch(`http://127.0.0.1:${port}/x`, "x"),
    isNetworkError("connection_failed"),
  );

  // A peer that accepts and hangs up at once (mid-TLS-handshake / before any HTTP reply).
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = (async () => {
    for await (const conn of listener) conn.close();
  })();
  try {
    for (const scheme of ["https", "http"]) {
      await assert.rejects(
        snodeFetch(`${scheme}://127.0.0.1:${listener.addr.port}/x`, "x"),
        isNetworkError("connection_failed"),
      );
    }
  } finally {
    listener.close();
    await accepting.catch(() => {});
  }
});

Deno.test("snodeFetch: bad URLs and options", async () => {
  await assert.rejects(snodeFetch("not a url", ""), (e) => {
    assertValidation(
      () => {
        throw e;
      },
      "bad_url",
      "url",
    );
    return true;
  });
  await assert.rejects(
    snodeFetch("ftp://127.0.0.1/x", ""),
    (e) => (e as { code?: string }).code === "bad_url",
  );
  await assert.rejects(snodeFetch("http://127.0.0.1:1/x", "", { timeoutMs: 0 }), RangeError);
  await assert.rejects(
    snodeFetch("http://127.0.0.1:1/x", "", { maxResponseBytes: -1 }),
    RangeError,
  );
});
