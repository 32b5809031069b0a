// Bytes as text in the one-file build (scripts/single-file.mjs): the file is declared
// windows-1252 (<meta charset="windows-1252">), so each of its bytes is read as one character,
// and any bytes (the gzip-compressed wasm modules, the guide's UTF-8) go into it as they are:
// 8 bits a byte, where base64 holds 6 and a UTF-8 "base-122" 7. Every other part of the file
// is ASCII.
//
// `packText(bytes)` makes the text (a Buffer of the file's bytes) for the inside of a
// <script type="text/plain"> element, or of a String.raw`…` template in JavaScript (the
// worker's source). A backslash escapes the few bytes either would change or end at:
//   NUL  →  \0   (the HTML parser reads NUL as U+FFFD)
//   CR   →  \r   (the HTML parser reads CR and CR LF as LF)
//   <    →  \l   before / or ! (`</script` or `<!--` would end the script)
//   `    →  \t   and $ before { → \s (a template's end and its ${…})
//   \    →  \\
// so a random byte costs about 1.016 bytes of file. `UNPACK_SOURCE` is the decoder the page and
// the worker run: windows-1252 reads bytes 0x80–0x9F as 27 other characters (0x80 as U+20AC
// "€", …) and every other byte as the same code point, so `unpackBytes` maps each character
// back through a table the browser's own windows-1252 TextDecoder makes (the decoding the HTML
// parser used), and undoes the escapes. A character outside that table means the file was
// read in another encoding (a web server's charset header): it throws, naming that.
//
// Hand-written: npm has no maintained base-122 library, and base-122 is UTF-8-bound (7 bits).
// tests/e2e/one-file-bytes.test.mjs round-trips every byte value, every pair of neighbours
// and random arrays, in Node and in Chromium from file://.

const ESCAPES = { 0x00: '0', 0x0d: 'r', 0x3c: 'l', 0x60: 't', 0x24: 's', 0x5c: '\\' };

/** The bytes as the text of a windows-1252 file, escaped as above. */
export function packText(bytes) {
  const out = Buffer.alloc(bytes.length * 2);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const next = bytes[i + 1];
    const escape =
      b === 0x3c ? next === 0x2f || next === 0x21 : b === 0x24 ? next === 0x7b : b in ESCAPES;
    if (escape) {
      out[n++] = 0x5c;
      out[n++] = ESCAPES[b].charCodeAt(0);
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

/** The decoder, as source text for the page and the worker (both define `unpackBytes`). */
export const UNPACK_SOURCE = `// The bytes a text of this windows-1252 file holds (scripts/pack-bytes.mjs).
function unpackBytes(text) {
  const byteOf = new Int16Array(65536).fill(-1);
  const read = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, b) => b));
  for (let b = 0; b < 256; b++) byteOf[read.charCodeAt(b)] = b;
  byteOf[0x5c] = -2; // the escape: the next character says which byte
  const escaped = new Int16Array(128).fill(-1);
  for (const [c, b] of [['0', 0x00], ['r', 0x0d], ['l', 0x3c], ['t', 0x60], ['s', 0x24], ['\\\\', 0x5c]]) escaped[c.charCodeAt(0)] = b;
  const bytes = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let b = byteOf[text.charCodeAt(i)];
    if (b === -2) {
      b = escaped[text.charCodeAt(++i)] ?? -1;
      if (b < 0) throw new Error('a broken escape at ' + i);
    } else if (b < 0) {
      throw new Error('U+' + text.charCodeAt(i).toString(16) + ' is not a windows-1252 character: this file was read in another encoding');
    }
    bytes[n++] = b;
  }
  return bytes.subarray(0, n);
}`;
