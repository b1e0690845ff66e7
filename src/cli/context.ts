/**
 * Builds a command's context: resolves the key store path and opens it only when asked, so
 * commands like `id --mnemonic` never touch disk.
 *
 * @module
 */
import { createKeyring, type Keyring } from "../client/keyring/mod.ts";
import { defaultKvPath, openKv } from "../client/kv.ts";
import { SessionBotError } from "../core/errors.ts";
import type { Parsed } from "./args.ts";
import type { CommandContext } from "./command.ts";
import { type CliIo, lineReader } from "./io.ts";

/** A context plus the cleanup the runner must call. */
export interface OpenedContext {
  /** The context handed to the command. */
  readonly ctx: CommandContext;
  /** Closes the key store (if opened) and releases stdin. */
  close(): void;
}

/** Creates the context for one run of a command. */
export function createContext(parsed: Parsed, io: CliIo): OpenedContext {
  const { values, positionals } = parsed;
  const json = values.json === true;
  const kvPath = (values.kv as string | undefined) || io.env.SESSIONBOT_KV ||
    defaultKvPath((name) => io.env[name]);
  const lines = lineReader(io.stdin);
  let kv: Deno.Kv | undefined;
  let keyring: Keyring | undefined;

  async function openStore(): Promise<Deno.Kv> {
    if (kv) return kv;
    try {
      return kv = await openKv(kvPath);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new SessionBotError(`cannot open the key store at ${kvPath}: ${why}`, "kv_open");
    }
  }

  async function openKeyring(): Promise<Keyring> {
    if (keyring) return keyring;
    const kv = await openStore();
    // Test-only knob: lets subprocess tests skip the 128 MiB scrypt. Records store their own
    // parameters, so a low value here only weakens identities saved while it is set.
    const logN = io.env.SESSIONBOT_SCRYPT_LOG_N;
    keyring = createKeyring(kv, logN ? { scrypt: { logN: Number(logN) } } : {});
    return keyring;
  }

  const ctx: CommandContext = {
    values,
    positionals,
    json,
    identity: (values.identity as string | undefined) ?? "default",
    kvPath,
    network: (values.network as string | undefined) || io.env.SESSIONBOT_NETWORK || undefined,
    io,
    keyring: openKeyring,
    kv: openStore,
    async readLine(prompt) {
      if (io.stdinIsTerminal) io.stderr(prompt);
      return await lines.next();
    },
    print(human, data) {
      io.stdout(
        json ? JSON.stringify(data, null, 2) + "\n" : human.endsWith("\n") ? human : human + "\n",
      );
    },
    note(text) {
      io.stderr(`sessionbot: ${text}\n`);
    },
  };

  function close(): void {
    lines.release();
    kv?.close();
  }

  return { ctx, close };
}
