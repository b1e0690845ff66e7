/**
 * Pure cryptography of the Session protocol: identities and recovery phrases, IDs, blinding,
 * Ed25519/X25519, the sealed box and the 1:1 sign-then-seal scheme. No I/O.
 *
 * @module
 */
export { Identity, type PublicIdentity } from "./identity.ts";
export { decodeMnemonic, encodeMnemonic } from "./mnemonic/mod.ts";
export { assertSessionId, IdPrefix, isSessionId, type ParsedId, parseId } from "./ids.ts";
export * from "./blinding.ts";
export {
  type SogsAuthOptions,
  type SogsHeaders,
  sogsRequestHeaders,
  type SogsSignatureInput,
  sogsSignatureMessage,
} from "./sogs_auth.ts";
export { createEd25519Signer, type Ed25519Signer, verifyEd25519 } from "./ed25519.ts";
export {
  ed25519ToX25519PublicKey,
  generateX25519KeyPair,
  type X25519KeyPair,
  x25519KeyPair,
  x25519ToEd25519PublicKey,
} from "./x25519.ts";
export { openBox, sealBox, SEALED_BOX_OVERHEAD } from "./sealed_box.ts";
export { type PaddingScheme, padMessage, unpadMessage } from "./padding.ts";
export { openAndVerify, type OpenedMessage, signAndSeal } from "./session_protocol.ts";
export { blake2b, type Blake2bOptions } from "./hash.ts";
export * from "./attachments/mod.ts";
export * from "./ons/mod.ts";
