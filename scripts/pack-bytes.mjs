// Bytes as text in the one-file build (scripts/single-file.mjs): the file is declared
// windows-1252 (<meta charset="windows-1252">), so each of its bytes is read as one character,
// and any bytes (the gzip-compressed wasm modules, the guide's UTF-8) go into it as a JS string
// literal holding them as they are: 8 bits a byte, where base64 holds 6 and a UTF-8 "base-122"
// 7. Every other part of the file is ASCII.
//
// `packLiteral(bytes)` makes the literal (a Buffer of the file's bytes). Six bytes are
// escaped, the least that keeps both the HTML parser and JavaScript from changing them:
//   `"` `\` LF CR   →  \"  \\  \n  \r     (they would end or bend the string)
//   NUL             →  \0, or \x00 before a digit (the HTML parser reads NUL as U+FFFD)
//   `<`             →  \x3C before `/` or `!` (`</script` or `<!--` would end the script)
// so a random byte costs about 1.02 bytes. `UNPACK_SOURCE` is the function the page (and the
// worker) runs on the string JavaScript made of it: windows-1252 reads bytes 0x80–0x9F as 27
// other characters (0x80 as U+20AC "€", …) and the other bytes as the same code point, so
// `unpackBytes` maps each character back through a table the browser's own windows-1252
// TextDecoder makes, the decoding the HTML parser used. A character outside it means the file
// was read in another encoding (a web server's charset header): it throws, naming that.
//
// Hand-written: npm has no maintained base-122 library, and base-122 is UTF-8-bound (7 bits).
// tests/e2e/one-file-bytes.test.mjs round-trips every byte value and random arrays, in Node and
// in Chromium from file://.

/** The bytes as a JS string literal, as the windows-1252 file's bytes. */
export function packLiteral(bytes) {
  const out = Buffer.alloc(bytes.length * 4 + 2);
  let n = 0;
  const put = (text) => {
    n += out.write(text, n, 'latin1');
  };
  out[n++] = 0x22;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const next = bytes[i + 1];
    if (b === 0x22) put('\\"');
    else if (b === 0x5c) put('\\\\');
    else if (b === 0x0a) put('\\n');
    else if (b === 0x0d) put('\\r');
    else if (b === 0x00) put(next >= 0x30 && next <= 0x39 ? '\\x00' : '\\0');
    else if (b === 0x3c && (next === 0x2f || next === 0x21)) put('\\x3C');
    else out[n++] = b;
  }
  out[n++] = 0x22;
  return out.subarray(0, n);
}

/** The decoder, as source text for the page and the worker (both define `unpackBytes`). */
export const UNPACK_SOURCE = `// The bytes a JS string literal of this windows-1252 file holds (scripts/pack-bytes.mjs).
function unpackBytes(text) {
  const byteOf = new Int16Array(65536).fill(-1);
  const read = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, b) => b));
  for (let b = 0; b < 256; b++) byteOf[read.charCodeAt(b)] = b;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = byteOf[text.charCodeAt(i)];
    if (b < 0) throw new Error('U+' + text.charCodeAt(i).toString(16) + ' is not a windows-1252 character: this file was read in another encoding');
    bytes[i] = b;
  }
  return bytes;
}`;
