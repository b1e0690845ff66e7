/** A 1:1-only client writes (and polls) nothing community-related; leaving forgets a room. */
import assert from "node:assert/strict";
import { identity, ROOM_POLL, withDevnet } from "./_setup.ts";

async function communityKeys(kv: Deno.Kv): Promise<string[]> {
  const found: string[] = [];
  for await (const { key } of kv.list({ prefix: [] })) {
    if (String(key[0]).startsWith("community")) found.push(String(key[0]));
  }
  return found;
}

Deno.test("a client that never joins has no community state; leave drops the record", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const kv = await Deno.openKv(":memory:");
    try {
      const plain = await open(identity(40), { kv });
      await plain.start();
      await plain.idle();
      assert.deepEqual(await communityKeys(kv), []);
      assert.equal(plain.communities.get(devnet.community.joinLink), undefined);

      const room = await plain.communities.join(devnet.community.joinLink, {
        pollInterval: ROOM_POLL,
      });
      assert.equal(plain.communities.get(devnet.community.joinLink), room);
      assert.ok((await communityKeys(kv)).includes("community_room"));
      await plain.communities.leave(devnet.community.joinLink);
      assert.deepEqual(await plain.communities.list(), []);
      assert.equal(plain.communities.get(devnet.community.joinLink), undefined);
      await plain.stop();
    } finally {
      kv.close();
    }
  });
});
