/**
 * `fetch` bound to the address the SSRF guard checked. Without it, `fetch` resolves the host
 * name again itself and a resolver that answers differently a moment later (DNS rebinding)
 * could point a webhook or an attachment download at a private address. HTTP goes over a socket
 * to that address; HTTPS through a per-request loopback `CONNECT` proxy (`pin_proxy.ts`) that
 * connects only there, while TLS (SNI, the certificate checked against the host name) is
 * unchanged. The `Host` header and everything else are the URL's. A process whose `--allow-net`
 * list does not let it reach the address itself (it names hosts only) requests by name.
 *
 * @module
 */
import { startPinProxy } from "./pin_proxy.ts";

/** A fetch pinned to one address; `close` it once the response body has been read. */
export interface PinnedFetch {
  /** `base` with the pinned HTTP client. */
  readonly fetch: typeof fetch;
  /** Closes the client (and the proxy, for HTTPS). */
  close(): Promise<void>;
}

/** Options of {@link pinnedFetch}. */
export interface PinnedFetchOptions {
  /** Extra root certificates (PEM), for tests against a local TLS server. */
  readonly caCerts?: string[];
}

/**
 * Pins requests to `url`'s host and port to `address`.
 *
 * @example
 * ```ts
 * const url = new URL("https://hooks.example.com/session");
 * const pinned = pinnedFetch(url, "93.184.216.34");
 * try {
 *   const response = await pinned.fetch(url, { method: "POST", body: "{}" });
 *   await response.body?.cancel();
 * } finally {
 *   await pinned.close();
 * }
 * ```
 */
export function pinnedFetch(
  url: URL,
  address: string,
  base: typeof fetch = fetch,
  options: PinnedFetchOptions = {},
): PinnedFetch {
  const https = url.protocol === "https:";
  const port = Number(url.port || (https ? 443 : 80));
  if (!mayConnect(address, port)) {
    // Run with an --allow-net list naming hosts, not their addresses: connecting to the address
    // itself is not allowed, so the request goes by name (Deno's list is then the guard).
    return { fetch: base, close: () => Promise.resolve() };
  }
  const caCerts = options.caCerts ? { caCerts: options.caCerts } : {};
  if (!https) {
    const client = Deno.createHttpClient({
      proxy: { transport: "tcp", hostname: address, port },
      ...caCerts,
    });
    return {
      fetch: (input, init) => base(input, { ...init, client }),
      close: () => Promise.resolve(client.close()),
    };
  }
  const proxy = startPinProxy();
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const pin = proxy.add({ host, port, address });
  const client = Deno.createHttpClient({
    proxy: { url: proxy.url, basicAuth: { username: pin.token, password: "" } },
    ...caCerts,
  });
  return {
    fetch: (input, init) => base(input, { ...init, client }),
    async close() {
      client.close();
      pin.remove();
      await proxy.close();
    },
  };
}

/** Whether this process may open a connection to `address`:`port`. */
function mayConnect(address: string, port: number): boolean {
  const host = address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
  try {
    return Deno.permissions.querySync({ name: "net", host }).state === "granted";
  } catch {
    return false;
  }
}

/** A shared pinned fetch, see {@link PinnedPool}. */
export interface PinnedLease {
  /** The pinned fetch. */
  readonly fetch: typeof fetch;
  /** Done with it (the response body read): idle clients close after a while. */
  release(): void;
}

/**
 * Pinned clients shared per origin and address. A fresh pinned connection costs a TCP (and
 * TLS) handshake plus ~40 ms delayed-ACK turns on Deno's proxied sockets: reusing the client
 * keeps its connections alive across deliveries to the same endpoint.
 */
export interface PinnedPool {
  /** A pinned fetch for `url`'s origin and `address`, shared while in use, kept `idleMs` after. */
  acquire(url: URL, address: string, base: typeof fetch): PinnedLease;
  /** Closes every client. */
  close(): Promise<void>;
}

/** Options of {@link createPinnedPool}. */
export interface PinnedPoolOptions extends PinnedFetchOptions {
  /** How long an unused client stays open, ms (default 30 s). */
  readonly idleMs?: number;
}

/**
 * Creates a pool whose idle clients close after `idleMs` (default 30 s).
 *
 * @example
 * ```ts
 * const pool = createPinnedPool();
 * const url = new URL("https://hooks.example.com/session");
 * const lease = pool.acquire(url, "93.184.216.34", fetch);
 * try {
 *   await (await lease.fetch(url, { method: "POST", body: "{}" })).body?.cancel();
 * } finally {
 *   lease.release();
 * }
 * await pool.close();
 * ```
 */
export function createPinnedPool(options: PinnedPoolOptions = {}): PinnedPool {
  const idleMs = options.idleMs ?? 30_000;
  interface Entry {
    readonly pinned: PinnedFetch;
    users: number;
    timer?: ReturnType<typeof setTimeout>;
  }
  const entries = new Map<string, Entry>();
  const closing = new Set<Promise<void>>();

  function retire(key: string, entry: Entry): void {
    if (entries.get(key) === entry) entries.delete(key);
    const done: Promise<void> = entry.pinned.close().finally(() => closing.delete(done));
    closing.add(done);
  }

  return {
    acquire(url, address, base) {
      const key = `${url.origin}|${address}`;
      let entry = entries.get(key);
      if (entry) clearTimeout(entry.timer);
      else entries.set(key, entry = { pinned: pinnedFetch(url, address, base, options), users: 0 });
      const held = entry;
      held.users++;
      let released = false;
      return {
        fetch: held.pinned.fetch,
        release() {
          if (released) return;
          released = true;
          if (--held.users > 0) return;
          const timer = setTimeout(() => retire(key, held), idleMs);
          Deno.unrefTimer(timer);
          held.timer = timer;
        },
      };
    },
    async close() {
      for (const [key, entry] of [...entries]) {
        clearTimeout(entry.timer);
        retire(key, entry);
      }
      await Promise.allSettled([...closing]);
    },
  };
}
