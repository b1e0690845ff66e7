/**
 * A minimal ASN.1 DER writer: just the types an X.509 certificate needs.
 *
 * @module
 */
import { concatBytes, utf8 } from "../../core/bytes.ts";

/** Encodes a DER length (short form under 128, long form otherwise). */
function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** A TLV with `tag` around `content`. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(...content);
  return concatBytes(Uint8Array.of(tag), length(body.length), body);
}

/** `SEQUENCE { ...items }`. */
export function sequence(...items: Uint8Array[]): Uint8Array {
  return tlv(0x30, ...items);
}

/** `SET { ...items }`. */
export function set(...items: Uint8Array[]): Uint8Array {
  return tlv(0x31, ...items);
}

/** A non-negative INTEGER from big-endian magnitude bytes (leading zeros trimmed, sign byte added). */
export function integer(magnitude: Uint8Array | number): Uint8Array {
  let bytes = typeof magnitude === "number" ? Uint8Array.of(magnitude) : magnitude;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes[0] & 0x80) bytes = concatBytes(Uint8Array.of(0), bytes);
  return tlv(0x02, bytes);
}

/** An OBJECT IDENTIFIER from dotted text, e.g. `"1.2.840.10045.4.3.2"`. */
export function oid(dotted: string): Uint8Array {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const base128: number[] = [part & 0x7f];
    for (let rest = Math.floor(part / 128); rest > 0; rest = Math.floor(rest / 128)) {
      base128.unshift(0x80 | (rest & 0x7f));
    }
    out.push(...base128);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** A BIT STRING with no unused bits. */
export function bitString(bytes: Uint8Array): Uint8Array {
  return tlv(0x03, Uint8Array.of(0), bytes);
}

/** An OCTET STRING. */
export function octetString(bytes: Uint8Array): Uint8Array {
  return tlv(0x04, bytes);
}

/** A UTF8String. */
export function utf8String(text: string): Uint8Array {
  return tlv(0x0c, utf8(text));
}

/** BOOLEAN. */
export function boolean(value: boolean): Uint8Array {
  return tlv(0x01, Uint8Array.of(value ? 0xff : 0));
}

/** UTCTime (`YYMMDDHHMMSSZ`) for 1950..2049, GeneralizedTime after that, as RFC 5280 asks. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
  const year = date.getUTCFullYear();
  return year < 2050 ? tlv(0x17, utf8(iso.slice(2))) : tlv(0x18, utf8(iso));
}

/** A context-specific constructed tag `[n]` (EXPLICIT wrapping). */
export function explicit(n: number, ...content: Uint8Array[]): Uint8Array {
  return tlv(0xa0 | n, ...content);
}

/** A context-specific primitive tag `[n]` (IMPLICIT, e.g. a SAN entry). */
export function implicit(n: number, bytes: Uint8Array): Uint8Array {
  return tlv(0x80 | n, bytes);
}
