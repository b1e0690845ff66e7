/**
 * Opening the shared store and the identity a service runs as.
 *
 * @module
 */
import { createKeyring, openKv } from "../client/mod.ts";
import { SessionBotError, ValidationError } from "../core/errors.ts";
import { Identity } from "../crypto/mod.ts";

/** Opens a KV store: a remote Deno KV URL as it is, a path with `openKv` (0600 file). */
export function openStore(location: string): Promise<Deno.Kv> {
  return /^https?:\/\//.test(location) ? Deno.openKv(location) : openKv(location);
}

/** Where the identity comes from. */
export interface IdentitySource {
  /** The identity itself… */
  readonly identity?: Identity;
  /** …or its name in the keyring of the store. */
  readonly identityName?: string;
  /** Passphrase of an encrypted keyring identity. */
  readonly passphrase?: string;
  /** Generate and save `identityName` when the keyring lacks it. */
  readonly createIdentity?: boolean;
}

/** The identity of `source`: given, loaded from the keyring in `kv`, or created there. */
export async function identityFrom(kv: Deno.Kv, source: IdentitySource): Promise<Identity> {
  if (source.identity) return source.identity;
  const name = source.identityName;
  if (!name) {
    throw new ValidationError(
      "the bot needs an identity: pass `identity`, or `identityName` of one in the keyring " +
        "(with `createIdentity: true` it is created on first start)",
      "bad_option",
      "identity",
    );
  }
  const keyring = createKeyring(kv);
  const opts = { passphrase: source.passphrase };
  try {
    return await keyring.load(name, opts);
  } catch (error) {
    if (
      !(error instanceof SessionBotError && error.code === "identity_not_found") ||
      !source.createIdentity
    ) {
      throw error;
    }
  }
  try {
    const identity = Identity.generate();
    await keyring.save(name, identity, opts);
    return identity;
  } catch {
    return await keyring.load(name, opts); // another process created it first
  }
}
