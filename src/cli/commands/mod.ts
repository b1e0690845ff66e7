/**
 * The command table.
 *
 * @module
 */
import type { Command } from "../command.ts";
import { backup } from "./backup.ts";
import { devnet } from "./devnet.ts";
import { id } from "./id.ts";
import { init } from "./init.ts";
import { list } from "./list.ts";
import { listen } from "./listen.ts";
import { remove } from "./remove.ts";
import { restore } from "./restore.ts";
import { restoreBackupCommand } from "./restore_backup.ts";
import { runCommand } from "./run.ts";
import { send } from "./send.ts";

/** Every command, in help order. */
export const COMMANDS: readonly Command[] = [
  init,
  restore,
  id,
  list,
  remove,
  send,
  listen,
  runCommand,
  backup,
  restoreBackupCommand,
  devnet,
];

/** The command called `name`, if any. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
