import assert from "node:assert/strict";
import { toHex, utf8 } from "../../src/core/bytes.ts";
import {
  decodeV4Request,
  decodeV4Response,
  encodeV4Request,
  encodeV4Response,
  readV4Body,
} from "../../src/onion/mod.ts";
import { assertValidation } from "../assertions.ts";
import { vectors } from "../vectors.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
/** A bencoded list of the given strings, with correct byte lengths. */
const list = (...parts: string[]) =>
  `l${parts.map((part) => `${utf8(part).length}:${part}`).join("")}e`;

for (const v of vectors("onion.json", "v4_bencode")) {
  Deno.test(`v4_bencode ${v.id}: exact encoding and decoding`, () => {
    const meta = JSON.parse(v.meta_json_utf8);
    const body = v.body_utf8 ?? undefined;
    const encoded = v.direction === "request"
      ? encodeV4Request(meta, body)
      : encodeV4Response(meta, body);
    assert.equal(text(encoded), v.expected_encoding_utf8);
    assert.equal(toHex(encoded), v.expected_encoding_hex);
    if (v.direction === "request") {
      const decoded = decodeV4Request(encoded);
      assert.deepEqual(decoded.meta, meta);
      assert.equal(decoded.body === undefined ? null : text(decoded.body), v.body_utf8);
    } else {
      const decoded = decodeV4Response(encoded);
      assert.equal(decoded.code, meta.code);
      assert.deepEqual(decoded.headers, meta.headers);
      assert.equal(text(decoded.body), v.body_utf8);
      assert.deepEqual(readV4Body(decoded), JSON.parse(v.body_utf8));
    }
  });
}

Deno.test("v4: lengths are byte counts (multi-byte UTF-8 and binary bodies)", () => {
  const body = new Uint8Array([0, 0x65, 0x3a, 0xff, 0x6c]); // contains 'e', ':', 'l'
  const encoded = encodeV4Request({ method: "PUT", endpoint: "/é", headers: {} }, body);
  assert.match(text(encoded), /^l46:\{"method":"PUT","endpoint":"\/é","headers":\{\}\}5:/);
  const decoded = decodeV4Request(encoded);
  assert.deepEqual(decoded.body, body);
  assert.equal(decoded.meta.endpoint, "/é");
  const response = decodeV4Response(encodeV4Response({ code: 200, headers: {} }, "ünï"));
  assert.equal(text(response.body), "ünï");
  assert.equal(response.body.length, 5);
});

Deno.test("v4: headers default to {}; empty bodies are kept; one-element responses allowed", () => {
  const request = decodeV4Request(encodeV4Request({ method: "GET", endpoint: "/x" }));
  assert.deepEqual(request, { meta: { method: "GET", endpoint: "/x", headers: {} } });
  const empty = decodeV4Request(encodeV4Request({ method: "POST", endpoint: "/x" }, ""));
  assert.deepEqual(empty.body, new Uint8Array(0));
  const bare = decodeV4Response(utf8(list('{"code":404,"headers":{}}')));
  assert.equal(bare.code, 404);
  assert.equal(bare.body.length, 0);
});

Deno.test("readV4Body: by content-type", () => {
  const res = (type: string | undefined, body: string) =>
    decodeV4Response(
      encodeV4Response({ code: 200, headers: type ? { "Content-Type": type } : {} }, body),
    );
  assert.deepEqual(readV4Body(res("application/json; charset=utf-8", '{"a":[1]}')), { a: [1] });
  assert.deepEqual(readV4Body(res("application/problem+json", "{}")), {});
  assert.equal(readV4Body(res("application/json", "")), undefined);
  assert.equal(readV4Body(res("text/plain; charset=utf-8", "hello")), "hello");
  assert.deepEqual(readV4Body(res("application/octet-stream", "\x01")), new Uint8Array([1]));
  assert.deepEqual(readV4Body(res(undefined, "raw")), utf8("raw"));
  assertValidation(() => readV4Body(res("application/json", "{nope")), "bad_v4");
  const badUtf8 = decodeV4Response(
    new Uint8Array([
      ...utf8(list('{"code":200,"headers":{"content-type":"text/plain"}}').slice(0, -1)),
      ...utf8("1:"),
      0xff,
      0x65,
    ]),
  );
  assertValidation(() => readV4Body(badUtf8), "bad_v4");
});

Deno.test("v4 decoding is strict: garbage is bad_v4", () => {
  const meta = '{"method":"GET","endpoint":"/x"}';
  const m = `${utf8(meta).length}:${meta}`;
  const garbage = [
    "",
    "e",
    "l",
    "le",
    `${m}`,
    `d${m}e`,
    `l${m}`,
    `l${m}ee`,
    `l${m}e `,
    `l${m}1:ab`,
    `l${m}3:abe`,
    `l${m}1:a1:be`,
    `l0${m}e`,
    `l-1:ae`,
    `l${m}x:ae`,
    `l${m}01:ae`,
    `l${m}99999999999:ae`,
    `l${m}1ae`,
    list("{}"),
    list("null", "a"),
    list("{"),
    list('{"method":1}'),
    list('{"method":"get","endpoint":"/x"}'),
    list('{"method":"GET","endpoint":"x"}'),
    list('{"method":"GET","endpoint":"/x","headers":[1]}'),
    list('{"method":"GET","endpoint":"/x","headers":{"a":1}}'),
    list(meta, "a", "b"),
  ];
  for (const input of garbage) {
    assertValidation(() => decodeV4Request(utf8(input)), "bad_v4");
  }
  for (
    const input of [
      list("{}"),
      list('{"code":"x"}'),
      list('{"code":5}'),
      list('{"code":200,"headers":null}'),
      list('{"code":20.5}'),
      list('{"code":200,"headers":{}}') + "0:",
    ]
  ) {
    assertValidation(() => decodeV4Response(utf8(input)), "bad_v4");
  }
  assertValidation(() => decodeV4Request(new Uint8Array([0x6c, 0x31, 0x3a, 0xff, 0x65])), "bad_v4");
});

Deno.test("v4 encoding validates its metadata", () => {
  assertValidation(() => encodeV4Request({ method: "get", endpoint: "/x" }), "bad_v4");
  assertValidation(() => encodeV4Request({ method: "GET", endpoint: "x" }), "bad_v4");
  assertValidation(
    () =>
      encodeV4Request({ method: "GET", endpoint: "/x", headers: { a: 1 as unknown as string } }),
    "bad_v4",
  );
  assertValidation(() => encodeV4Response({ code: 99, headers: {} }, ""), "bad_v4");
  assertValidation(
    () => encodeV4Response({ code: 200, headers: [] as unknown as Record<string, string> }, ""),
    "bad_v4",
  );
});
