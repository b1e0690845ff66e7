/**
 * The runtime schema table (src/proto/gen/schema.ts) must say exactly what protobuf-es's
 * descriptors for session.proto say, field by field, and the runtime must not load protobuf-es
 * beyond its wire format.
 */
import assert from "node:assert/strict";
import type { DescEnum, DescField, DescMessage } from "@bufbuild/protobuf";
import { ScalarType as EsScalarType } from "@bufbuild/protobuf";
import { WireType } from "@bufbuild/protobuf/wire";
import * as G from "../../src/proto/gen/session_pb.ts";
import * as S from "../../src/proto/gen/schema.ts";
import { type EnumSchema, type MessageSchema, ScalarType } from "../../src/proto/schema.ts";

/** Every message and enum of session.proto, nested ones included. */
function allTypes(): { messages: DescMessage[]; enums: DescEnum[] } {
  const messages: DescMessage[] = [];
  const enums: DescEnum[] = [...G.file_session.enums];
  const walk = (m: DescMessage) => {
    messages.push(m);
    enums.push(...m.nestedEnums);
    m.nestedMessages.forEach(walk);
  };
  G.file_session.messages.forEach(walk);
  return { messages, enums };
}

/** The generated name of a type: its name without package, `.` → `_`. */
function nameOf(desc: DescMessage | DescEnum): string {
  return desc.typeName.replace(/^SessionProtos\./, "").replaceAll(".", "_");
}

const table = S as unknown as Record<string, unknown>;
const { messages, enums } = allTypes();

/** The wire type of one value of `field`, from protobuf-es's own scalar types. */
function expectedWireType(field: DescField): number {
  if (field.message !== undefined) return WireType.LengthDelimited;
  if (field.enum !== undefined) return WireType.Varint;
  switch (field.scalar) {
    case EsScalarType.STRING:
    case EsScalarType.BYTES:
      return WireType.LengthDelimited;
    case EsScalarType.FIXED64:
    case EsScalarType.SFIXED64:
    case EsScalarType.DOUBLE:
      return WireType.Bit64;
    case EsScalarType.FIXED32:
    case EsScalarType.SFIXED32:
    case EsScalarType.FLOAT:
      return WireType.Bit32;
    default:
      return WireType.Varint;
  }
}

Deno.test("the scalar type numbers are protobuf-es's", () => {
  for (const [name, number] of Object.entries(ScalarType)) {
    assert.equal(EsScalarType[name as keyof typeof EsScalarType], number, name);
  }
  assert.equal(Object.keys(ScalarType).length, Object.keys(EsScalarType).length / 2);
});

Deno.test("the table has every message of session.proto, field by field", () => {
  assert.ok(messages.length >= 30, `only ${messages.length} messages`);
  for (const desc of messages) {
    const schema = table[`${nameOf(desc)}Schema`] as MessageSchema;
    assert.ok(schema !== undefined, `${desc.typeName} is missing from the table`);
    assert.equal(schema.typeName, desc.typeName);
    assert.equal(schema.fields.length, desc.fields.length, desc.typeName);
    desc.fields.forEach((f, i) => {
      const field = schema.fields[i];
      const where = `${desc.typeName}.${f.name}`;
      // Only some field kinds declare these two; read them loosely.
      const flags = f as unknown as { delimitedEncoding?: boolean; longAsString?: boolean };
      assert.equal(field.index, i, where);
      assert.equal(field.no, f.number, where);
      assert.equal(field.localName, f.localName, where);
      assert.equal(f.oneof, undefined, `${where}: oneofs are not supported`);
      assert.notEqual(f.fieldKind, "map", `${where}: maps are not supported`);
      assert.equal(flags.delimitedEncoding ?? false, false, `${where}: groups are not supported`);
      const kind = f.fieldKind === "list" ? f.listKind : f.fieldKind;
      assert.equal(field.kind, kind, where);
      assert.equal(field.repeated, f.fieldKind === "list", where);
      assert.equal(field.required, f.presence === 3, /* LEGACY_REQUIRED */ where);
      assert.equal(field.packed, f.fieldKind === "list" && f.packed, where);
      assert.equal(field.wireType, expectedWireType(f), where);
      assert.equal(
        field.packable,
        f.fieldKind === "list" && kind !== "message" &&
          expectedWireType(f) !== WireType.LengthDelimited,
        where,
      );
      if (kind === "scalar") {
        assert.equal(field.scalar, f.scalar, where);
        assert.equal(field.longAsString, flags.longAsString, where);
        assert.equal(f.utf8Validation, false, `${where}: proto2 strings are not validated`);
      } else {
        assert.equal(field.longAsString, false, where);
      }
      if (kind === "enum") {
        assert.equal(f.enum?.open, false, `${where}: proto2 enums are closed`);
        assert.equal(field.scalar, ScalarType.INT32, where);
        assert.equal(field.enum, table[`${nameOf(f.enum!)}Schema`], where);
      } else {
        assert.equal(field.enum, undefined, where);
      }
      if (kind === "message") {
        assert.equal(field.message, table[`${nameOf(f.message!)}Schema`], where);
        assert.equal(field.message?.typeName, f.message?.typeName, where);
      } else {
        assert.equal(field.message, undefined, where);
      }
    });
    // Lookups and the write order protobuf-es's toBinary uses (field-number order).
    assert.deepEqual(
      schema.writeOrder.map((f) => f.no),
      desc.fields.map((f) => f.number).sort((a, b) => a - b),
    );
    for (const f of schema.fields) {
      assert.equal(schema.byNumber.get(f.no), f);
      assert.equal(schema.byName.get(f.localName), f);
    }
    assert.equal(schema.byNumber.size, desc.fields.length);
    assert.equal(schema.byName.size, desc.fields.length);
  }
});

Deno.test("the enums and their tables equal protobuf-es's, value by value", () => {
  assert.ok(enums.length >= 16, `only ${enums.length} enums`);
  for (const desc of enums) {
    const name = nameOf(desc);
    assert.deepEqual(table[name], (G as unknown as Record<string, unknown>)[name], name);
    const schema = table[`${name}Schema`] as EnumSchema;
    assert.equal(schema.typeName, desc.typeName);
    assert.deepEqual(
      schema.values,
      desc.values.map((v) => ({ name: v.name, number: v.number })),
      name,
    );
    assert.deepEqual([...schema.numbers].sort(), desc.values.map((v) => v.number).sort(), name);
  }
});

Deno.test("the table exports nothing but the types of session.proto", () => {
  const expected = new Set([
    ...messages.map((m) => `${nameOf(m)}Schema`),
    ...enums.flatMap((e) => [nameOf(e), `${nameOf(e)}Schema`]),
  ]);
  assert.deepEqual(new Set(Object.keys(S)), expected);
});

Deno.test("the client loads @bufbuild/protobuf's wire format only", async () => {
  for (const entry of ["src/client/session/mod.ts", "src/proto/mod.ts", "mod.ts"]) {
    const { code, stdout } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.equal(code, 0, `deno info ${entry}`);
    const info = JSON.parse(new TextDecoder().decode(stdout));
    const buf = (info.modules as { specifier: string }[])
      .map((m) => m.specifier)
      .filter((s) => s.includes("@bufbuild/"));
    assert.deepEqual(buf, ["npm:/@bufbuild/protobuf@2.17.0/wire"], entry);
  }
});
