import assert from "node:assert/strict";
import {
  DEFAULT_CONTENT_TYPE,
  imageDimensions,
  sniffContentType,
} from "../../../src/crypto/attachments/mod.ts";
import { pseudoRandom } from "./_helpers.ts";

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const be32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, n >>> 8];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, n >>> 16];
const le32 = (n: number) => [...le24(n & 0xffffff), n >>> 24];
const bytes = (...parts: (number | number[])[]) => Uint8Array.from(parts.flat());

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (w: number, h: number) =>
  bytes(PNG_SIG, be32(13), ascii("IHDR"), be32(w), be32(h), [8, 6, 0, 0, 0], be32(0));
const gif = (w: number, h: number) => bytes(ascii("GIF89a"), le16(w), le16(h), [0xf7, 0, 0]);
const riff = (chunk: number[]) =>
  bytes(ascii("RIFF"), le32(chunk.length + 4), ascii("WEBP"), chunk);
const webpLossy = (w: number, h: number) =>
  riff([...ascii("VP8 "), ...le32(18), 0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(w), ...le16(h)]);
const webpLossless = (w: number, h: number) => {
  const bits = ((w - 1) | ((h - 1) << 14)) >>> 0;
  return riff([...ascii("VP8L"), ...le32(5), 0x2f, ...le32(bits), 0, 0, 0, 0, 0]);
};
const webpExtended = (w: number, h: number) =>
  riff([...ascii("VP8X"), ...le32(10), 0x10, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]);
/** SOI, APP0 (JFIF), DQT, DHT (C4: not a frame), fill bytes, then SOFn with the size. */
const jpeg = (w: number, h: number, sof = 0xc0) =>
  bytes(
    [0xff, 0xd8],
    [0xff, 0xe0, 0x00, 0x10, ...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xdb, 0x00, 0x05, 0, 1, 2],
    [0xff, 0xc4, 0x00, 0x04, 0, 0],
    [0xff, 0xff, sof, 0x00, 0x11, 8, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, 1, 0x22, 0],
    [0xff, 0xd9],
  );

const IMAGES: [string, Uint8Array, number, number, string][] = [
  ["PNG", png(640, 480), 640, 480, "image/png"],
  ["PNG 1x1", png(1, 1), 1, 1, "image/png"],
  ["PNG huge", png(100_000, 3), 100_000, 3, "image/png"],
  ["GIF", gif(320, 200), 320, 200, "image/gif"],
  ["GIF87a", bytes(ascii("GIF87a"), le16(65535), le16(2)), 65535, 2, "image/gif"],
  ["JPEG baseline", jpeg(1920, 1080), 1920, 1080, "image/jpeg"],
  ["JPEG progressive", jpeg(17, 4000, 0xc2), 17, 4000, "image/jpeg"],
  ["WebP lossy", webpLossy(550, 368), 550, 368, "image/webp"],
  ["WebP lossless", webpLossless(400, 300), 400, 300, "image/webp"],
  ["WebP lossless max", webpLossless(16384, 16384), 16384, 16384, "image/webp"],
  ["WebP extended", webpExtended(5000, 70_000), 5000, 70_000, "image/webp"],
];

for (const [name, image, width, height, type] of IMAGES) {
  Deno.test(`image dimensions: ${name}`, () => {
    assert.deepEqual(imageDimensions(image), { width, height });
    assert.equal(sniffContentType(image), type);
    assert.equal(sniffContentType(image, "misnamed.txt"), type); // magic wins
    // Any truncation is undefined or the right answer, never a throw or a wrong size.
    for (let n = 0; n < image.length; n++) {
      const got = imageDimensions(image.subarray(0, n));
      if (got !== undefined) assert.deepEqual(got, { width, height });
    }
  });
}

Deno.test("image dimensions: junk, zero sizes and wrong types give undefined", () => {
  // deno-lint-ignore no-explicit-any
  const any = (x: unknown) => x as any;
  for (const junk of [new Uint8Array(0), pseudoRandom(1000), new Uint8Array(100), png(0, 10)]) {
    assert.equal(imageDimensions(junk), undefined);
  }
  assert.equal(imageDimensions(gif(10, 0)), undefined);
  assert.equal(imageDimensions(jpeg(0, 0)), undefined);
  for (const wrong of [undefined, null, "PNG", 42, new ArrayBuffer(40), [0x89, 0x50]]) {
    assert.equal(imageDimensions(any(wrong)), undefined);
  }
  // JPEG without a frame, with a zero-length segment, or with scan data first.
  assert.equal(imageDimensions(bytes([0xff, 0xd8, 0xff, 0xd9, 0, 0])), undefined);
  assert.equal(imageDimensions(bytes([0xff, 0xd8, 0xff, 0xe1, 0, 0, 0, 0])), undefined);
  assert.equal(imageDimensions(bytes([0xff, 0xd8, 0xff, 0xda, 0, 8, 0, 0, 0, 0])), undefined);
  // A segment length pointing past the end.
  assert.equal(imageDimensions(bytes([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0, 0])), undefined);
  // RIFF that is not WebP, and WebP with an unknown chunk or a bad VP8 start code.
  assert.equal(
    imageDimensions(bytes(ascii("RIFF"), le32(30), ascii("WAVE"), new Array(30).fill(0))),
    undefined,
  );
  assert.equal(imageDimensions(riff([...ascii("ALPH"), ...new Array(20).fill(1)])), undefined);
  const badLossy = webpLossy(10, 10);
  badLossy[23] = 0;
  assert.equal(imageDimensions(badLossy), undefined);
});

