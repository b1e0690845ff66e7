import assert from "node:assert/strict";
import { ValidationError } from "../../src/core/errors.ts";
import { blockedReason, createWebhooks, isIpLiteral } from "../../src/webhook/mod.ts";
import { payload, startReceiver, until } from "./_receiver.ts";

const PUBLIC = "93.184.216.34";

Deno.test("ip: non-public ranges are named, public unicast passes", () => {
  const blocked: [string, RegExp][] = [
    ["127.0.0.1", /loopback/],
    ["0.0.0.0", /unspecified/],
    ["10.1.2.3", /private/],
    ["172.31.255.255", /private/],
    ["192.168.0.10", /private/],
    ["100.100.0.1", /carrier-grade NAT/],
    ["169.254.169.254", /link-local/],
    ["224.0.0.1", /multicast/],
    ["255.255.255.255", /reserved/],
    ["::", /unspecified/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["fc00::1", /unique local/],
    ["fd12:3456::1", /unique local/],
    ["fe80::1%eth0", /link-local/],
    ["ff02::1", /multicast/],
    ["::ffff:127.0.0.1", /IPv4-mapped 127\.0\.0\.1: loopback/],
    ["::ffff:7f00:1", /IPv4-mapped 127\.0\.0\.1/],
    ["::ffff:a00:1", /IPv4-mapped 10\.0\.0\.1: private/],
    ["::127.0.0.1", /IPv4-compatible/],
    ["64:ff9b::a9fe:a9fe", /NAT64 169\.254\.169\.254/],
    ["2002:c0a8:0101::1", /6to4 192\.168\.1\.1/],
    ["2001:db8::1", /documentation/],
  ];
  for (const [address, why] of blocked) assert.match(blockedReason(address) ?? "", why, address);
  for (
    const ok of [
      PUBLIC,
      "1.1.1.1",
      "172.32.0.1",
      "100.128.0.1",
      "2606:4700::1111",
      "::ffff:8.8.8.8",
    ]
  ) {
    assert.equal(blockedReason(ok), undefined, ok);
  }
  assert.ok(isIpLiteral("[2001:db8::1]"));
  assert.ok(!isIpLiteral("example.com"));
  assert.ok(!isIpLiteral("1.2.3"));
  assert.ok(!isIpLiteral("1::2::3"));
  assert.throws(() => blockedReason("example.com"), TypeError);
});

async function refused(add: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(add, (e: unknown) => {
    assert.ok(e instanceof ValidationError, String(e));
    assert.equal(e.code, "ssrf_refused", e.message);
    assert.equal(e.field, "url");
    assert.match(e.message, pattern);
    return true;
  });
}

Deno.test("ssrf: endpoints on internal addresses are refused at add time unless allowPrivate", async () => {
  const kv = await Deno.openKv(":memory:");
  const lookups: string[] = [];
  const dns: Record<string, string[]> = {
    "internal.example": [PUBLIC, "10.0.0.5"],
    "public.example": [PUBLIC, "2606:4700::1111"],
    "v6.internal.example": ["fc00::5"],
  };
  const webhooks = createWebhooks({
    kv,
    resolveHost: (host) => {
      lookups.push(host);
      return Promise.resolve(dns[host] ?? []);
    },
  });
  const add = (url: string) => () => webhooks.endpoints.add({ url });
  try {
    await refused(add("http://127.0.0.1:8080/hook"), /127\.0\.0\.1 is loopback/);
    await refused(add("http://10.0.0.1/hook"), /private/);
    await refused(add("http://169.254.169.254/latest/meta-data"), /link-local/);
    await refused(add("http://[::1]:8080/"), /loopback/);
    await refused(add("https://[fc00::1]/"), /unique local/);
    await refused(add("https://[::ffff:127.0.0.1]/"), /IPv4-mapped/);
    await refused(add("http://2130706433/"), /127\.0\.0\.1/); // decimal form, normalised by URL
    await refused(add("http://0x7f.1/"), /127\.0\.0\.1/);
    await refused(add("http://localhost:3000/"), /loopback/);
    await refused(add("https://internal.example/hook"), /resolves to 10\.0\.0\.5.*private/);
    await refused(add("https://v6.internal.example/hook"), /fc00::5/);
    assert.deepEqual(lookups, ["internal.example", "v6.internal.example"]);
    await assert.rejects(
      add("https://nowhere.example/")(),
      (e: ValidationError) => e.code === "unresolvable_host" && e.field === "url",
    );
    assert.deepEqual(await webhooks.endpoints.list(), []);
    // public names pass; private targets pass only when allowed on purpose
    const ok = await webhooks.endpoints.add({ url: "https://public.example/hook" });
    assert.equal(ok.allowPrivate, false);
    const local = await webhooks.endpoints.add({ url: "http://127.0.0.1:9/x", allowPrivate: true });
    assert.equal(local.allowPrivate, true);
    // turning the guard back on re-checks the target
    await refused(() => webhooks.endpoints.update(local.id, { allowPrivate: false }), /loopback/);
    await refused(
      () => webhooks.endpoints.update(ok.id, { url: "http://192.168.1.1/" }),
      /private/,
    );
    assert.equal((await webhooks.endpoints.get(ok.id))?.url, "https://public.example/hook");
  } finally {
    kv.close();
  }
});

Deno.test("ssrf: checked again before each attempt (a name re-pointed inside is not called)", async () => {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver();
  let answer = [PUBLIC];
  const fetched: string[] = [];
  const webhooks = createWebhooks({
    kv,
    resolveHost: () => Promise.resolve(answer),
    schedule: [60_000],
    // The name cannot resolve in the test: route it to the local receiver, recording the call.
    fetch: (input, init) => {
      fetched.push(String(input));
      return fetch(receiver.url, init);
    },
    random: () => 0.5,
  });
  try {
    const endpoint = await webhooks.endpoints.add({ url: "https://rebind.example/hook" });
    answer = ["127.0.0.1"]; // DNS rebinding
    assert.equal(await webhooks.enqueue(payload(1)), 1);
    webhooks.start();
    const [record] = await until(async () => {
      const list = await webhooks.deliveries({ endpointId: endpoint.id, status: "failed" });
      return list.length ? list : undefined;
    }, "the refused attempt");
    assert.match(record.lastError ?? "", /rebind\.example' resolves to 127\.0\.0\.1.*loopback/);
    assert.equal(record.attempts, 1);
    assert.deepEqual(fetched, [], "no request was made");
    assert.equal(receiver.received.length, 0);
  } finally {
    await webhooks.stop();
    kv.close();
  }
});
