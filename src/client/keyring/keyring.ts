/**
 * The keyring factory: identities in Deno KV, optionally sealed under a passphrase.
 *
 * @module
 */
import { fromHex, toHex } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import { Identity } from "../../crypto/identity.ts";
import { scryptParams } from "./kdf.ts";
import { assertIdentityName, identityKey } from "./names.ts";
import { corruptRecord, type IdentityRecordV1, parseRecord } from "./record.ts";
import { openSeed, sealSeed } from "./seal.ts";
import { checkDisplayName, checkPassphrase } from "./inputs.ts";
import type { IdentityInfo, Keyring, KeyringOptions, LoadOptions, SaveOptions } from "./types.ts";

/**
 * Creates a keyring over an open `Deno.Kv`. The caller owns `kv` and closes it.
 *
 * @example
 * ```ts
 * import { createKeyring } from "./mod.ts";
 * import { Identity } from "../../crypto/identity.ts";
 * const kv = await Deno.openKv(":memory:");
 * const keyring = createKeyring(kv);
 * await keyring.save("bot", Identity.generate(), { passphrase: "correct horse" });
 * const me = await keyring.load("bot", { passphrase: "correct horse" });
 * console.log(me.sessionId);
 * kv.close();
 * ```
 */
export function createKeyring(kv: Deno.Kv, options: KeyringOptions = {}): Keyring {
  const kdf = scryptParams(options.scrypt);
  const now = options.now ?? (() => new Date());

  async function read(name: string): Promise<IdentityRecordV1> {
    const entry = await kv.get(identityKey(assertIdentityName(name)));
    if (entry.value === null) throw notFound(name);
    return parseRecord(name, entry.value);
  }

  async function save(name: string, identity: Identity, opts: SaveOptions = {}) {
    const key = identityKey(assertIdentityName(name));
    if (!(identity instanceof Identity)) throw new TypeError("identity must be an Identity");
    const displayName = checkDisplayName(opts.displayName);
    const passphrase = checkPassphrase(opts.passphrase);
    // Fail before spending half a second on scrypt; the atomic check below settles races.
    if (!opts.overwrite && (await kv.get(key)).value !== null) throw exists(name);
    const pub = identity.toPublic();
    const seed = identity.exportSeed();
    let secret: IdentityRecordV1["secret"];
    try {
      secret = passphrase === undefined
        ? { kind: "plain", seed: toHex(seed) }
        : await sealSeed(seed, passphrase, { name, v: 1, sessionId: pub.sessionId }, kdf);
    } finally {
      seed.fill(0);
    }
    const record: IdentityRecordV1 = {
      v: 1,
      name,
      sessionId: pub.sessionId,
      ed25519PublicKey: pub.ed25519PublicKey,
      x25519PublicKey: pub.x25519PublicKey,
      ...(displayName === undefined ? {} : { displayName }),
      createdAt: now().toISOString(),
      secret,
    };
    const op = kv.atomic();
    if (!opts.overwrite) op.check({ key, versionstamp: null });
    if (!(await op.set(key, record).commit()).ok) throw exists(name);
    return toInfo(record);
  }

  async function load(name: string, opts: LoadOptions = {}) {
    const record = await read(name);
    const { secret } = record;
    if (secret.kind === "scrypt-xchacha20poly1305" && opts.passphrase === undefined) {
      throw new ValidationError(
        `identity "${name}" is encrypted; a passphrase is required to load it`,
        "passphrase_required",
        "passphrase",
      );
    }
    const seed = secret.kind === "plain"
      ? fromHex(secret.seed)
      : await openSeed(secret, opts.passphrase!, record);
    let identity: Identity;
    try {
      identity = Identity.fromSeed(seed);
    } finally {
      seed.fill(0);
    }
    if (
      identity.sessionId !== record.sessionId ||
      identity.ed25519PublicKey !== record.ed25519PublicKey.toLowerCase()
    ) throw corruptRecord(name, "the seed does not match the stored Session ID");
    return identity;
  }

  async function info(name: string) {
    return toInfo(await read(name));
  }

  async function list() {
    const out: IdentityInfo[] = [];
    for await (const entry of kv.list({ prefix: ["identity"] })) {
      const name = String(entry.key[1]);
      out.push(toInfo(parseRecord(name, entry.value)));
    }
    return out;
  }

  async function remove(name: string) {
    const key = identityKey(assertIdentityName(name));
    const entry = await kv.get(key);
    if (entry.value === null) return false;
    await kv.delete(key);
    return true;
  }

  return { save, load, info, list, remove };
}

function toInfo(record: IdentityRecordV1): IdentityInfo {
  return Object.freeze({
    name: record.name,
    sessionId: record.sessionId,
    ed25519PublicKey: record.ed25519PublicKey,
    x25519PublicKey: record.x25519PublicKey,
    ...(record.displayName === undefined ? {} : { displayName: record.displayName }),
    createdAt: record.createdAt,
    encrypted: record.secret.kind !== "plain",
  });
}

function notFound(name: string): ValidationError {
  return new ValidationError(
    `no identity named "${name}" in this keyring (see "sessionbot list")`,
    "identity_not_found",
    "name",
  );
}

function exists(name: string): ValidationError {
  return new ValidationError(
    `an identity named "${name}" already exists; pick another name or remove it first ` +
      `(its keys are lost for good unless you kept the recovery phrase)`,
    "identity_exists",
    "name",
  );
}