Deno.test("image dimensions: random mutations of valid headers never throw", () => {
  let seed = 1;
  for (const [, image] of IMAGES) {
    for (let round = 0; round < 300; round++) {
      const mutated = image.slice();
      const noise = pseudoRandom(4, seed++);
      mutated[noise[0] % mutated.length] = noise[1];
      mutated[noise[2] % mutated.length] = noise[3];
      const got = imageDimensions(mutated);
      if (got !== undefined) assert.ok(got.width >= 1 && got.height >= 1);
      assert.equal(typeof sniffContentType(mutated), "string");
    }
  }
});

Deno.test("content type: magic numbers", () => {
  const cases: [number[], string][] = [
    [[...ascii("%PDF-1.7"), 10], "application/pdf"],
    [[...ascii("OggS"), 0, 2], "audio/ogg"],
    [[...ascii("fLaC"), 0], "audio/flac"],
    [[...ascii("ID3"), 4, 0], "audio/mpeg"],
    [[0xff, 0xfb, 0x90, 0x00], "audio/mpeg"],
    [[0xff, 0xf1, 0x50, 0x80], "audio/aac"],
    [[0x1a, 0x45, 0xdf, 0xa3, 1], "video/webm"],
    [[0x50, 0x4b, 0x03, 0x04, 20], "application/zip"],
    [[0x1f, 0x8b, 8], "application/gzip"],
    [[...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WAVEfmt ")], "audio/wav"],
    [[0, 0, 0, 0x18, ...ascii("ftypmp42"), 0], "video/mp4"],
    [[0, 0, 0, 0x18, ...ascii("ftypisom"), 0], "video/mp4"],
    [[0, 0, 0, 0x14, ...ascii("ftypqt  "), 0], "video/quicktime"],
    [[0, 0, 0, 0x18, ...ascii("ftypM4A "), 0], "audio/mp4"],
    [[0, 0, 0, 0x18, ...ascii("ftypheic"), 0], "image/heic"],
    [[0, 0, 0, 0x18, ...ascii("ftypavif"), 0], "image/avif"],
  ];
  for (const [magic, type] of cases) assert.equal(sniffContentType(Uint8Array.from(magic)), type);
});

Deno.test("content type: extension fallback and default", () => {
  const text = new TextEncoder().encode("hello, world");
  assert.equal(sniffContentType(text, "notes.TXT"), "text/plain");
  assert.equal(sniffContentType(text, "data.json"), "application/json");
  assert.equal(sniffContentType(text, "archive.tar.gz"), "application/gzip");
  assert.equal(sniffContentType(text, "logo.svg"), "image/svg+xml");
  assert.equal(sniffContentType(new TextEncoder().encode("BMW"), "x.bmp"), "image/bmp");
  assert.equal(sniffContentType(text, "voice.m4a"), "audio/mp4");
  assert.equal(sniffContentType(text), DEFAULT_CONTENT_TYPE);
  assert.equal(sniffContentType(text, "README"), DEFAULT_CONTENT_TYPE);
  assert.equal(sniffContentType(text, "trailing."), DEFAULT_CONTENT_TYPE);
  assert.equal(sniffContentType(text, "x.unknownext"), DEFAULT_CONTENT_TYPE);
  assert.equal(sniffContentType(text, "x.constructor"), DEFAULT_CONTENT_TYPE);
  assert.equal(sniffContentType(new Uint8Array(0), "clip.mov"), "video/quicktime");
  // A ZIP container is refined by a known extension (Office files are ZIPs).
  const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0]);
  assert.match(sniffContentType(zip, "report.docx"), /wordprocessingml/);
  assert.equal(sniffContentType(zip, "photo.bin"), "application/zip");
  // deno-lint-ignore no-explicit-any
  const any = (x: unknown) => x as any;
  assert.equal(sniffContentType(any(null), any(42)), DEFAULT_CONTENT_TYPE);
  assert.equal(sniffContentType(any("GIF89a"), "a.gif"), "image/gif");
  assert.equal(DEFAULT_CONTENT_TYPE, "application/octet-stream");
});
