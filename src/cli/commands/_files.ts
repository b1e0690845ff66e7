/**
 * Writing a file so that a crash leaves either the old file or the whole new one, owner-only.
 *
 * @module
 */

/** Writes `bytes` to `path` through a temporary file and a rename, mode 0600. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await Deno.writeFile(temp, bytes, { mode: 0o600 });
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
