// Minimal WebAssembly binary section editor for the image build (sandbox-images/build.mjs).
// Only what the build needs: read the section list, rewrite a few sections, write the module back.
// The code section and every index space are left untouched, so function/global/data indices never move.

/** Reads an unsigned LEB128 at `offset`; returns [value, nextOffset]. */
export function readU32(bytes, offset) {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[offset++];
    if (byte === undefined) throw new Error("wasm: truncated LEB128");
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, offset];
}

/** Encodes an unsigned LEB128. */
export function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

export function name(text) {
  const bytes = Buffer.from(text, "utf8");
  return [...u32(bytes.length), ...bytes];
}

export const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  elem: 9,
  code: 10,
  data: 11,
  datacount: 12,
  tag: 13,
};

/** Splits a module into its sections: [{ id, body }] in file order. */
export function readSections(bytes) {
  const magic = Buffer.from(bytes.subarray(0, 8)).toString("hex");
  if (magic !== "0061736d01000000") throw new Error("wasm: not a version-1 WebAssembly module");
  const sections = [];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset++];
    const [size, start] = readU32(bytes, offset);
    sections.push({ id, body: bytes.subarray(start, start + size) });
    offset = start + size;
  }
  return sections;
}

/** Writes sections back into a module. */
export function writeSections(sections) {
  const parts = [Buffer.from("0061736d01000000", "hex")];
  for (const { id, body } of sections) {
    parts.push(Buffer.from([id, ...u32(body.length)]), Buffer.from(body));
  }
  return Buffer.concat(parts);
}

/** The one section with `id` (throws when there is not exactly one). */
export function only(sections, id) {
  const found = sections.filter((s) => s.id === id);
  if (found.length !== 1) throw new Error(`wasm: expected one section ${id}, found ${found.length}`);
  return found[0];
}
