/** In-process CLI runner for tests. */
import { join } from "node:path";
import { runCli } from "../../src/cli/main.ts";

/** What one CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with `stdin` text and extra `env`. */
export async function cli(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdin: ReadableStream.from(options.stdin ? [new TextEncoder().encode(options.stdin)] : []),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { SESSIONBOT_SCRYPT_LOG_N: "10", ...options.env },
  });
  return { code, stdout, stderr };
}

/** Runs `fn` with `run`, a CLI bound to a fresh temp key store; removes it afterwards. */
export async function withStore(
  fn: (run: typeof cli, kvPath: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-cli-" });
  const kvPath = join(dir, "store", "sessionbot.kv");
  try {
    await fn(
      (args, options = {}) =>
        cli(args, { ...options, env: { SESSIONBOT_KV: kvPath, ...options.env } }),
      kvPath,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The 13-word vector phrase and the keys it gives. */
export const VECTOR = {
  mnemonic:
    "puffin luxury annoyed rustled memoir faxed smidgen puddle kiwi nylon utopia zinger kiwi",
  sessionId: "054830367d369d94605247999a375dbd0a0f65fdec5de1535612bcb6d4de452c69",
  ed25519PublicKey: "f661a69453ef81a3b75bfcf954eb1f439d4d74edcab0e72a5c435ee418a907be",
};
