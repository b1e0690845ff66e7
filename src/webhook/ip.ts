/**
 * IP address parsing and the ranges an SSRF guard refuses: everything that is not a public
 * unicast address (loopback, RFC 1918, link-local, CGNAT, ULA, multicast, unspecified,
 * reserved and documentation ranges), including IPv4 addresses embedded in IPv6
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 *
 * @module
 */

/** IPv4 ranges that are not public unicast: [first octets, prefix length, why]. */
const V4_BLOCKED: readonly [readonly number[], number, string][] = [
  [[0], 8, "unspecified (0.0.0.0/8)"],
  [[10], 8, "private (10.0.0.0/8)"],
  [[100, 64], 10, "carrier-grade NAT (100.64.0.0/10)"],
  [[127], 8, "loopback (127.0.0.0/8)"],
  [[169, 254], 16, "link-local (169.254.0.0/16)"],
  [[172, 16], 12, "private (172.16.0.0/12)"],
  [[192, 0, 0], 24, "IETF protocol assignments (192.0.0.0/24)"],
  [[192, 0, 2], 24, "documentation (192.0.2.0/24)"],
  [[192, 88, 99], 24, "6to4 relay anycast (192.88.99.0/24)"],
  [[192, 168], 16, "private (192.168.0.0/16)"],
  [[198, 18], 15, "benchmarking (198.18.0.0/15)"],
  [[198, 51, 100], 24, "documentation (198.51.100.0/24)"],
  [[203, 0, 113], 24, "documentation (203.0.113.0/24)"],
  [[224], 4, "multicast (224.0.0.0/4)"],
  [[240], 4, "reserved (240.0.0.0/4, incl. broadcast)"],
];

/** IPv6 ranges (by leading bytes) that are not public unicast. */
const V6_BLOCKED: readonly [readonly number[], number, string][] = [
  [[0xfc], 7, "unique local (fc00::/7)"],
  [[0xfe, 0x80], 10, "link-local (fe80::/10)"],
  [[0xfe, 0xc0], 10, "site-local (fec0::/10)"],
  [[0xff], 8, "multicast (ff00::/8)"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "documentation (2001:db8::/32)"],
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, "discard-only (100::/64)"],
  [[0x20, 0x01, 0, 0], 32, "Teredo (2001::/32)"],
];

/**
 * The bytes of an IPv4 address in dotted-quad form, or undefined.
 *
 * @example
 * ```ts
 * parseIPv4("10.1.2.3"); // Uint8Array [10, 1, 2, 3]
 * ```
 */
export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return undefined;
    const n = Number(parts[i]);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

/**
 * The 16 bytes of an IPv6 address (brackets and a `%zone` allowed), or undefined.
 *
 * @example
 * ```ts
 * parseIPv6("[::ffff:127.0.0.1]"); // 16 bytes ending in 7f 00 00 01
 * ```
 */
export function parseIPv6(text: string): Uint8Array | undefined {
  let s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  s = s.split("%")[0];
  if (!s.includes(":")) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === "") return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIPv4(part);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        out.push(parseInt(part, 16));
      } else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

function inRange(bytes: Uint8Array, start: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[i] ?? 0) & mask) !== ((start[i] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Reason(bytes: Uint8Array): string | undefined {
  for (const [start, bits, why] of V4_BLOCKED) if (inRange(bytes, start, bits)) return why;
  return undefined;
}

function v6Reason(b: Uint8Array): string | undefined {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return "unspecified (::)";
  if (zeros(0, 15) && b[15] === 1) return "loopback (::1)";
  const embedded = (v4: Uint8Array, kind: string) => {
    const why = v4Reason(v4);
    return why ? `${kind} ${[...v4].join(".")}: ${why}` : undefined;
  };
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) {
    return embedded(b.slice(12), "IPv4-mapped") ?? undefined;
  }
  if (zeros(0, 12)) return embedded(b.slice(12), "IPv4-compatible") ?? "IPv4-compatible (::/96)";
  if (inRange(b, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) {
    return embedded(b.slice(12), "NAT64");
  }
  if (b[0] === 0x20 && b[1] === 0x02) return embedded(b.slice(2, 6), "6to4");
  for (const [start, bits, why] of V6_BLOCKED) if (inRange(b, start, bits)) return why;
  return undefined;
}

/**
 * Why `address` (an IPv4 or IPv6 literal) is not a public unicast address, or undefined when
 * it is. Throws a `TypeError` for text that is not an IP address.
 *
 * @example
 * ```ts
 * blockedReason("169.254.169.254"); // "link-local (169.254.0.0/16)"
 * blockedReason("93.184.216.34"); // undefined
 * ```
 */
export function blockedReason(address: string): string | undefined {
  const v4 = parseIPv4(address);
  if (v4) return v4Reason(v4);
  const v6 = parseIPv6(address);
  if (v6) return v6Reason(v6);
  throw new TypeError(`'${address}' is not an IP address`);
}

/**
 * Whether `text` is an IPv4 or IPv6 literal.
 *
 * @example
 * ```ts
 * isIpLiteral("[::1]"); // true
 * ```
 */
export function isIpLiteral(text: string): boolean {
  return parseIPv4(text) !== undefined || parseIPv6(text) !== undefined;
}
