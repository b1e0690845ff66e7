/**
 * Reading a config file: JSON (`.json`) or TOML (`.toml`), chosen by the extension.
 *
 * @module
 */
import { extname } from "node:path";
import { parse as parseToml, TomlError } from "smol-toml";
import { ValidationError } from "../core/errors.ts";

/**
 * The content of the config file at `path`, as plain objects.
 *
 * @example
 * ```ts
 * import { readConfigFile } from "./parse.ts";
 * const content = await readConfigFile("./sessionbot.toml");
 * console.log(Object.keys(content as object));
 * ```
 */
export async function readConfigFile(path: string): Promise<unknown> {
  const kind = extname(path).toLowerCase();
  if (kind !== ".json" && kind !== ".toml") {
    throw new ValidationError(
      `${path}: the config file must end in .json or .toml (that is how its format is chosen)`,
      "config_format",
      "config",
    );
  }
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new ValidationError(
      `cannot read the config file ${path}: ${(error as Error).message}`,
      "config_unreadable",
      "config",
    );
  }
  try {
    // structuredClone: TOML tables have null prototypes; plugins expect plain objects.
    return kind === ".json" ? JSON.parse(text) : structuredClone(parseToml(text));
  } catch (error) {
    const where = error instanceof TomlError ? ` (line ${error.line}, column ${error.column})` : "";
    const why = (error as Error).message.split("\n")[0];
    throw new ValidationError(
      `${path} is not valid ${kind === ".json" ? "JSON" : "TOML"}${where}: ${why}`,
      "config_syntax",
      "config",
    );
  }
}
