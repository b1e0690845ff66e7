/**
 * `sessionbot backup --out <file>`: the whole key store (identities, cursors, dedup markers,
 * contacts, plugin state, webhooks, event log) in one file encrypted under a passphrase read
 * from standard input.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import { liveService } from "../../service/heartbeat.ts";
import { createBackup } from "../../backup/mod.ts";
import { UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { createProgress } from "../progress.ts";
import { readPassphrase } from "../stdin.ts";
import { writeFileAtomic } from "./_files.ts";

/** The `backup` command. */
export const backup: Command = {
  name: "backup",
  summary: "write an encrypted backup of the key store (passphrase from stdin)",
  usage: "--out FILE [--force] [--live]",
  details: "The passphrase that encrypts the backup is the first line of standard input\n" +
    "(scrypt + XChaCha20-Poly1305; without it the backup cannot be opened). Stop the service\n" +
    "using the store first, so the backup is one consistent state: a running `sessionbot run`\n" +
    "is detected and the backup refused (--live takes it anyway). Restore it with\n" +
    "`sessionbot restore-backup FILE --kv NEW.kv`.\n" +
    'With --json: {"file","entries","bytes","createdAt","exactExpiry"}.',
  flags: {
    out: { type: "string", value: "FILE", description: "where to write the backup" },
    force: { type: "boolean", description: "overwrite FILE when it exists" },
    live: {
      type: "boolean",
      description: "back up even while a service uses the store (may be inconsistent)",
    },
    "passphrase-stdin": {
      type: "boolean",
      description: "the backup passphrase is the first line of stdin (always the case)",
    },
  },
  async run(ctx) {
    const out = ctx.values.out;
    if (typeof out !== "string" || out === "") throw new UsageError("--out is required", "backup");
    if (!ctx.values.force && await exists(out)) {
      throw new UsageError(`${out} exists: choose another --out, or add --force`, "backup");
    }
    const passphrase = await readPassphrase(ctx);
    const kv = await ctx.kv();
    const live = await liveService(kv);
    if (live && !ctx.values.live) {
      throw new SessionBotError(
        `a sessionbot service (pid ${live.pid}) is using ${ctx.kvPath} (seen ` +
          `${Math.max(0, Math.round((Date.now() - live.at) / 1000))} s ago): stop it first so ` +
          "the backup is one consistent state, or add --live to copy it while it runs",
        "store_in_use",
      );
    }
    const logN = ctx.io.env.SESSIONBOT_SCRYPT_LOG_N; // test-only knob, as for identities
    const progress = createProgress(ctx.io);
    const result = await progress.task(
      "encrypting the backup",
      () =>
        createBackup(kv, passphrase, {
          ...(logN ? { kdf: { logN: Number(logN) } } : {}),
          ...(isLocalFile(ctx.kvPath) ? { kvPath: ctx.kvPath } : {}),
        }),
    );
    await writeFileAtomic(out, result.bytes);
    ctx.print(
      `Backed up ${result.entries} entries of ${ctx.kvPath} to ${out} (${result.bytes.length} ` +
        "bytes). Keep the passphrase: without it the backup cannot be restored.",
      {
        file: out,
        entries: result.entries,
        bytes: result.bytes.length,
        createdAt: result.createdAt,
        exactExpiry: result.exactExpiry,
      },
    );
  },
};

function isLocalFile(path: string): boolean {
  return path !== ":memory:" && !/^https?:\/\//.test(path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
