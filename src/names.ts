// Names as keys: one folded form for a name however it is spelt (case, diacritics, apostrophes, Cyrillic
// or Latin), a transliteration-tolerant skeleton for finding candidate variants (Kyiv/Kiev,
// Zelensky/Zelenskiy/Zelenskyy, Alexei/Aleksei, Kharkiv/Kharkov), and a similarity that says whether two
// spellings are close enough to be one name ("Vladmir"/"Vladimir"). Used by the analyzer and by linking.

// Cyrillic to Latin, a plain scheme close to how English-language reporting spells names (Ukrainian and
// Russian letters both). Exactness does not matter: keys are compared after the same folding.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
// Russian г is g; a word with a Russian-only letter is transliterated as Russian.
const RUSSIAN_ONLY = /[ёъыэ]/;

/** Cyrillic letters to Latin ones; other characters unchanged. */
export function transliterate(s: string): string {
  if (!/[\u0400-\u04ff]/.test(s)) return s;
  return s.replace(/[\u0400-\u04ff]+/g, (word) => {
    const lower = word.toLowerCase();
    const russian = RUSSIAN_ONLY.test(lower);
    let out = '';
    for (let i = 0; i < lower.length; i++) {
      const c = lower[i];
      let l = c === 'г' && russian ? 'g' : c === 'и' && russian ? 'i' : CYRILLIC[c] ?? c;
      if (word[i] !== c && l) l = l[0].toUpperCase() + l.slice(1);
      out += l;
    }
    return out;
  });
}

/** Lower case, no diacritics, Latin letters, apostrophes dropped, hyphens and runs of space as one space. */
export function foldName(s: string): string {
  // Plain ASCII (most names in English text) needs no normalisation.
  if (/^[\x20-\x7e]*$/.test(s)) return s.toLowerCase().replace(/['`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  return transliterate(s)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’ʼ`‘]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A word as the transliteration schemes would agree on it: folded, then x→ks, kh→h, g→h, y/j→i, w→v,
 * ph→f, doubled letters and runs of vowels made single. Kyiv and Kiev → "kiv", Zelenskyy and Zelensky →
 * "zelenski", Aleksei and Alexei → "aleksei", Luhansk and Lugansk → "luhansk".
 */
export function softForm(s: string): string {
  let hit = softForms.get(s);
  if (hit === undefined) {
    hit = softFormOf(s);
    if (softForms.size >= 50_000) softForms.clear();
    softForms.set(s, hit);
  }
  return hit;
}

/** softForm of the names seen (a pure function of the text, and names recur from article to article). */
const softForms = new Map<string, string>();

function softFormOf(s: string): string {
  const f = foldName(s);
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    const n = f[i + 1];
    let r: string;
    if (c === 'k' && n === 'h') { r = 'h'; i++; }
    else if (c === 'p' && n === 'h') { r = 'f'; i++; }
    else if (c === 'x') r = 'ks';
    else if (c === 'g') r = 'h';
    else if (c === 'y' || c === 'j') r = 'i';
    else if (c === 'w') r = 'v';
    else r = c;
    for (const ch of r) {
      const last = out[out.length - 1];
      // Doubled letters once; a run of vowels as its first vowel.
      if (ch === last && ch !== ' ') continue;
      if (VOWEL.has(ch) && last !== undefined && VOWEL.has(last)) continue;
      out += ch;
    }
  }
  return out;
}

const VOWEL = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * The consonant skeleton of a name (first letter kept, then consonants of its soft form): the blocking key
 * under which candidate variants are compared. Kharkiv and Kharkov → "hrkv"; Vladimir and Vladmir → "vldmr".
 */
export function variantKey(s: string): string {
  return softForm(s)
    .split(' ')
    .map((w) => w[0] + w.slice(1).replace(/[aeiou]/g, ''))
    .join(' ');
}

/**
 * Ukrainian and Russian forms of one first name, as English-language reporting writes them: one outlet's
 * "Vladimir Zelensky" is another's "Volodymyr Zelenskyy". Each row is one name; compared by soft form.
 */
const FIRST_NAME_FORMS: string[][] = [
  ['volodymyr', 'vladimir', 'wladimir'], ['oleksandr', 'olexander', 'alexander', 'aleksandr', 'alexandr'], ['oleksiy', 'oleksii', 'alexei', 'aleksei', 'alexey', 'aleksey'],
  ['mykola', 'nikolai', 'nikolay'], ['serhiy', 'serhii', 'sergei', 'sergey'], ['andriy', 'andrii', 'andrei', 'andrey'], ['dmytro', 'dmitry', 'dmitri', 'dmitriy'],
  ['yuriy', 'yurii', 'yuri', 'yury'], ['mykhailo', 'mykhaylo', 'mikhail'], ['petro', 'pyotr', 'petr'], ['pavlo', 'pavel'], ['hryhoriy', 'grigory', 'grigoriy'],
  ['vasyl', 'vasily', 'vasiliy'], ['oleh', 'oleg'], ['ihor', 'igor'], ['olena', 'elena', 'yelena'], ['tetiana', 'tatiana', 'tatyana'], ['anatoliy', 'anatoly'],
  ['viktor', 'victor'], ['yevhen', 'yevgeny', 'evgeny', 'yevgeniy'], ['kyrylo', 'kirill'], ['denys', 'denis'], ['maksym', 'maxim', 'maksim'], ['iryna', 'irina'],
];
const firstNameForm = new Map<string, number>();
FIRST_NAME_FORMS.forEach((row, i) => { for (const n of row) firstNameForm.set(softForm(n), i); });

/** Whether two first names are the Ukrainian and Russian forms of one name (Volodymyr/Vladimir). */
export function sameFirstName(a: string, b: string): boolean {
  const x = firstNameForm.get(softForm(a));
  return x !== undefined && x === firstNameForm.get(softForm(b));
}

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Whether two spellings are one name: the same after folding; the same soft form (a transliteration
 * variant); the same skeleton, the same length and at most a quarter of the letters apart (Kharkiv/Kharkov);
 * or one slip apart inside a word of 6 letters or more, first and last letters kept ("Vladmir"/"Vladimir"; not "Donets"/"Donetsk").
 * A feminine -a (Ivanov/Ivanova) is a different name.
 * Returns the reason, or null.
 */
export function sameWord(a: string, b: string): 'same' | 'transliteration' | 'spelling' | null {
  const fa = foldName(a);
  const fb = foldName(b);
  if (!fa || !fb) return null;
  if (fa === fb) return 'same';
  if (fa + 'a' === fb || fb + 'a' === fa) return null;
  const sa = softForm(fa);
  const sb = softForm(fb);
  if (sa === sb) return 'transliteration';
  // Feminine and masculine forms of one surname are two names: Zelenska/Zelensky, Ivanova/Ivanov.
  if ((sa.endsWith('a') !== sb.endsWith('a')) && (sa.slice(0, -1) === sb.slice(0, -1) || sa.slice(0, -1) === sb || sb.slice(0, -1) === sa)) return null;
  if (sa.length === sb.length && variantKey(fa) === variantKey(fb) && editDistance(sa, sb, 3) <= Math.max(1, Math.floor(sa.length / 4))) return 'transliteration';
  if (fa[0] === fb[0] && fa.at(-1) === fb.at(-1) && Math.min(fa.length, fb.length) >= 6 && editDistance(fa, fb, 1) <= 1) return 'spelling';
  return null;
}
