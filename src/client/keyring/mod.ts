/**
 * The keyring: named Session identities in Deno KV, under `["identity", name]`.
 *
 * Names are 1–64 characters of `A–Z a–z 0–9 . _ -`. Each record (format `v: 1`) keeps the public
 * keys, display name and creation time in clear, so {@link Keyring.info} and
 * {@link Keyring.list} never need a passphrase, and the seed in one of two forms:
 *
 * - **With a passphrase**: key = scrypt(NFKC(passphrase), salt) with a random 16-byte salt and,
 *   by default, N = 2^17, r = 8, p = 1 (128 MiB; about 0.4 s measured on the 2-core dev box,
 *   0.55 s for the async variant used here), 32-byte output. The seed is sealed with
 *   XChaCha20-Poly1305 under a random 24-byte nonce; the associated data is the JSON array
 *   `["sessionbot/identity", 1, name, sessionId]`, so a ciphertext copied to another name or
 *   Session ID fails to open. The scrypt parameters are stored in the record, so the default
 *   can rise later while old records still load. A wrong passphrase is a `CryptoError`
 *   `wrong_passphrase`; loading without one is a `ValidationError` `passphrase_required`.
 * - **Without a passphrase**: the seed is stored as hex. Anyone who can read the KV file owns
 *   the account, so keep the file private (`openKv` from `src/client/kv.ts` makes it mode 0600).
 *
 * A record that does not parse, or whose seed does not give its Session ID, throws a
 * `SessionBotError` `corrupt_record`. The seed never appears in errors or logs.
 *
 * @example
 * ```ts
 * import { createKeyring } from "./mod.ts";
 * import { Identity } from "../../crypto/identity.ts";
 * const kv = await Deno.openKv(":memory:");
 * const keyring = createKeyring(kv);
 * await keyring.save("bot", Identity.generate(), { displayName: "Echo bot" });
 * for (const entry of await keyring.list()) console.log(entry.name, entry.sessionId);
 * kv.close();
 * ```
 *
 * @module
 */
export { createKeyring } from "./keyring.ts";
export { DEFAULT_SCRYPT, type ScryptParams } from "./kdf.ts";
export { assertIdentityName } from "./names.ts";
export type { IdentityRecordV1, PlainSeed, SealedSeed } from "./record.ts";
export type { IdentityInfo, Keyring, KeyringOptions, LoadOptions, SaveOptions } from "./types.ts";
