/**
 * `sessionbot init`: a new identity, stored, with its recovery phrase shown once.
 *
 * @module
 */
import { Identity } from "../../crypto/identity.ts";
import type { Command } from "../command.ts";
import { fields, PHRASE_WARNING, storageNote } from "../format.ts";
import { readPassphrase } from "../stdin.ts";

/** The `init` command. */
export const init: Command = {
  name: "init",
  summary: "create a new Session identity and store it",
  usage: "[--display-name NAME] [--passphrase-stdin]",
  details: "Prints the Session ID and the recovery phrase (once). With --passphrase-stdin the\n" +
    "first line of standard input is the passphrase that encrypts the stored seed.\n" +
    "With --json: {name, sessionId, mnemonic} on stdout and the warning on stderr.",
  flags: {
    "display-name": { type: "string", value: "NAME", description: "profile name to store" },
    "passphrase-stdin": {
      type: "boolean",
      description: "encrypt with a passphrase read from the first line of stdin",
    },
  },
  async run(ctx) {
    const passphrase = ctx.values["passphrase-stdin"] ? await readPassphrase(ctx) : undefined;
    const displayName = ctx.values["display-name"] as string | undefined;
    const keyring = await ctx.keyring();
    const identity = Identity.generate();
    const info = await keyring.save(ctx.identity, identity, { passphrase, displayName });
    const mnemonic = identity.mnemonic();
    if (ctx.json) {
      ctx.print("", { name: info.name, sessionId: info.sessionId, mnemonic });
      ctx.note(`warning: ${PHRASE_WARNING}`);
      return;
    }
    ctx.print(
      `Created identity "${info.name}".\n` +
        fields({ "Session ID": info.sessionId, "Display name": info.displayName }) +
        `${storageNote(info.encrypted, ctx.kvPath)}\n\n` +
        `Recovery phrase:\n\n  ${mnemonic}\n\nWarning: ${PHRASE_WARNING}\n`,
      undefined,
    );
  },
};
