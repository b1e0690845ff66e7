/**
 * `AttachmentPointer.id` (`deprecated_id`, required fixed64) from a file URL, as desktop's
 * `attachmentIdAsLongFromUrl`: the last path segment when it is a number, else `"0"`.
 *
 * @module
 */

const MAX_U64 = (1n << 64n) - 1n;

/**
 * The pointer id for `url`: its numeric last path segment, or `"0"` (44-character content ids
 * and anything unparsable).
 *
 * @example
 * ```ts
 * pointerIdFromUrl("http://filev2.getsession.org/file/12345"); // "12345"
 * pointerIdFromUrl("http://filev2.getsession.org/file/jskAWUp3…"); // "0"
 * ```
 */
export function pointerIdFromUrl(url: string): string {
  let last: string | undefined;
  try {
    last = new URL(url).pathname.split("/").pop();
  } catch {
    return "0";
  }
  if (last === undefined || !/^\d{1,20}$/.test(last)) return "0";
  const id = BigInt(last);
  return id <= MAX_U64 ? id.toString() : "0";
}
