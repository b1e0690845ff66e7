/**
 * `sessionbot restore`: stores an existing account from its recovery phrase on stdin.
 *
 * @module
 */
import { Identity } from "../../crypto/identity.ts";
import type { Command } from "../command.ts";
import { fields, storageNote } from "../format.ts";
import { readPassphrase, readPhrase } from "../stdin.ts";

/** The `restore` command. */
export const restore: Command = {
  name: "restore",
  summary: "store an existing identity from its recovery phrase (read from stdin)",
  usage: "[--display-name NAME] [--passphrase-stdin]",
  details: "Standard input: the recovery phrase on the first non-empty line; with\n" +
    "--passphrase-stdin, the passphrase on the line right after it. Example:\n" +
    '  printf \'%s\\n%s\\n\' "$PHRASE" "$PASSPHRASE" | sessionbot restore --passphrase-stdin\n' +
    "Prints the Session ID, never the phrase.",
  flags: {
    "display-name": { type: "string", value: "NAME", description: "profile name to store" },
    "passphrase-stdin": {
      type: "boolean",
      description: "encrypt with a passphrase read from the line after the phrase",
    },
  },
  async run(ctx) {
    // Decode before asking for more input or opening the store: a typo fails fast.
    const identity = Identity.fromMnemonic(await readPhrase(ctx));
    const passphrase = ctx.values["passphrase-stdin"] ? await readPassphrase(ctx) : undefined;
    const displayName = ctx.values["display-name"] as string | undefined;
    const keyring = await ctx.keyring();
    const info = await keyring.save(ctx.identity, identity, { passphrase, displayName });
    ctx.print(
      `Restored identity "${info.name}".\n` +
        fields({ "Session ID": info.sessionId, "Display name": info.displayName }) +
        storageNote(info.encrypted, ctx.kvPath),
      { name: info.name, sessionId: info.sessionId, encrypted: info.encrypted },
    );
  },
};
