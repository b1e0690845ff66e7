/**
 * Self-signed X.509 certificates for the devnet's HTTPS servers, built with WebCrypto
 * (ECDSA P-256) and a small DER writer: no openssl needed.
 *
 * @module
 */
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  octetString,
  oid,
  sequence,
  set,
  time,
  utf8String,
} from "./asn1.ts";
import { toPem } from "./pem.ts";

/** A certificate and its private key, PEM-encoded for `Deno.serve({ cert, key })`. */
export interface TlsCertificate {
  /** `-----BEGIN CERTIFICATE-----` PEM. */
  readonly cert: string;
  /** `-----BEGIN PRIVATE KEY-----` PEM (PKCS#8). */
  readonly key: string;
  /** The certificate's DER bytes. */
  readonly der: Uint8Array;
}

/** Options for {@link createSelfSignedCert}. */
export interface CertOptions {
  /** Subject and issuer common name (default `"sessionbot devnet"`). */
  readonly commonName?: string;
  /** IPv4 addresses for the subjectAltName (default `["127.0.0.1"]`). */
  readonly ips?: readonly string[];
  /** DNS names for the subjectAltName (default `["localhost"]`). */
  readonly dnsNames?: readonly string[];
  /** Validity in days from one hour ago (default 3650). */
  readonly days?: number;
}

const ECDSA_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));

/**
 * Creates a fresh ECDSA P-256 key and a self-signed certificate for it.
 *
 * @example
 * ```ts
 * const { cert, key } = await createSelfSignedCert({ commonName: "node 1" });
 * const server = Deno.serve({ hostname: "127.0.0.1", port: 0, cert, key }, () => new Response("hi"));
 * await server.shutdown();
 * ```
 */
export async function createSelfSignedCert(options: CertOptions = {}): Promise<TlsCertificate> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const tbs = tbsCertificate(spki, options);
  const raw = new Uint8Array(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, tbs.slice()),
  );
  const signature = sequence(integer(raw.subarray(0, 32)), integer(raw.subarray(32)));
  const der = sequence(tbs, ECDSA_SHA256, bitString(signature));
  return Object.freeze({ cert: toPem("CERTIFICATE", der), key: toPem("PRIVATE KEY", pkcs8), der });
}

function tbsCertificate(spki: Uint8Array, options: CertOptions): Uint8Array {
  const name = sequence(
    set(sequence(oid("2.5.4.3"), utf8String(options.commonName ?? "sessionbot devnet"))),
  );
  const from = new Date(Date.now() - 3_600_000);
  const until = new Date(from.getTime() + (options.days ?? 3650) * 86_400_000);
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] &= 0x7f;
  return sequence(
    explicit(0, integer(2)),
    integer(serial),
    ECDSA_SHA256,
    name,
    sequence(time(from), time(until)),
    name,
    spki,
    explicit(3, sequence(...extensions(options))),
  );
}

function extensions(options: CertOptions): Uint8Array[] {
  const ips = (options.ips ?? ["127.0.0.1"]).map((ip) =>
    implicit(7, Uint8Array.from(ip.split(".").map(Number)))
  );
  const dns = (options.dnsNames ?? ["localhost"]).map((n) =>
    implicit(2, new TextEncoder().encode(n))
  );
  return [
    sequence(oid("2.5.29.19"), boolean(true), octetString(sequence())),
    sequence(oid("2.5.29.15"), boolean(true), octetString(bitString(Uint8Array.of(0x80)))),
    sequence(oid("2.5.29.17"), octetString(sequence(...dns, ...ips))),
  ];
}
