/**
 * Self-signed TLS certificates for devnet servers (ECDSA P-256, built without openssl).
 *
 * @module
 */
export { type CertOptions, createSelfSignedCert, type TlsCertificate } from "./cert.ts";
