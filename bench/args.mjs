// A benchmark's command line: `--name value` options, `--flag` switches, and the corpus it reads (--corpus DIR,
// else $CROSSCHECK_CORPUS, else the ukraine-media corpus of $CROSSCHECK_SHARED or of ../shared beside the project),
// which must exist. Shared by the benchmarks in this folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);

/** The value after --name, else dflt. */
export const opt = (name, dflt) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
/** Whether the switch --name was given. */
export const flag = (name) => argv.includes(`--${name}`);

/** The corpus folder; exits 2 with what to do when it is not there. */
export function corpusDir() {
  const shared = process.env.CROSSCHECK_SHARED ?? join(root, '..', 'shared');
  const dir = opt('corpus', process.env.CROSSCHECK_CORPUS ?? join(shared, 'corpora', 'ukraine-media'));
  if (!existsSync(dir)) { console.error(`no corpus at ${dir}: give --corpus DIR, or set CROSSCHECK_SHARED to the shared folder`); process.exit(2); }
  return dir;
}
