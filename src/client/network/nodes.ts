/**
 * Service node records as seeds, `oxend_request` and `get_swarm` list them, read into
 * `ServiceNode`s. Records without a usable address (empty or `0.0.0.0`: no uptime proof yet)
 * or with malformed keys are skipped.
 *
 * @module
 */
import { isHex } from "../../core/bytes.ts";
import type { ServiceNode } from "../../onion/mod.ts";

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * Reads one record: seed/oxend form (`public_ip`, `storage_port`) or `get_swarm` form (`ip`,
 * `port_https` or the string `port`), both with `pubkey_ed25519` and `pubkey_x25519`.
 *
 * @example
 * ```ts
 * readNode({ public_ip: "1.2.3.4", storage_port: 22021, pubkey_ed25519: ed, pubkey_x25519: x });
 * ```
 */
export function readNode(record: unknown): ServiceNode | undefined {
  if (typeof record !== "object" || record === null) return undefined;
  const r = record as Record<string, unknown>;
  const ip = r.public_ip ?? r.ip;
  const port = Number(r.storage_port ?? r.port_https ?? r.port);
  const { pubkey_ed25519: ed25519, pubkey_x25519: x25519 } = r;
  if (typeof ip !== "string" || !IPV4.test(ip) || ip === "0.0.0.0") return undefined;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  if (!isHex(ed25519, 32) || !isHex(x25519, 32)) return undefined;
  return Object.freeze({ ed25519: ed25519.toLowerCase(), x25519: x25519.toLowerCase(), ip, port });
}

/**
 * Every usable record of a list, first occurrence per Ed25519 key.
 *
 * @example
 * ```ts
 * import { readNodes } from "./mod.ts";
 *
 * const ed = "aa".repeat(32), x = "bb".repeat(32);
 * const nodes = readNodes([
 *   { public_ip: "1.2.3.4", storage_port: 22021, pubkey_ed25519: ed, pubkey_x25519: x },
 *   { public_ip: "0.0.0.0", storage_port: 22021, pubkey_ed25519: "cc".repeat(32), pubkey_x25519: x },
 * ]);
 * console.log(nodes.length); // 1: the node without an uptime proof (0.0.0.0) is skipped
 * ```
 */
export function readNodes(records: unknown): ServiceNode[] {
  if (!Array.isArray(records)) return [];
  const seen = new Map<string, ServiceNode>();
  for (const record of records) {
    const node = readNode(record);
    if (node && !seen.has(node.ed25519)) seen.set(node.ed25519, node);
  }
  return [...seen.values()];
}
