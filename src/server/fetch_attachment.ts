/**
 * Attachments given by URL in `POST /v1/messages`: fetched with an SSRF guard (the host must be,
 * and resolve only to, public addresses unless private ones are allowed; every redirect is
 * checked again; the connection goes to the address checked, so a resolver answering
 * differently a moment later — DNS rebinding — is not asked again), a size cap counted while
 * streaming, and a timeout.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { pinnedFetch, type PinnedPool } from "../webhook/pinned.ts";
import { assertPublicTarget, resolveHostDns } from "../webhook/ssrf.ts";

/** Options of {@link createAttachmentFetcher}. */
export interface AttachmentFetcherOptions {
  /** Allow loopback and private targets (default false). */
  readonly allowPrivate?: boolean;
  /** Largest file, bytes (default 10 000 000, Session's attachment limit). */
  readonly maxBytes?: number;
  /** Whole-download timeout, ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Redirects followed, each checked (default 3). */
  readonly maxRedirects?: number;
  /** Host name → IP addresses (default DNS A and AAAA via `Deno.resolveDns`). */
  readonly resolveHost?: (host: string) => Promise<string[]>;
  /** The HTTP client (default the global `fetch`; TLS is verified). */
  readonly fetch?: typeof fetch;
  /**
   * Pinned clients to reuse (the API server passes its own and closes it); without one, each
   * download opens a fresh pinned connection.
   */
  readonly pins?: PinnedPool;
}

/**
 * Makes the fetcher. It throws `ValidationError` (field `url`): `ssrf_refused`, `invalid_url`,
 * `attachment_unavailable` (non-2xx, timeout, unreachable) or `attachment_too_large`.
 *
 * @example
 * ```ts
 * const fetchAttachment = createAttachmentFetcher({ maxBytes: 5_000_000 });
 * const bytes = await fetchAttachment("https://example.com/report.pdf");
 * ```
 */
export function createAttachmentFetcher(
  options: AttachmentFetcherOptions = {},
): (url: string) => Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? 10_000_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 3;
  const resolveHost = options.resolveHost ?? resolveHostDns;
  const http = options.fetch ?? fetch;

  /** The address to connect to (undefined: private targets allowed, no pinning). */
  async function check(url: URL): Promise<string | undefined> {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw fail(`attachment URLs use https: or http:, not ${url.protocol}`, "invalid_url");
    }
    if (url.username || url.password) {
      throw fail("attachment URLs cannot carry credentials (user:password@)", "invalid_url");
    }
    if (options.allowPrivate) return undefined;
    try {
      return (await assertPublicTarget(url, resolveHost, PRIVATE_HINT))[0];
    } catch (error) {
      if (error instanceof ValidationError && error.code === "unresolvable_host") {
        throw fail(error.message, "attachment_unavailable");
      }
      throw error;
    }
  }

  /** A fetch connected to `address` only (DNS rebinding), pooled when a pool was given. */
  function pin(url: URL, address: string) {
    if (options.pins) {
      const lease = options.pins.acquire(url, address, http);
      return { fetch: lease.fetch, done: () => Promise.resolve(lease.release()) };
    }
    const pinned = pinnedFetch(url, address, http);
    return { fetch: pinned.fetch, done: () => pinned.close() };
  }

  return async function fetchAttachment(text: string): Promise<Uint8Array> {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw fail(`'${String(text).slice(0, 200)}' is not an absolute URL`, "invalid_url");
    }
    const signal = AbortSignal.timeout(timeoutMs);
    for (let hop = 0;; hop++) {
      const address = await check(url);
      const pinned = address === undefined ? undefined : pin(url, address);
      try {
        let response: Response;
        try {
          response = await (pinned?.fetch ?? http)(url, { redirect: "manual", signal });
        } catch (error) {
          throw fail(`cannot fetch ${url.origin}: ${reason(error)}`, "attachment_unavailable");
        }
        const location = response.headers.get("location");
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          if (hop >= maxRedirects) throw fail("too many redirects", "attachment_unavailable");
          url = new URL(location, url);
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw fail(`${url.origin} answered ${response.status}`, "attachment_unavailable");
        }
        return await readCapped(response, maxBytes);
      } finally {
        await pinned?.done();
      }
    }
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw fail(`the download broke off: ${reason(error)}`, "attachment_unavailable");
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

const PRIVATE_HINT = "attachment URLs must point at public addresses (the service can be " +
  "started with allowPrivateAttachmentUrls to allow private ones)";

function tooLarge(maxBytes: number): ValidationError {
  return new ValidationError(
    `the file is larger than ${maxBytes} bytes, the attachment limit`,
    "attachment_too_large",
    "url",
  );
}

function fail(message: string, code: string): ValidationError {
  return new ValidationError(message, code, "url");
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
