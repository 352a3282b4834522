// What every export format is: a name, a summary, whether it writes one file or a folder of files, and a
// function from the store to its output. ClaimReview, PROV-O, GEXF and GraphML slot in as one file each
// beside jsonl.ts and csv.ts, registered in index.ts; they read the store (and the link layer) the same way.
import type { GraphScope } from '../link/graph.js';
import type { Store } from '../store/store.js';

/**
 * Which statements an export of statements or of the provenance graph covers (the jsonl and csv exports
 * always write the whole store): the ones named, else every one with at least minReports reports, the most
 * reported first, at most limit of them; for the graph formats also the reuse pairs' minimum share and the
 * bound on the graph's nodes and edges.
 */
export type ExportScope = GraphScope;

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
  /** Which ExportScope fields the format reads (none: it writes the whole store). */
  scope: readonly (keyof ExportScope)[];
  /** Whether the format reads what linking found (statements, reuse), so that the store is linked first. */
  linked: boolean;
  write(store: Store, out: ExportOutput, scope?: ExportScope): Promise<ExportCounts>;
}

/** Write to a stream, waiting when its buffer is full (a large store never sits in memory whole); a stream that fails (a full disk) rejects. */
export function put(stream: NodeJS.WritableStream, text: string): Promise<void> | void {
  if (!stream.write(text)) {
    return new Promise((resolve, reject) => {
      const drained = () => {
        stream.off('error', failed);
        resolve();
      };
      const failed = (e: Error) => {
        stream.off('drain', drained);
        reject(e);
      };
      stream.once('drain', drained);
      stream.once('error', failed);
    });
  }
}
