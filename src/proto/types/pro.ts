/**
 * Session Pro metadata (`Content.proMessage`, field 16). Optional; a bot can ignore it.
 *
 * @module
 */

/**
 * Session Pro metadata attached to a Content.
 */
export interface ProMessage {
  /** 1: the Pro proof. */
  proof?: ProProof;
  /** 2: profile feature bits, a decimal string (opaque 64-bit). */
  profileBitset?: string;
  /** 3: message feature bits, a decimal string (desktop-2026: `messageBitset`). */
  msgBitset?: string;
}

/**
 * A Session Pro proof, in the layout of the newer libsession proto: desktop-2026 additionally
 * sends field 1 `version` (kept as an unknown field) and calls 2 `genIndexHash` and 4
 * `expireAtMs`. Which meaning is deployed is unconfirmed (core.md §3.5).
 */
export interface ProProof {
  /** 2: opaque proof identifier (desktop-2026: `genIndexHash`). */
  revocationTag?: Uint8Array;
  /** 3: key whose signatures carry Pro entitlement. */
  rotatingPublicKey?: Uint8Array;
  /** 4: expiry; libsession: Unix seconds, desktop-2026: ms. */
  expiryUnixTs?: number;
  /** 5: backend signature over the proof. */
  sig?: Uint8Array;
}
