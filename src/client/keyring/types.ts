/**
 * The keyring's public shapes.
 *
 * @module
 */
import type { Identity, PublicIdentity } from "../../crypto/identity.ts";
import type { ScryptParams } from "./kdf.ts";

/** Options of {@link Keyring.save}. */
export interface SaveOptions {
  /** Encrypts the seed under this passphrase (scrypt + XChaCha20-Poly1305). */
  passphrase?: string;
  /** A profile name kept beside the keys (at most 100 characters). */
  displayName?: string;
  /** Replaces an existing identity of the same name (its keys are lost unless backed up). */
  overwrite?: boolean;
}

/** Options of {@link Keyring.load}. */
export interface LoadOptions {
  /** Required when the identity was saved with one; ignored otherwise. */
  passphrase?: string;
}

/** What the keyring knows about an identity without decrypting anything. */
export interface IdentityInfo extends PublicIdentity {
  /** The identity's name in the keyring. */
  readonly name: string;
  /** Profile name, when one was saved. */
  readonly displayName?: string;
  /** ISO 8601 time it was saved. */
  readonly createdAt: string;
  /** True when loading needs a passphrase. */
  readonly encrypted: boolean;
}

/** Options of {@link createKeyring}. */
export interface KeyringOptions {
  /**
   * scrypt cost for new encrypted saves (default N = 2^17, r = 8, p = 1). Lower it only in tests;
   * stored records keep the parameters they were written with.
   */
  scrypt?: Partial<ScryptParams>;
  /** Clock for `createdAt` (tests). */
  now?: () => Date;
}

/** Named identities stored in Deno KV under `["identity", name]`. */
export interface Keyring {
  /** Stores `identity` as `name`; returns its public info. */
  save(name: string, identity: Identity, options?: SaveOptions): Promise<IdentityInfo>;
  /** Loads the full identity, decrypting with `passphrase` when needed. */
  load(name: string, options?: LoadOptions): Promise<Identity>;
  /** Public info of `name` (no passphrase needed). */
  info(name: string): Promise<IdentityInfo>;
  /** Every stored identity, sorted by name. */
  list(): Promise<IdentityInfo[]>;
  /** Deletes `name`; false when it did not exist. */
  remove(name: string): Promise<boolean>;
}
