/**
 * PEM armour for DER bytes.
 *
 * @module
 */
import { toBase64 } from "../../core/bytes.ts";

/** Wraps `der` as a PEM block with `label` (e.g. `CERTIFICATE`, `PRIVATE KEY`). */
export function toPem(label: string, der: Uint8Array): string {
  const body = toBase64(der).match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`, ""].join("\n");
}
