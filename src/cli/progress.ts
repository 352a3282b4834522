// A progress line for long work on a terminal (articles done, a second, elapsed); silent in pipes and CI.
import type { IngestProgress } from '../pipeline.js';

export function progressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }): { update(p: IngestProgress): void; done(): void } {
  const enabled = !!stream.isTTY && !process.env.CI;
  let last = 0;
  let shown = false;
  return {
    update(p) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const rate = p.elapsed > 0 ? p.articles / p.elapsed : 0;
      const file = p.file.length > 40 ? '…' + p.file.slice(-39) : p.file;
      stream.write(`\r\x1b[K${p.articles} articles, ${rate.toFixed(0)}/s, ${p.failed} failed, ${p.elapsed.toFixed(0)} s  ${file}`);
      shown = true;
    },
    done() {
      if (enabled && shown) stream.write('\r\x1b[K');
    },
  };
}
