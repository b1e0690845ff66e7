/**
 * The main demo: a local Session network (9 service nodes in 3 swarms, HTTPS, onion routing)
 * and two identities exchanging messages in exactly the bytes official Session apps send and
 * accept, every request through a 3-hop onion path. Run: `deno task demo`.
 */
import { createNetwork } from "../src/client/network/mod.ts";
import { decodeDirectMessage, encodeDirectMessage, Identity, startDevnet } from "../mod.ts";

const started = performance.now();
await using devnet = await startDevnet({ nodes: 9, swarms: 3 });
console.log(
  `devnet: ${devnet.nodes.length} nodes in ${devnet.swarmIds.length} swarms, seed ${devnet.seedUrl}`,
);

const alice = Identity.generate();
const bob = Identity.fromMnemonic(
  "puffin luxury annoyed rustled memoir faxed smidgen puddle kiwi nylon utopia zinger kiwi",
);
console.log(`alice  ${alice.sessionId}`);
console.log(`bob    ${bob.sessionId} (restored from a 13-word recovery phrase)\n`);

await using net = createNetwork({ network: devnet.seedUrl });

async function say(
  from: Identity,
  to: Identity,
  body: string,
  quote?: { id: number; author: string },
) {
  const wire = encodeDirectMessage(from, to.sessionId, { dataMessage: { body, quote } }, {
    timestamp: net.now(),
  });
  const stored = await net.store(to.sessionId, { data: wire.data });
  const name = from === alice ? "alice" : "bob";
  console.log(
    `${name} → swarm of ${to === alice ? "alice" : "bob"}: stored ${stored.hash} via onion`,
  );
  return wire.timestamp;
}

async function read(me: Identity, name: string) {
  const page = await net.retrieve(me);
  for (const item of page.messages) {
    const message = decodeDirectMessage(me, item.data);
    const who = message.sender === alice.sessionId
      ? "alice"
      : message.sender === bob.sessionId
      ? "bob"
      : message.sender;
    const quote = message.content.dataMessage?.quote
      ? ` (replying to ${message.content.dataMessage.quote.id})`
      : "";
    console.log(
      `${name} received from ${who}, signature verified: "${message.content.dataMessage?.body}"${quote}`,
    );
  }
}

const sentAt = await say(alice, bob, "Hello Bob! 👋");
await read(bob, "bob");
await say(bob, alice, "Hi Alice! Offline network, real protocol.", {
  id: sentAt,
  author: alice.sessionId,
});
await read(alice, "alice");

console.log(
  `\n${net.paths().length} onion paths used; done in ${Math.round(performance.now() - started)} ms`,
);
