// Bytes to text: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.
// Binary files and invalid UTF-8 are refused with the byte and line where the problem is.
import { CrosscheckError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

/** 1-based line number of a byte offset. */
export function lineOfByte(bytes: Uint8Array, byte: number): number {
  let line = 1;
  const end = Math.min(byte, bytes.length);
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** True when the bytes look like a binary file: NUL bytes, or many control characters, near the start. */
export function looksBinary(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return i;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.1 ? 0 : -1;
}

/** The byte offset of the first code unit of UTF-16 (after the 2-byte mark) that is not valid, or -1: a lone surrogate or a last odd byte. */
export function firstInvalidUtf16(bytes: Uint8Array, littleEndian: boolean): number {
  const n = bytes.length;
  const unit = (i: number) => (littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  let i = 2;
  while (i + 1 < n) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= n) return i;
      const v = unit(i + 2);
      if (v < 0xdc00 || v > 0xdfff) return i;
      i += 4;
      continue;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    i += 2;
  }
  return i < n ? i : -1;
}

function decodeUtf16(bytes: Uint8Array, file: string, littleEndian: boolean): Decoded {
  const encoding = littleEndian ? 'utf-16le' : 'utf-16be';
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)), encoding };
  } catch {
    const at = Math.max(2, firstInvalidUtf16(bytes, littleEndian));
    const line = new TextDecoder(encoding).decode(bytes.subarray(2, at - (at % 2))).split('\n').length;
    const what = at === bytes.length - 1 ? 'an odd last byte (the file is cut in the middle of a character)' : 'a surrogate without its pair';
    throw new CrosscheckError('E_ENCODING', `invalid ${encoding.toUpperCase()} at byte ${at}: ${what}; the file is damaged or not ${encoding.toUpperCase()} (its byte-order mark says it is)`, { file, byte: at, line });
  }
}

/** Whether NUL bytes stand at every other position, as in UTF-16 text with no byte-order mark. */
function looksUtf16WithoutMark(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 ? odd++ : even++);
  return Math.max(even, odd) >= n / 2 * 0.9 && Math.min(even, odd) === 0;
}

export function decode(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, file, true);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, file, false);
  const bin = looksBinary(bytes);
  if (bin >= 0) {
    const hint = looksUtf16WithoutMark(bytes)
      ? 'this looks like UTF-16 text with no byte-order mark: convert it to UTF-8 first (for example: iconv -f utf-16le -t utf-8)'
      : 'give crosscheck text, CSV, JSON Lines or JSON files';
    throw new CrosscheckError('E_BINARY', `binary data (byte 0x${bytes[bin].toString(16).padStart(2, '0')} at byte ${bin}); ${hint}`, { file, byte: bin, line: lineOfByte(bytes, bin) });
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const byte = at < 0 ? 0 : at;
    throw new CrosscheckError('E_ENCODING', `invalid UTF-8 at byte ${byte}; convert the file to UTF-8 first (for example: iconv -f windows-1252 -t utf-8)`, { file, byte, line: lineOfByte(bytes, byte) });
  }
}
