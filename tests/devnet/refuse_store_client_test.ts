/**
 * `SessionClient.send` to a recipient whose swarm refuses `store`: the send rejects, an `error`
 * event says the job was dead-lettered, nothing is delivered; once the swarm stores again the
 * next send goes through.
 */
import assert from "node:assert/strict";
import { SwarmError } from "../../src/core/errors.ts";
import { Identity, record, until, withDevnet } from "../client/session/_setup.ts";
import { SECRET, swarmOf } from "./_helpers.ts";

const ALICE = Identity.fromSeed("a1".repeat(16));
const BOB = Identity.fromSeed("b0".repeat(16));

Deno.test("SessionClient.send rejects and dead-letters when the swarm refuses to store", () =>
  withDevnet(async ({ open, devnet }) => {
    // Two tries: a third would give every refusing member its third strike (desktop's
    // threshold) and drop it from the pool, which is not what this test is about.
    const a = await open(ALICE, { sendRetry: { attempts: 2, backoffMs: [20] } });
    const b = await open(BOB);
    const errors = record(a, "error");
    const atB = record(b, "message");
    await b.start();
    const swarm = await swarmOf(devnet, BOB.sessionId);

    swarm.inside.forEach((node) => node.faults.refuseStore()); // 500: retried, then dead
    await assert.rejects(
      a.send(BOB.sessionId, "never"),
      (e) => e instanceof SwarmError && e.status === 500 && /request failed$/.test(e.message),
    );
    swarm.inside.forEach((node) => node.faults.refuseStore(401)); // permanent: dead at once
    await assert.rejects(
      a.send(BOB.sessionId, "never either"),
      (e) => e instanceof SwarmError && e.code === "unauthorized",
    );
    const letters = await a.deadLetters();
    assert.deepEqual(letters.map((l) => [l.box, l.to, l.attempts]), [
      ["out", BOB.sessionId, 2],
      ["out", BOB.sessionId, 1],
    ]);
    assert.equal(errors.filter((e) => e.type === "error" && e.deadLettered).length, 2);

    swarm.inside.forEach((node) => node.faults.acceptStore());
    const sent = await a.send(BOB.sessionId, "now");
    await until(() => atB.length === 1, 10_000, "the message sent after acceptStore");
    assert.equal(atB[0].id, sent.hash, "only the accepted send arrived");
  }, { nodes: 9, swarms: 3, secret: SECRET }));
