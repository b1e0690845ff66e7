/**
 * Keeping secrets out of logs: recovery phrases, seeds and keys in hex, passphrases, tokens,
 * and any field whose name says it is secret. Every log record the bot writes passes here.
 *
 * @module
 */
import { ENGLISH_WORDS } from "../crypto/mnemonic/mod.ts";

/** What a secret is replaced with. */
export const REDACTED = "[redacted]";

/** Field names whose values are never logged. */
const SECRET_NAME =
  /pass(word|phrase)?|secret|token|seed|mnemonic|recovery|private|credential|cookie|authori[sz]ation|signature|(^|[^b])key$/i;

const WORDS = new Set(ENGLISH_WORDS);
/** Recovery phrases are 13 words; 12 in a row from the list is already one. */
const PHRASE_WORDS = 12;
const HEX_SECRET =
  /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{128}|[0-9a-fA-F]{64}|[0-9a-fA-F]{32})(?![0-9a-fA-F])/g;
const ASSIGNED =
  /\b(pass(?:word|phrase)?|secret|token|seed|mnemonic|api[_-]?key|auth)\b(\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/g;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;

/**
 * `text` with secrets replaced: runs of 12+ recovery-phrase words, 32/64/128-digit hex (seeds,
 * private keys; 66-digit Session IDs stay), `password=…`-style assignments, bearer tokens and
 * URL passwords.
 *
 * @example
 * ```ts
 * import { redactText } from "./mod.ts";
 *
 * redactText("token=abc123 seed " + "ab".repeat(16)); // "token=[redacted] seed [redacted]"
 * ```
 */
export function redactText(text: string): string {
  let out = text.replace(HEX_SECRET, REDACTED)
    .replace(ASSIGNED, (_, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(BEARER, (_, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_PASSWORD, (_, head: string) => `${head}${REDACTED}@`);
  if (out.length >= PHRASE_WORDS * 3) out = redactPhrases(out);
  return out;
}

function redactPhrases(text: string): string {
  const tokens = text.split(/(\s+)/);
  let runStart = -1;
  let runWords = 0;
  const ranges: [number, number][] = [];
  const flush = (end: number) => {
    if (runWords >= PHRASE_WORDS) ranges.push([runStart, end]);
    runStart = -1;
    runWords = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (/^\s+$/.test(token) || token === "") continue;
    const word = token.toLowerCase().replace(/^["'(]+|[.,;:!?"')]+$/g, "");
    if (WORDS.has(word)) {
      if (runStart < 0) runStart = i;
      runWords++;
    } else {
      flush(i - 1);
    }
  }
  flush(tokens.length - 1);
  if (ranges.length === 0) return text;
  for (const [start, end] of ranges.reverse()) {
    let last = end;
    while (last > start && /^\s*$/.test(tokens[last])) last--;
    tokens.splice(start, last - start + 1, REDACTED);
  }
  return tokens.join("");
}

/**
 * Whether a field called `name` holds a secret.
 *
 * @example
 * ```ts
 * import { isSecretName } from "./mod.ts";
 *
 * console.log(isSecretName("apiToken"), isSecretName("publicKey"), isSecretName("chat"));
 * // true false false
 * ```
 */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !/public|pubkey/i.test(name);
}

/**
 * A copy of `value` safe to log: secret-named fields replaced, strings scrubbed with
 * {@link redactText}, bytes summarised, errors reduced to name, code and message, cycles and
 * depth cut.
 *
 * @example
 * ```ts
 * import { redact } from "./mod.ts";
 *
 * redact({ user: "ann", passphrase: "hunter2", nested: { apiKey: "k" } });
 * // { user: "ann", passphrase: "[redacted]", nested: { apiKey: "[redacted]" } }
 * ```
 */
export function redact(value: unknown, depth = 6, seen: WeakSet<object> = new WeakSet()): unknown {
  switch (typeof value) {
    case "string":
      return redactText(value);
    case "bigint":
      return value.toString();
    case "function":
      return "[function]";
    case "symbol":
      return value.toString();
    case "object":
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    return `[${value.byteLength} bytes]`;
  }
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return "[circular]";
  if (depth <= 0) return "[…]";
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(typeof code === "string" ? { code } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, depth - 1, seen) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth - 1, seen));
  if (value instanceof Map) {
    return redact(Object.fromEntries(value), depth, seen);
  }
  if (value instanceof Set) return redact([...value], depth, seen);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return redact(toJSON.call(value), depth - 1, seen);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = isSecretName(key) ? REDACTED : redact(field, depth - 1, seen);
  }
  return out;
}
