// A user's search words to a full-text query that cannot be a syntax error: words are ANDed, "quoted
// phrases" stay phrases, a trailing * is a prefix search, and OR between words is kept. Shared by the
// SQLite (FTS5) and PostgreSQL backends, which each render the parsed form.

export interface FtsTerm {
  text: string;
  phrase: boolean;
  prefix: boolean;
  /** Joined to the previous term by OR instead of AND. */
  or: boolean;
}

export function parseSearch(input: string): FtsTerm[] {
  const terms: FtsTerm[] = [];
  let or = false;
  const re = /"([^"]*)"|(\S+)/g;
  for (let m; (m = re.exec(input)); ) {
    if (m[1] != null) {
      const text = m[1].trim();
      if (text) terms.push({ text, phrase: true, prefix: false, or });
      or = false;
      continue;
    }
    const word = m[2];
    if (word === 'OR' && terms.length) { or = true; continue; }
    const prefix = word.endsWith('*');
    const text = word.replace(/[^\p{L}\p{N}'’-]+/gu, ' ').trim();
    if (!text) continue;
    terms.push({ text, phrase: text.includes(' '), prefix, or });
    or = false;
  }
  return terms;
}

/** The FTS5 MATCH expression of a search, or null when nothing searchable is left. */
export function toFts5(input: string): string | null {
  const terms = parseSearch(input);
  if (!terms.length) return null;
  return terms
    .map((t, i) => {
      const q = `"${t.text.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`;
      return i === 0 ? q : `${t.or ? 'OR' : 'AND'} ${q}`;
    })
    .join(' ');
}

/**
 * The PostgreSQL tsquery text of a search (for to_tsquery), or null when nothing searchable is left: the same
 * parsed form as FTS5's, each word a quoted lexeme (so no operator or syntax of the user's passes through),
 * a phrase's words joined by <-> (followed by), a trailing * as :* (prefix) on the last word.
 */
export function toTsquery(input: string): string | null {
  const terms = parseSearch(input);
  if (!terms.length) return null;
  const lexeme = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return terms
    .map((t, i) => {
      const words = t.text.split(/\s+/).filter(Boolean);
      const q = words.map((w, j) => lexeme(w) + (t.prefix && j === words.length - 1 ? ':*' : '')).join(' <-> ');
      const group = words.length > 1 ? `(${q})` : q;
      return i === 0 ? group : `${t.or ? '|' : '&'} ${group}`;
    })
    .join(' ');
}
