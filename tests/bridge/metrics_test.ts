import assert from "node:assert/strict";
import {
  createMetrics,
  observeClient,
  observeWebhooks,
  standardMetrics,
} from "../../src/bridge/mod.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { parsePrometheus } from "../server/_prometheus.ts";

Deno.test("metrics: counters and gauges render as Prometheus text", () => {
  const metrics = createMetrics();
  const requests = metrics.counter("http_requests_total", "HTTP requests.", ["route", "status"]);
  requests.inc({ route: "/v1/messages", status: "201" });
  requests.inc({ route: "/v1/messages", status: "201" }, 2);
  requests.inc({ route: 'we"ird\\path\n', status: "400" });
  metrics.gauge("queue_depth", "Waiting.", ["queue"]).set(4, { queue: "inbox" });
  const text = metrics.render();
  assert.match(text, /^# HELP http_requests_total HTTP requests\.$/m);
  assert.match(text, /^# TYPE http_requests_total counter$/m);
  assert.match(text, /^http_requests_total\{route="\/v1\/messages",status="201"\} 3$/m);
  assert.match(text, /^http_requests_total\{route="we\\"ird\\\\path\\n",status="400"\} 1$/m);
  assert.match(text, /^# TYPE queue_depth gauge$/m);
  const parsed = parsePrometheus(text);
  assert.equal(parsed.get('queue_depth{queue="inbox"}'), 4);
  assert.equal(parsed.get('http_requests_total{route="/v1/messages",status="201"}'), 3);
});

Deno.test("metrics: names are checked; counters only go up; same name, same instrument", () => {
  const metrics = createMetrics();
  assert.throws(() => metrics.counter("requests", "no suffix"), ValidationError);
  assert.throws(() => metrics.gauge("bad name", "x"), ValidationError);
  const c = metrics.counter("a_total", "A.");
  assert.throws(() => c.inc({}, -1), RangeError);
  metrics.counter("a_total", "A.").inc();
  c.set(10);
  c.set(5); // a mirrored total never goes down
  assert.match(metrics.render(), /^a_total 10$/m);
  assert.throws(() => metrics.gauge("a_total", "A."), /already a counter/);
});

Deno.test("metrics: collectors mirror client and webhook stats; a failing one is skipped", async () => {
  const metrics = createMetrics();
  const client = {
    stats: () =>
      Promise.resolve({
        polls: 12,
        pollFailures: 1,
        lastPollAt: 1_760_000_000_000,
        received: 5,
        sent: 3,
        sendFailures: 0,
        inbox: 2,
        outbox: 1,
      }),
  };
  observeClient(metrics, client);
  const off = observeWebhooks(metrics, {
    stats: () => Promise.resolve({ delivered: 7, failed: 2, dead: 1, pending: 4, disabled: 1 }),
  });
  metrics.onCollect(() => Promise.reject(new Error("broken source")));
  await metrics.collect();
  const m = parsePrometheus(metrics.render());
  assert.equal(m.get("sessionbot_polls_total"), 12);
  assert.equal(m.get("sessionbot_poll_failures_total"), 1);
  assert.equal(m.get("sessionbot_messages_received_total"), 5);
  assert.equal(m.get("sessionbot_messages_sent_total"), 3);
  assert.equal(m.get('sessionbot_queue_depth{queue="inbox"}'), 2);
  assert.equal(m.get('sessionbot_queue_depth{queue="outbox"}'), 1);
  assert.equal(m.get('sessionbot_queue_depth{queue="webhook_pending"}'), 4);
  assert.equal(m.get("sessionbot_webhook_deliveries_total"), 7);
  assert.equal(m.get("sessionbot_webhook_delivery_failures_total"), 2);
  assert.equal(m.get("sessionbot_webhook_dead_total"), 1);
  assert.equal(m.get("sessionbot_last_poll_timestamp_seconds"), 1_760_000_000);
  off();
  standardMetrics(metrics).apiMessages.inc();
  assert.equal(parsePrometheus(metrics.render()).get("sessionbot_api_messages_accepted_total"), 1);
});
