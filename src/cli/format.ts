/**
 * Human-readable output helpers.
 *
 * @module
 */

/** `label: value` lines with aligned values; undefined values are skipped. */
export function fields(rows: Readonly<Record<string, string | boolean | undefined>>): string {
  const entries = Object.entries(rows).filter(([, v]) => v !== undefined);
  const width = Math.max(...entries.map(([k]) => k.length)) + 2;
  return entries.map(([k, v]) => `${(k + ":").padEnd(width)}${v}`).join("\n") + "\n";
}

/** The warning printed with every recovery phrase. */
export const PHRASE_WARNING =
  "the recovery phrase is this account's master secret: anyone who has it controls the " +
  "account. Write it down, keep it offline, never share it; it is shown only once.";

/** Where the seed went, in words. */
export function storageNote(encrypted: boolean, kvPath: string): string {
  return encrypted
    ? `Stored in ${kvPath}, encrypted with your passphrase.`
    : `Stored in ${kvPath} without a passphrase (file mode 0600): anyone who can read that ` +
      "file controls the account. Use --passphrase-stdin to encrypt it.";
}
