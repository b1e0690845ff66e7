/**
 * Loads the shared protocol test vectors from `../shared/vectors/` beside the repository.
 */
// deno-lint-ignore no-explicit-any
export type Vector = Record<string, any>;

const VECTORS_DIR = new URL("../../shared/vectors/", import.meta.url);

/** The parsed JSON of one vector file. */
export function vectorFile(name: string): Vector {
  return JSON.parse(Deno.readTextFileSync(new URL(name, VECTORS_DIR)));
}

/** The vectors of `kind` in file `name` (all of them when `kind` is omitted). */
export function vectors(name: string, kind?: string): Vector[] {
  const list: Vector[] = vectorFile(name).vectors;
  const picked = kind === undefined ? list : list.filter((v) => v.kind === kind);
  if (picked.length === 0) throw new Error(`no vectors of kind ${kind} in ${name}`);
  return picked;
}
