/**
 * The main demo: two Session identities exchange a message in exactly the bytes official
 * Session apps send and accept. Run: `deno task demo`.
 */
import { decodeDirectMessage, encodeDirectMessage, Identity } from "../mod.ts";

const alice = Identity.generate();
const bob = Identity.fromMnemonic(
  "puffin luxury annoyed rustled memoir faxed smidgen puddle kiwi nylon utopia zinger kiwi",
);

console.log("alice  ", alice.sessionId);
console.log("bob    ", bob.sessionId, "(restored from a 13-word recovery phrase)");

const wire = encodeDirectMessage(alice, bob.sessionId, {
  dataMessage: { body: "Hello Bob! 👋", profile: { displayName: "Alice" } },
});
console.log(
  `\nalice → bob: ${wire.data.length} base64 chars to store in bob's swarm (namespace 0)`,
);

const received = decodeDirectMessage(bob, wire.data);
console.log(
  `bob received "${received.content.dataMessage?.body}" from ${received.content.dataMessage?.profile?.displayName} (${
    received.sender === alice.sessionId ? "signature verified" : "UNKNOWN SENDER"
  })`,
);

const reply = encodeDirectMessage(bob, alice.sessionId, {
  dataMessage: { body: "Hi Alice!", quote: { id: received.timestamp, author: alice.sessionId } },
});
const back = decodeDirectMessage(alice, reply.data);
console.log(
  `alice received "${back.content.dataMessage?.body}" quoting her message ${back.content.dataMessage?.quote?.id}`,
);
