/**
 * `sessionbot id`: the public keys of the stored identity, or of a phrase/seed without storing.
 *
 * @module
 */
import { Identity } from "../../crypto/identity.ts";
import { assertServerPubkey, blindedIdsOf, blindedIdsOfPublic } from "../blinded.ts";
import { UsageError } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { fields } from "../format.ts";
import { readPhrase } from "../stdin.ts";

/** The `id` command. */
export const id: Command = {
  name: "id",
  summary: "show an identity's Session ID and public keys",
  usage: '[--mnemonic "<words>" | --seed HEX] [--server-pubkey HEX]',
  details: "Without --mnemonic/--seed: the stored identity (no passphrase needed).\n" +
    "With them: derives the keys without storing anything and also prints the phrase.\n" +
    "JSON fields: sessionId, ed25519PublicKey, x25519PublicKey, mnemonic (derived only),\n" +
    "blinded15 and blinded25 (with --server-pubkey).\n" +
    "A phrase on the command line lands in shell history: use --mnemonic - to read it from stdin.",
  flags: {
    mnemonic: { type: "string", value: "WORDS", description: 'recovery phrase ("-": from stdin)' },
    seed: { type: "string", value: "HEX", description: "16- or 32-byte seed in hex" },
    "server-pubkey": {
      type: "string",
      value: "HEX",
      description: "community server key: also print blinded15/blinded25 IDs",
    },
  },
  async run(ctx) {
    const server = ctx.values["server-pubkey"] as string | undefined;
    const serverPubkey = server === undefined ? undefined : assertServerPubkey(server);
    const identity = await derived(ctx);
    if (identity) {
      const data = {
        ...identity.toPublic(),
        mnemonic: identity.mnemonic(),
        ...(serverPubkey ? blindedIdsOf(identity, serverPubkey) : {}),
      };
      return ctx.print(fields(data), data);
    }
    const info = await (await ctx.keyring()).info(ctx.identity);
    const data = { ...info, ...(serverPubkey ? blindedIdsOfPublic(info, serverPubkey) : {}) };
    ctx.print(fields(data), data);
  },
};

async function derived(ctx: CommandContext): Promise<Identity | undefined> {
  const mnemonic = ctx.values.mnemonic as string | undefined;
  const seed = ctx.values.seed as string | undefined;
  if (mnemonic !== undefined && seed !== undefined) {
    throw new UsageError("use either --mnemonic or --seed, not both", "id");
  }
  if (mnemonic !== undefined) {
    return Identity.fromMnemonic(mnemonic === "-" ? await readPhrase(ctx) : mnemonic);
  }
  return seed === undefined ? undefined : Identity.fromSeed(seed);
}
