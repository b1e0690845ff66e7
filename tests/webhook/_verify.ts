/**
 * An independent Standard Webhooks verifier for the tests, written from the spec with
 * WebCrypto (the signer under test uses node:crypto): parses the headers, checks the
 * timestamp tolerance, accepts any matching `v1,` entry of the space-delimited list.
 */

const encoder = new TextEncoder();

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

async function hmac(key: Uint8Array, data: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    key as BufferSource,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(data)));
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The spec's signature of `id.timestamp.body` under a `whsec_` secret: `v1,<base64>`. */
export async function specSignature(
  secret: string,
  id: string,
  timestamp: string,
  body: string,
): Promise<string> {
  const key = fromBase64(secret.replace(/^whsec_/, ""));
  return `v1,${toBase64(await hmac(key, `${id}.${timestamp}.${body}`))}`;
}

/** Verifies a delivery; throws with the reason, or returns the parsed headers. */
export async function verifyStandardWebhook(
  secret: string,
  headers: Headers,
  body: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): Promise<{ id: string; timestamp: number }> {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signatures = headers.get("webhook-signature");
  if (!id || !timestamp || !signatures) throw new Error("missing webhook-* header");
  if (!/^\d+$/.test(timestamp)) throw new Error("webhook-timestamp is not integer seconds");
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) {
    throw new Error("webhook-timestamp outside the tolerance");
  }
  const expected = await specSignature(secret, id, timestamp, body);
  const ok = signatures.split(" ").some((entry) => {
    const [version] = entry.split(",", 1);
    return version === "v1" && constantTimeEqual(entry, expected);
  });
  if (!ok) throw new Error("no matching v1 signature");
  return { id, timestamp: Number(timestamp) };
}

/** Verifies `X-Hub-Signature-256`, keyed by the secret string's UTF-8 bytes. */
export async function verifyHubSignature(
  secret: string,
  headers: Headers,
  body: string,
): Promise<void> {
  const mac = await hmac(encoder.encode(secret), body);
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
  if (!constantTimeEqual(headers.get("x-hub-signature-256") ?? "", `sha256=${hex}`)) {
    throw new Error("X-Hub-Signature-256 does not match");
  }
}
