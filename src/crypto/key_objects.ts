/**
 * Wraps raw 32-byte curve keys as `node:crypto` KeyObjects. Deno backs `node:crypto` with native
 * code and runs it synchronously, which measured 2-3x faster than WebCrypto's async calls for
 * X25519 and Ed25519 on the hot message path (see bench/crypto.bench.ts).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { assertBytes } from "../core/bytes.ts";

/** The curve OIDs' last byte: 1.3.101.110 is X25519, 1.3.101.112 is Ed25519. */
const OID_BYTE = { x25519: 0x6e, ed25519: 0x70 } as const;

/** Curves supported by the key helpers. */
export type Curve = keyof typeof OID_BYTE;

function derWith(prefix: number[], key: Uint8Array): Buffer {
  const der = Buffer.alloc(prefix.length + 32);
  der.set(prefix, 0);
  der.set(key, prefix.length);
  return der;
}

/** A private KeyObject from a 32-byte secret (Ed25519 seed, or X25519 scalar). */
export function privateKeyObject(curve: Curve, secret: Uint8Array): KeyObject {
  assertBytes(secret, 32, `${curve} secret`);
  // PKCS#8: SEQUENCE { INTEGER 0, SEQUENCE { OID }, OCTET STRING { OCTET STRING secret } }
  const prefix = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65];
  const der = derWith([...prefix, OID_BYTE[curve], 0x04, 0x22, 0x04, 0x20], secret);
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
}

/** A public KeyObject from a 32-byte public key. */
export function publicKeyObject(curve: Curve, publicKey: Uint8Array): KeyObject {
  assertBytes(publicKey, 32, `${curve} public key`);
  // SPKI: SEQUENCE { SEQUENCE { OID }, BIT STRING { 0 unused bits, key } }
  const prefix = [
    0x30,
    0x2a,
    0x30,
    0x05,
    0x06,
    0x03,
    0x2b,
    0x65,
    OID_BYTE[curve],
    0x03,
    0x21,
    0x00,
  ];
  return createPublicKey({ key: derWith(prefix, publicKey), format: "der", type: "spki" });
}

/** The raw 32-byte public key of a public KeyObject. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: "der", type: "spki" });
  return new Uint8Array(der.subarray(der.length - 32));
}

/** Views a Uint8Array as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
