// Inputs crosscheck recognises but has no reader for: archives, other compressions, documents. Named by
// their first bytes, so that such a file gets a diagnostic that says what it is and what to do, instead of
// "binary data" or, worse, being read as one long plain-text article. Pages, feeds, WARC files and gzip
// have readers (index.ts sniffs them) and are not refused here; a .gz is recognised by what it holds.

export interface Recognised {
  /** What the file is, for a person ("a zip archive"). */
  what: string;
  /** What to do about it. */
  todo: string;
}

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

/** What a file with no reader is, from its first bytes; null when it is none of the known formats. */
export function recognise(bytes: Uint8Array): Recognised | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { what: 'a zip archive (or a document stored as one: docx, xlsx, epub)', todo: 'unpack it and ingest the files inside' };
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) return { what: 'a bzip2-compressed file', todo: 'decompress it first (bunzip2 -k FILE), or recompress it with gzip, which crosscheck reads' };
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return { what: 'an xz-compressed file', todo: 'decompress it first (unxz -k FILE), or recompress it with gzip, which crosscheck reads' };
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) return { what: 'a zstd-compressed file', todo: 'decompress it first (unzstd FILE), or recompress it with gzip, which crosscheck reads' };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { what: 'a PDF document', todo: 'convert it to text first (for example: pdftotext FILE)' };
  return null;
}
