/**
 * The IDs an identity has on a community server, for `id --server-pubkey`.
 *
 * @module
 */
import { isHex } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";
import { blind15Ids, blinded15Id, blinded25Id } from "../crypto/blinding.ts";
import type { Identity, PublicIdentity } from "../crypto/identity.ts";

/** The two blinded IDs of an account on one server. */
export interface BlindedIds {
  /** `15…`: what SOGS servers use today. */
  readonly blinded15: string;
  /** `25…`: libsession's newer scheme. */
  readonly blinded25: string;
}

/** Checks `--server-pubkey`: the community's 32-byte key as 64 hex characters. */
export function assertServerPubkey(value: string): string {
  if (isHex(value, 32)) return value.toLowerCase();
  throw new ValidationError(
    "--server-pubkey must be 64 hex characters (the community's public key, the `public_key` " +
      "query parameter of its join URL)",
    "invalid_server_pubkey",
    "server-pubkey",
  );
}

/** Blinded IDs from the private keys: the true blind15 from the Ed25519 seed. */
export function blindedIdsOf(identity: Identity, serverPubkey: string): BlindedIds {
  const seed = new Uint8Array(32);
  const accountSeed = identity.exportSeed();
  seed.set(accountSeed); // 16-byte account seeds are zero-padded, as Identity does
  try {
    return {
      blinded15: blinded15Id(seed, serverPubkey),
      blinded25: blinded25Id(identity.sessionId, serverPubkey),
    };
  } finally {
    seed.fill(0);
    accountSeed.fill(0);
  }
}

/**
 * Blinded IDs from public data only. A Session ID gives two blind15 candidates (it lost the
 * Ed25519 key's sign); the stored Ed25519 public key's sign bit picks the true one.
 */
export function blindedIdsOfPublic(pub: PublicIdentity, serverPubkey: string): BlindedIds {
  const [positive, negative] = blind15Ids(pub.sessionId, serverPubkey);
  const signBit = parseInt(pub.ed25519PublicKey.slice(62, 64), 16) & 0x80;
  return {
    blinded15: signBit ? negative : positive,
    blinded25: blinded25Id(pub.sessionId, serverPubkey),
  };
}
