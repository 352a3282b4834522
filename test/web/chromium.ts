// Debian's Chromium for the browser tests, driven by playwright-core. When /usr/bin/chromium is missing and the
// tests run as root (as CI does), it is installed with apt-get first, so that `npm ci && npm test` works on a
// fresh machine; otherwise the error says what to run. Launched headless with the flags this offline machine needs
// and a fresh profile folder each time (playwright passes it as --user-data-dir).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CROSSCHECK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 20 * 60_000, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join('\n')}`);
}

/** Chromium's path, installing Debian's package first when it is missing and we may (root). */
export function ensureChromium(log: (s: string) => void = () => {}): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) throw new Error(`the browser tests need Chromium at ${CHROMIUM}: run "apt-get update && apt-get install -y chromium" as root, or set CROSSCHECK_CHROMIUM`);
  log(`installing Debian's chromium (${CHROMIUM} is missing)…`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

/** A headless Chromium with a new empty profile; close() also removes the profile. */
export async function launchBrowser(log?: (s: string) => void): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = ensureChromium(log);
  const profile = mkdtempSync(join(tmpdir(), 'crosscheck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 900 } });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
