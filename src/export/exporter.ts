// What every export format is: a name, a summary, whether it writes one file or a folder of files, and a
// function from the store to its output. ClaimReview, PROV-O, GEXF and GraphML slot in as one file each
// beside jsonl.ts and csv.ts, registered in index.ts; they read the store (and the link layer) the same way.
import type { Store } from '../store/store.js';

/** Where an export writes: `open(name)` gives the stream for one named file of the export. */
export interface ExportOutput {
  /** For a 'file' exporter the name is ignored: there is one stream (standard output or --out FILE). */
  open(name: string): NodeJS.WritableStream;
}

export interface ExportCounts {
  /** Records written, by record type ("articles", "attributions", …). */
  [recordType: string]: number;
}

export interface Exporter {
  format: string;
  summary: string;
  /** 'file': one stream; 'folder': one file per record type, in the folder --out names. */
  output: 'file' | 'folder';
  write(store: Store, out: ExportOutput): Promise<ExportCounts>;
}

/** Write to a stream, waiting when its buffer is full (a large store never sits in memory whole). */
export function put(stream: NodeJS.WritableStream, text: string): Promise<void> | void {
  if (!stream.write(text)) return new Promise((resolve) => stream.once('drain', () => resolve()));
}
