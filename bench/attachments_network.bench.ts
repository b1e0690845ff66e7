/**
 * Attachments, avatars and names over a devnet, every request through a 3-hop onion path:
 * encrypt + upload + download + verify + decrypt of 1 MB and 10 MB files, an avatar round trip,
 * and an ONS lookup (3 nodes asked). Iteration counts are fixed: every upload is a new file.
 * (Bench functions must be `async` functions: Deno only awaits those.)
 *
 * `deno bench --allow-read --allow-write --allow-env --allow-net=127.0.0.1 --allow-sys
 * bench/attachments_network.bench.ts`
 */
import { Identity } from "../src/crypto/identity.ts";
import { startDevnet } from "../src/devnet/mod.ts";
import { createNetwork } from "../src/client/network/mod.ts";
import { createFileServerClient } from "../src/client/files/mod.ts";
import { fetchAttachment, sendableAttachment } from "../src/client/attachments/mod.ts";
import { fetchAvatar, uploadAvatar } from "../src/client/profile/mod.ts";
import { resolveOnsName } from "../src/client/ons/mod.ts";

const unlimited = { burst: 1e12, perSecond: 1e12 };
const devnet = await startDevnet({
  nodes: 6,
  swarms: 2,
  rateLimit: unlimited,
  fileServer: { maxFileSize: 10_100_000 },
});
const network = createNetwork({ network: devnet.seedUrl });
globalThis.addEventListener("unload", () => {
  void network.close().then(() => devnet.stop());
});
const files = createFileServerClient(network, devnet.fileServer);
devnet.names.register("bench-name", Identity.generate().sessionId);

function file(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0, x = 1; i < length; i++) {
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
const oneMb = file(1_000_000);
const tenMb = file(10_000_000);
const avatar = file(100_000);

async function roundTrip(bytes: Uint8Array): Promise<void> {
  const pointer = await sendableAttachment(files, { bytes });
  const { size } = await fetchAttachment(files, pointer);
  if (size !== bytes.length) throw new Error("round trip lost bytes");
}

Deno.bench(
  "attachment round trip, 1 MB",
  { group: "attachment", n: 20, warmup: 2 },
  async () => await roundTrip(oneMb),
);

Deno.bench(
  "attachment round trip, 10 MB",
  { group: "attachment", n: 4, warmup: 1 },
  async () => await roundTrip(tenMb),
);

Deno.bench("avatar upload + fetch, 100 KB", { n: 20, warmup: 2 }, async () => {
  const { url, profileKey } = await uploadAvatar(files, avatar);
  await fetchAvatar(files, url, profileKey);
});

Deno.bench("ONS resolve (3 nodes agree)", { n: 30, warmup: 3 }, async () => {
  await resolveOnsName(network, "bench-name");
});
