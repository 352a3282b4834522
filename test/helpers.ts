// Small helpers shared by the tests: temporary folders and captured command output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after } from 'node:test';

export function tempDir(prefix = 'crosscheck-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export function io() {
  return { stdout: new Capture(), stderr: new Capture() };
}

/** A reader's output split into articles and diagnostics. */
export function splitItems<A, D>(items: Iterable<{ article: A } | { error: D }>): { articles: A[]; errors: D[] } {
  const articles: A[] = [];
  const errors: D[] = [];
  for (const i of items) ('article' in i ? articles.push(i.article) : errors.push(i.error));
  return { articles, errors };
}
