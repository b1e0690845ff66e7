/**
 * Raw decoded values → plain "view" object (decode side).
 *
 * The view keeps proto2 presence: a field that was not on the wire is absent from the object, so
 * re-encoding a decoded value gives back the same bytes. Empty repeated fields are omitted too.
 * 64-bit numbers become JS numbers (`out_of_range` above 2^53 − 1) except `jstype = JS_STRING`
 * fields, and bytes are copied so the view never aliases the caller's buffer. Keys come in
 * declaration order.
 *
 * @module
 */
import type { Slots } from "./decode.ts";
import { protoError } from "./errors.ts";
import { bigintToNumber } from "./int64.ts";
import type { FieldSchema, MessageSchema } from "./schema.ts";

/** A plain object of a message's fields, keyed by view property name. */
export type PlainMessage = Record<string, unknown>;

/**
 * Converts the raw values of a `schema` message to a view, checking every proto2 `required`
 * field on the way down (fields in declaration order, depth first), with `path` naming the
 * message in errors.
 *
 * @example
 * ```ts
 * import { slotsToView } from "./view.ts";
 * import { readMessage } from "./decode.ts";
 * import { LokiProfileSchema } from "./gen/schema.ts";
 * const slots = readMessage(LokiProfileSchema, new Uint8Array([0x18, 0x05]));
 * slotsToView(LokiProfileSchema, slots, "profile"); // { lastProfileUpdateSeconds: 5 }
 * ```
 */
export function slotsToView(schema: MessageSchema, slots: Slots, path: string): PlainMessage {
  const out: PlainMessage = {};
  for (const field of schema.fields) {
    const value = slots[field.index];
    if (field.repeated) {
      const list = value as unknown[] | undefined;
      if (list !== undefined && list.length > 0) {
        out[field.localName] = list.map((item, i) =>
          valueToView(field, item, path, field.localName + `[${i}]`)
        );
      }
      continue;
    }
    if (value === undefined) {
      if (field.required) {
        const fieldPath = `${path}.${field.localName}`;
        // A closed enum's unknown value is kept as an unknown field, so it also lands here.
        const hint = field.kind === "enum" ? " (or has a value unknown to the schema)" : "";
        throw protoError("missing_field", fieldPath, `${fieldPath} is required but missing${hint}`);
      }
      continue;
    }
    out[field.localName] = valueToView(field, value, path, field.localName);
  }
  return out;
}

/** One value; `path` + "." + `name` names it, built only when needed (nesting, errors). */
function valueToView(field: FieldSchema, value: unknown, path: string, name: string): unknown {
  if (field.message !== undefined) {
    return slotsToView(field.message, value as Slots, `${path}.${name}`);
  }
  if (typeof value === "bigint") return bigintToNumber(value, `${path}.${name}`);
  if (value instanceof Uint8Array) return value.slice();
  return value; // string, boolean, number, enum number, or a JS_STRING 64-bit value
}
