/** Shared fixtures for the keyring tests. */
import { join } from "node:path";
import { createKeyring, type Keyring } from "../../src/client/keyring/mod.ts";
import { openKv } from "../../src/client/kv.ts";
import { SessionBotError } from "../../src/core/errors.ts";

/** Runs `fn` with a keyring on a fresh on-disk KV (scrypt logN 10), always cleaning up. */
export async function withKeyring(
  fn: (keyring: Keyring, kv: Deno.Kv, path: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-keyring-" });
  const path = join(dir, "keys", "test.kv");
  const kv = await openKv(path);
  try {
    // logN 10 keeps each scrypt call at ~1 MiB and a few ms; the default is checked elsewhere.
    await fn(createKeyring(kv, { scrypt: { logN: 10 } }), kv, path);
  } finally {
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** An `assert.rejects`/`throws` predicate: `error` is a `type` with `code`. */
export function hasCode(
  code: string,
  type: abstract new (...args: never[]) => SessionBotError = SessionBotError,
): (error: unknown) => boolean {
  return (error) => error instanceof type && error.code === code;
}
