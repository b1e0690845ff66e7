/**
 * `sessionbot list`: the stored identities.
 *
 * @module
 */
import type { Command } from "../command.ts";

/** The `list` command. */
export const list: Command = {
  name: "list",
  summary: "list the stored identities",
  usage: "",
  details: "With --json: an array of {name, sessionId, ed25519PublicKey, x25519PublicKey,\n" +
    "displayName?, createdAt, encrypted}.",
  flags: {},
  async run(ctx) {
    const entries = await (await ctx.keyring()).list();
    if (entries.length === 0 && !ctx.json) {
      return ctx.print(`No identities in ${ctx.kvPath} yet. Create one with: sessionbot init`, []);
    }
    const width = Math.max(...entries.map((e) => e.name.length));
    const lines = entries.map((e) =>
      [
        e.name.padEnd(width),
        e.sessionId,
        e.encrypted ? "encrypted" : "plain    ",
        e.displayName ?? "",
      ].join("  ").trimEnd()
    );
    ctx.print(lines.join("\n"), entries);
  },
};
