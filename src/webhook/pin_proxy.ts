/**
 * A loopback `CONNECT` proxy that makes HTTPS requests go to the address the SSRF guard checked,
 * not to whatever the host name resolves to a moment later (DNS rebinding). Each attempt
 * registers a pin (host, port, address) under a random token and sends it as the proxy's basic
 * auth user; the proxy connects to the pinned address and then only relays bytes: TLS (SNI,
 * certificate checked against the host name) stays between `fetch` and the receiver.
 *
 * @module
 */
import { toHex } from "../core/bytes.ts";

/** Where one attempt may connect. */
export interface Pin {
  readonly host: string;
  readonly port: number;
  readonly address: string;
}

/** The running proxy. */
export interface PinProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Registers `pin`; returns its token (the proxy user name) and a function removing it. */
  add(pin: Pin): { readonly token: string; remove(): void };
  /** Stops listening and closes the tunnels. */
  close(): Promise<void>;
}

/** The request head must fit in this (a CONNECT head is a few hundred bytes). */
const MAX_HEAD = 8192;
const encoder = new TextEncoder();

/**
 * Starts the proxy on 127.0.0.1 (a free port).
 *
 * @example
 * ```ts
 * const proxy = startPinProxy();
 * const { token, remove } = proxy.add({ host: "hooks.example.com", port: 443, address: "93.184.216.34" });
 * const client = Deno.createHttpClient({ proxy: { url: proxy.url, basicAuth: { username: token, password: "" } } });
 * // fetch("https://hooks.example.com/…", { client }) now reaches 93.184.216.34 only
 * client.close();
 * remove();
 * await proxy.close();
 * ```
 */
export function startPinProxy(): PinProxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const pins = new Map<string, Pin>();
  const open = new Set<Deno.Conn>();
  const tunnels = new Set<Promise<void>>();

  async function accept(): Promise<void> {
    try {
      for await (const conn of listener) {
        open.add(conn);
        // Small TLS records both ways: without this, Nagle and delayed ACKs add ~40 ms a turn.
        conn.setNoDelay(true);
        const tunnel = serve(conn).catch(() => {}).finally(() => {
          open.delete(conn);
          tunnels.delete(tunnel);
          try {
            conn.close();
          } catch { /* already closed */ }
        });
        tunnels.add(tunnel);
      }
    } catch { /* listener closed */ }
  }

  async function serve(conn: Deno.Conn): Promise<void> {
    const { head, rest } = await readHead(conn);
    const pin = pinOf(head);
    if (!pin) {
      await conn.write(encoder.encode("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
      return;
    }
    let upstream: Deno.TcpConn;
    try {
      upstream = await Deno.connect({ hostname: pin.address, port: pin.port, transport: "tcp" });
    } catch {
      await conn.write(encoder.encode("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
      return;
    }
    open.add(upstream);
    upstream.setNoDelay(true);
    try {
      await conn.write(encoder.encode("HTTP/1.1 200 Connection Established\r\n\r\n"));
      if (rest.length > 0) await upstream.write(rest);
      await Promise.allSettled([
        conn.readable.pipeTo(upstream.writable),
        upstream.readable.pipeTo(conn.writable),
      ]);
    } finally {
      open.delete(upstream);
      try {
        upstream.close();
      } catch { /* already closed by the pipe */ }
    }
  }

  /** The pin a CONNECT head asks for: its token must be known and its target the pinned one. */
  function pinOf(head: string): Pin | undefined {
    const [line, ...headers] = head.split("\r\n");
    const target = /^CONNECT (\S+):(\d+) HTTP\/1\.[01]$/.exec(line);
    if (!target) return undefined;
    const auth = headers.find((h) => /^proxy-authorization:/i.test(h));
    const basic = auth && /^proxy-authorization:\s*basic\s+(\S+)/i.exec(auth)?.[1];
    if (!basic) return undefined;
    let token: string;
    try {
      token = atob(basic).split(":")[0];
    } catch {
      return undefined;
    }
    const pin = pins.get(token);
    const host = target[1].replace(/^\[(.*)\]$/, "$1").toLowerCase();
    return pin && pin.host === host && pin.port === Number(target[2]) ? pin : undefined;
  }

  const accepting = accept();
  const port = (listener.addr as Deno.NetAddr).port;
  return {
    url: `http://127.0.0.1:${port}`,
    add(pin) {
      const token = toHex(crypto.getRandomValues(new Uint8Array(16)));
      pins.set(token, { ...pin, host: pin.host.toLowerCase() });
      return { token, remove: () => void pins.delete(token) };
    },
    async close() {
      listener.close();
      for (const conn of open) {
        try {
          conn.close();
        } catch { /* already closed */ }
      }
      await accepting;
      await Promise.allSettled([...tunnels]);
    },
  };
}

/** Reads up to the end of the request head; `rest` is what came after it. */
async function readHead(conn: Deno.Conn): Promise<{ head: string; rest: Uint8Array }> {
  const buffer = new Uint8Array(MAX_HEAD);
  let length = 0;
  while (length < MAX_HEAD) {
    const n = await conn.read(buffer.subarray(length));
    if (n === null) break;
    length += n;
    const text = new TextDecoder().decode(buffer.subarray(0, length));
    const end = text.indexOf("\r\n\r\n");
    if (end >= 0) {
      const headBytes = encoder.encode(text.slice(0, end + 4)).length;
      return { head: text.slice(0, end), rest: buffer.slice(headBytes, length) };
    }
  }
  return { head: "", rest: new Uint8Array() };
}
