/**
 * `sessionbot restore-backup <file>`: restores a backup into an empty key store.
 *
 * @module
 */
import { restoreBackup } from "../../backup/mod.ts";
import { createKeyring } from "../../client/keyring/mod.ts";
import { ValidationError } from "../../core/errors.ts";
import { UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { createProgress } from "../progress.ts";
import { readPassphrase } from "../stdin.ts";

/** The `restore-backup` command. */
export const restoreBackupCommand: Command = {
  name: "restore-backup",
  summary: "restore a backup into an empty key store (passphrase from stdin)",
  usage: "FILE [--kv NEW.kv]",
  details: "The backup's passphrase is the first line of standard input. The target store\n" +
    "(--kv / SESSIONBOT_KV) must be empty; nothing is written unless the file decrypts. The\n" +
    "bot then continues where the backup was taken: messages it had are not delivered again.\n" +
    'With --json: {"file","entries","createdAt","identities":[{name,sessionId}]}.',
  flags: {
    "passphrase-stdin": {
      type: "boolean",
      description: "the backup passphrase is the first line of stdin (always the case)",
    },
  },
  maxPositionals: 1,
  async run(ctx) {
    const file = ctx.positionals[0];
    if (file === undefined) {
      throw new UsageError("which backup? sessionbot restore-backup FILE", "restore-backup");
    }
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(file);
    } catch (error) {
      throw new ValidationError(
        `cannot read the backup ${file}: ${(error as Error).message}`,
        "backup_unreadable",
        "file",
      );
    }
    const passphrase = await readPassphrase(ctx);
    const kv = await ctx.kv();
    const progress = createProgress(ctx.io);
    const result = await progress.task(
      "restoring the backup",
      () =>
        restoreBackup(
          kv,
          bytes,
          passphrase,
          ({ done, total }) => progress.update(`${done}/${total}`),
        ),
    );
    const identities = (await createKeyring(kv).list()).map((i) => ({
      name: i.name,
      sessionId: i.sessionId,
    }));
    ctx.print(
      `Restored ${result.entries} entries into ${ctx.kvPath} (backup taken ` +
        `${new Date(result.createdAt).toISOString()}).\n` +
        identities.map((i) => `  ${i.name}  ${i.sessionId}`).join("\n"),
      { file, entries: result.entries, createdAt: result.createdAt, identities },
    );
  },
};
