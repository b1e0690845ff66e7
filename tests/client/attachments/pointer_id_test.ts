/** `AttachmentPointer.id` from a URL, as desktop's `attachmentIdAsLongFromUrl`. */
import assert from "node:assert/strict";
import { pointerIdFromUrl } from "../../../src/client/attachments/mod.ts";

Deno.test("pointer id: the numeric last segment, else 0", () => {
  const base = "http://filev2.getsession.org/file/";
  assert.equal(pointerIdFromUrl(`${base}12345`), "12345");
  assert.equal(pointerIdFromUrl(`${base}18446744073709551615#d`), "18446744073709551615");
  assert.equal(pointerIdFromUrl(`${base}18446744073709551616`), "0");
  assert.equal(pointerIdFromUrl(`${base}${"a".repeat(44)}`), "0");
  assert.equal(pointerIdFromUrl(`${base}12ab`), "0");
  assert.equal(pointerIdFromUrl("not a url"), "0");
});
