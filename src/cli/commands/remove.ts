/**
 * `sessionbot remove <name> --yes`: deletes a stored identity.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { UsageError } from "../args.ts";
import type { Command } from "../command.ts";

/** The `remove` command. */
export const remove: Command = {
  name: "remove",
  summary: "delete a stored identity (needs --yes)",
  usage: "<name> --yes",
  details: "The keys are gone for good unless you kept the recovery phrase.",
  flags: { yes: { type: "boolean", short: "y", description: "confirm the deletion" } },
  maxPositionals: 1,
  async run(ctx) {
    const name = ctx.positionals[0];
    if (name === undefined) {
      throw new UsageError("which identity? sessionbot remove <name> --yes", "remove");
    }
    const keyring = await ctx.keyring();
    const info = await keyring.info(name);
    if (!ctx.values.yes) {
      throw new ValidationError(
        `removing "${name}" (${info.sessionId}) deletes its keys for good; if you have its ` +
          "recovery phrase or no longer need it, run again with --yes",
        "confirmation_required",
        "yes",
      );
    }
    await keyring.remove(name);
    ctx.print(`Removed identity "${name}" (${info.sessionId}).`, {
      name,
      sessionId: info.sessionId,
      removed: true,
    });
  },
};
