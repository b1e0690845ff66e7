/**
 * Attachment crypto on a 10 MB file (the client upload limit): legacy AES-CBC + HMAC (what every
 * client decrypts) and libsession's deterministic secretstream format. Throughput in MB/s is
 * 10 / (average seconds per iteration); the "encrypt + decrypt" rows move 20 MB per iteration.
 * Run: `deno task bench`.
 */
import {
  decryptAttachment,
  decryptDeterministicAttachment,
  encryptAttachment,
  encryptDeterministicAttachment,
  MAX_ATTACHMENT_BYTES,
} from "../src/crypto/attachments/mod.ts";

const file = new Uint8Array(MAX_ATTACHMENT_BYTES);
for (let i = 0, x = 1; i < file.length; i++) {
  x = (x * 1_103_515_245 + 12_345) >>> 0;
  file[i] = x >>> 24;
}
const seed = new Uint8Array(32).fill(7);
const legacy = encryptAttachment(file);
const deterministic = encryptDeterministicAttachment(file, seed);

Deno.bench("legacy encrypt + decrypt, 10 MB", { group: "legacy", baseline: true }, () => {
  const out = encryptAttachment(file);
  decryptAttachment(out.blob, out);
});

Deno.bench("legacy encrypt, 10 MB", { group: "legacy" }, () => {
  encryptAttachment(file);
});

Deno.bench("legacy decrypt (MAC, digest, AES-CBC), 10 MB", { group: "legacy" }, () => {
  decryptAttachment(legacy.blob, legacy);
});

Deno.bench("deterministic encrypt + decrypt, 10 MB", {
  group: "deterministic",
  baseline: true,
}, () => {
  const out = encryptDeterministicAttachment(file, seed);
  decryptDeterministicAttachment(out.blob, out.key);
});

Deno.bench("deterministic decrypt (secretstream pull), 10 MB", { group: "deterministic" }, () => {
  decryptDeterministicAttachment(deterministic.blob, deterministic.key);
});
