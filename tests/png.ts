/** A small PNG (signature and IHDR with the given size, then filler) shared by attachment tests. */
export function png(width: number, height: number, extra = 200): Uint8Array {
  const bytes = new Uint8Array(33 + extra);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  for (let i = 33; i < bytes.length; i++) bytes[i] = i % 251;
  return bytes;
}
