/**
 * Regenerates `src/proto/gen/` from `src/proto/session.proto` with buf and protoc-gen-es.
 *
 * The generators are npm packages pinned below and installed into `.tmp/protogen` (gitignored),
 * never into the repository's own dependencies: they are build tools, not runtime code. The only
 * runtime dependency of the output is `@bufbuild/protobuf`, resolved through deno.json's import
 * map, so its version must match `PROTOC_GEN_ES_VERSION`.
 *
 * Run with `deno task proto`.
 *
 * @module
 */

const BUF_VERSION = "1.75.0";
const PROTOC_GEN_ES_VERSION = "2.17.0";

const root = decodeURIComponent(new URL("../", import.meta.url).pathname);
const toolsDir = `${root}.tmp/protogen`;
const bin = `${toolsDir}/node_modules/.bin`;

/** Runs a command, streaming its output; exits the script when it fails. */
async function run(cmd: string, args: string[], cwd: string, env?: Record<string, string>) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const { code } = await new Deno.Command(cmd, {
    args,
    cwd,
    env,
    stdout: "inherit",
    stderr: "inherit",
  })
    .output();
  if (code !== 0) {
    console.error(`${cmd} exited with code ${code}`);
    Deno.exit(code);
  }
}

/** The version of an installed npm package in the tools dir, or undefined. */
async function installedVersion(name: string): Promise<string | undefined> {
  try {
    const json = await Deno.readTextFile(`${toolsDir}/node_modules/${name}/package.json`);
    return JSON.parse(json).version;
  } catch {
    return undefined;
  }
}

async function ensureTools(): Promise<void> {
  const have = [
    await installedVersion("@bufbuild/buf"),
    await installedVersion("@bufbuild/protoc-gen-es"),
  ];
  if (have[0] === BUF_VERSION && have[1] === PROTOC_GEN_ES_VERSION) return;
  await Deno.mkdir(toolsDir, { recursive: true });
  // An own package.json keeps npm from walking up and installing into the repository.
  await Deno.writeTextFile(
    `${toolsDir}/package.json`,
    JSON.stringify({ private: true, description: "sessionbot protobuf generators" }, null, 2),
  );
  await run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    `@bufbuild/buf@${BUF_VERSION}`,
    `@bufbuild/protoc-gen-es@${PROTOC_GEN_ES_VERSION}`,
  ], toolsDir);
}

await ensureTools();

// target=ts: Deno runs TypeScript directly. import_extension=ts: Deno needs explicit extensions
// on relative imports. `clean` empties the out dir first so removed messages leave no stale file.
const template = {
  version: "v2",
  clean: true,
  plugins: [{
    local: `${bin}/protoc-gen-es`,
    out: "src/proto/gen",
    opt: ["target=ts", "import_extension=ts"],
  }],
};
await run(`${bin}/buf`, ["generate", "--template", JSON.stringify(template), "src/proto"], root, {
  // Keep buf's module cache out of the user's home directory.
  BUF_CACHE_DIR: `${toolsDir}/cache`,
});
await run(Deno.execPath(), ["check", "src/proto/gen/"], root);
console.log("generated src/proto/gen/session_pb.ts");
