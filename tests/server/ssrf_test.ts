import assert from "node:assert/strict";
import { createAttachmentFetcher } from "../../src/server/mod.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { postJson, startService } from "./_setup.ts";

/** A real HTTP server on 127.0.0.1 serving one file and a redirect to it. */
function fileServer(bytes: Uint8Array<ArrayBuffer>) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/chart.png") {
      return new Response(bytes, { headers: { "content-type": "image/png" } });
    }
    if (path === "/moved") return Response.redirect(new URL("/chart.png", req.url), 302);
    if (path === "/meta") return Response.redirect("http://169.254.169.254/latest", 302);
    return new Response("no", { status: 404 });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

Deno.test("attachments by URL: private targets refused by default (400 naming the field)", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const files = fileServer(new Uint8Array([1, 2, 3]));
  try {
    for (
      const url of [
        `${files.url}/chart.png`,
        "http://[::1]/x",
        "http://localhost/x",
        "http://10.0.0.1/x",
      ]
    ) {
      const response = await postJson(service, "/v1/messages", {
        to: "05" + "ab".repeat(32),
        attachments: [{ url }],
      });
      assert.equal(response.status, 400, url);
      const body = await response.json();
      assert.equal(body.code, "ssrf_refused", url);
      assert.deepEqual(body.issues.map((i: { path: string }) => i.path), ["attachments.0.url"]);
    }
  } finally {
    await files.close();
  }
});

Deno.test("attachments by URL: allowed private target is fetched and reaches the peer", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net, { allowPrivateAttachmentUrls: true });
  const alice = await net.createUser("alice");
  const bytes = crypto.getRandomValues(new Uint8Array(2048));
  const files = fileServer(bytes);
  try {
    const response = await postJson(service, "/v1/messages", {
      to: alice.sessionId,
      body: "chart",
      attachments: [{ url: `${files.url}/chart.png` }],
    });
    assert.equal(response.status, 201, await response.clone().text());
    await response.body?.cancel();
    const got = await alice.nextMessage();
    assert.equal(got.attachments[0].fileName, "chart.png");
    assert.deepEqual((await alice.download(got.attachments[0])).bytes, bytes);
    const missing = await postJson(service, "/v1/messages", {
      to: alice.sessionId,
      attachments: [{ url: `${files.url}/missing` }],
    });
    assert.equal(missing.status, 400);
    assert.equal((await missing.json()).code, "attachment_unavailable");
  } finally {
    await files.close();
  }
});

Deno.test("attachment fetcher: redirects are re-checked; size cap; names resolving to private", async () => {
  const files = fileServer(new Uint8Array(5000));
  try {
    const guarded = createAttachmentFetcher({
      resolveHost: (host) =>
        Promise.resolve(host === "files.test" ? ["127.0.0.1"] : ["93.184.216.34"]),
    });
    await assert.rejects(
      guarded("http://files.test/x"),
      (e: ValidationError) => e.code === "ssrf_refused",
    );
    await assert.rejects(
      guarded("ftp://example.com/x"),
      (e: ValidationError) => e.code === "invalid_url",
    );
    await assert.rejects(guarded("http://user:pw@example.com/x"), ValidationError);
    const follow = createAttachmentFetcher({ allowPrivate: true });
    assert.equal((await follow(`${files.url}/moved`)).length, 5000, "redirect followed");
    const open = createAttachmentFetcher({ allowPrivate: true, maxBytes: 1000 });
    await assert.rejects(
      open(`${files.url}/chart.png`),
      (e: ValidationError) => e.code === "attachment_too_large",
    );
    const redirecting = createAttachmentFetcher({
      resolveHost: () => Promise.resolve(["93.184.216.34"]),
      // The first hop goes to the local server (as if public: the client pinned to the
      // "public" address is dropped); its redirect to 169.254.x is refused.
      fetch: (input, init) =>
        fetch(String(input).replace("http://public.test", files.url), {
          ...init,
          client: undefined,
        }),
    });
    await assert.rejects(
      redirecting("http://public.test/meta"),
      (e: ValidationError) => e.code === "ssrf_refused",
    );
  } finally {
    await files.close();
  }
});
