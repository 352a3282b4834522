// Inputs for the fuzzers: texts written for the test in the shape of war reporting, mutations of them,
// texts generated from a vocabulary of the words the extractors look for, raw character soup, and
// adversarial repetitions (long runs of one kind of character, the food of catastrophic backtracking).
import fc from 'fast-check';

/** Seed texts written for these tests (no evaluation data): quotes, relays, hedges, numbers, boilerplate. */
export const SEEDS: readonly string[] = [
  `Captured soldier says his unit was sent to die

"We are just meat," the soldier, who gave his name as Dmitry, told reporters at a press conference in Kyiv organised by Interfax-Ukraine. He said 87 men from his battalion had been killed in the first week.

According to the Security Service of Ukraine, which released the audio, the call was intercepted on April 12. It is not possible to verify whether he spoke freely.`,
  `Officials said more than 4.8 million people have fled the country, while the governor claimed that between 129,000 and 226,000 were still in the city.

“The only option is surrender,” he wrote, according to The Mirror, which cited a purported letter. ‘Nobody came,’ she added.

Source: Daily Mail`,
  `KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelensky said on Monday that tens of thousands of troops were massing near the border. "They will not pass," Zelensky said. "They will not pass. We will fight."

The Kremlin's spokesman, Dmitry Peskov, told state media that "no decision" had been taken, reportedly adding: « Il n'y a pas d'ordre ».

DON'T MISS
Putin's generals are 'losing control'
Russia warns the West over tanks

Donations can be made by cheque payable to the Appeal, sort code 12-34-56, account number 12345678.`,
  `A headline without a body line
2022-03-21
https://www.example.com/news/article-1

Russian forces have lost up to 15,000 soldiers, the UK Ministry of Defence estimated, although the figure could not be independently confirmed. "I don't know," said one resident. 'Maybe two dozen,' another man said, 'maybe more.'

Loaded: 0%
Play
0:00
Mute
Fullscreen`,
  `He said: "The same crap was in the Chechen war." The commander, a 30-year-old Muscovite, insisted it was "a special operation", adding that some 300 people had been detained. She said that she was told by a neighbour that dozens of tanks were seen.`,
];

/** Words and marks the extractors react to, for texts that reach deep into them. */
const VOCAB: readonly string[] = [
  'said', 'says', 'told', 'tells', 'according', 'to', 'claimed', 'added', 'warned', 'insisted', 'wrote', 'reported', 'saying', 'adding',
  'he', 'she', 'they', 'it', 'who', 'that', 'the', 'a', 'an', 'of', 'in', 'by', 'at', 'on', 'and', 'but', 'which', 'was', 'were', 'had', 'been',
  'Zelensky', 'Putin', 'Peskov', 'Volodymyr', 'Dmitry', 'Ukraine', 'Russia', 'Kyiv', 'Mariupol', 'CNN', 'Reuters', 'The', 'Mirror', 'Interfax-Ukraine', 'Ministry', 'Defence',
  'soldier', 'soldiers', 'minister', 'spokesman', 'official', 'officials', 'commander', 'resident', 'wife', 'reporters', 'audio', 'call', 'video', 'press', 'conference',
  'purported', 'allegedly', 'reportedly', 'unverified', 'could', 'not', 'be', 'verified', 'independently', 'confirmed', 'claims', 'appeared',
  'killed', 'wounded', 'injured', 'dead', 'displaced', 'fled', 'captured', 'detained', 'missing', 'tanks', 'people', 'troops', 'civilians', 'refugees',
  'more', 'than', 'at', 'least', 'about', 'nearly', 'up', 'some', 'between', 'and', 'hundreds', 'thousands', 'tens', 'dozens', 'two', 'dozen', 'Eighty-seven', 'million', 'billion',
  '87', '4.8', '15,000', '10,00-20,000', '129,000', '1', '0', '2022', '1,2,3', '12-34-56', '30-year-old', '34th', '9:30', '50%', '£5', '$10bn',
  '"', '"', '“', '”', '‘', '’', "'", "'", '«', '»', '„', ',', ',', '.', '.', ':', ';', '—', '–', '-', '(', ')', '!', '?', '…',
  '\n', '\n\n', '\n\n', ' ', '  ', '\t', '\r\n',
  // Names of Object.prototype's members: a lookup table that is a plain object answers for them.
  'constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty',
];

export const vocabText = (maxWords = 300): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...VOCAB), { maxLength: maxWords }).map((ws) => {
    let s = '';
    for (const w of ws) s += /^[\s,.:;!?…)]$/.test(w) || /^\s/.test(w) || !s || /\s$/.test(s) ? w : ' ' + w;
    return s;
  });

/** Characters that matter to text processing: quotes, spaces of every kind, line ends, marks, surrogates. */
const SPECIAL: readonly string[] = [
  '"', "'", '“', '”', '‘', '’', '«', '»', '„', '‹', '›', '\n', '\r', '\r\n', '\t', ' ', '\u00a0', '\u200b', '\u2028', '\u2029', '\ufeff', '\u0000',
  '\u0301', '\u202e', '\ud800', '\udc00', '😀', 'é', 'І', 'ї', '—', '–', '-', '.', ',', ':', ';', '…', '!', '?', '(', ')', '[', ']', '{', '}', '<', '>', '&', '\\', '/', '*', '#', '%', '$', '£',
  '0', '1', '9', ',000', '.5', 'a', 'A', 'Z', 'said', 'told', 'according to', 'he', 'The', 'million', 'hundreds',
];

export const soup = (maxLength = 400): fc.Arbitrary<string> =>
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL) }, { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) }), { maxLength }).map((a) => a.join(''));

type Mutation = (s: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...SPECIAL)).map(([at, c]): Mutation => (s) => { const i = s.length ? at % (s.length + 1) : 0; return s.slice(0, i) + c + s.slice(i); }),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]): Mutation => (s) => { const i = s.length ? at % s.length : 0; return s.slice(0, i) + s.slice(i + n); }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 200 })).map(([from, to, n]): Mutation => (s) => {
    if (!s.length) return s;
    const a = from % s.length;
    const b = to % (s.length + 1);
    return s.slice(0, b) + s.slice(a, a + n) + s.slice(b);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...SPECIAL)).map(([at, c]): Mutation => (s) => { if (!s.length) return s; const i = at % s.length; return s.slice(0, i) + c + s.slice(i + 1); }),
  fc.nat().map((at): Mutation => (s) => s.slice(0, s.length ? at % (s.length + 1) : 0)),
  fc.constant<Mutation>((s) => s.toUpperCase()),
  fc.constant<Mutation>((s) => s.replace(/\n/g, ' ')),
  fc.constant<Mutation>((s) => s.replace(/["“”]/g, "'")),
  fc.constant<Mutation>((s) => s.replace(/ /g, '\n')),
);

/** A seed text (or a given text) changed by a few random edits. */
export const mutated = (seeds: readonly string[] = SEEDS, maxEdits = 12): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: maxEdits })).map(([s, ms]) => ms.reduce((t, m) => m(t), s));

/** Long runs of one character class: what makes a backtracking regular expression or a quadratic loop show. */
export const ADVERSARIAL_LENGTH = process.env.CROSSCHECK_FUZZ === 'long' ? 60_000 : 12_000;
export const ADVERSARIAL: readonly { name: string; text: string }[] = (() => {
  const n = ADVERSARIAL_LENGTH;
  const k = n / 60_000;
  const out: { name: string; text: string }[] = [];
  const unit: Record<string, string> = {
    letters: 'a', spaces: ' ', newlines: '\n', crlf: '\r\n', blank_lines: '\n\n', straight_quotes: '"', single_quotes: "'", curly_open: '“', curly_close: '”',
    guillemets: '«', digits: '9', commas: ',', digit_groups: '1,000,', dots: '.', dashes: '-', em_dashes: '—', colons: ':', zero_width: '\u200b',
    capital_words: 'Aaa ', words: 'said ', the_the: 'the ', quoted_words: '"a" ', said_he: 'he said ', according: 'according to ', numbers_words: 'hundreds of thousands of ',
    more_than: 'more than ', upper_words: 'ABC ', hyphen_words: 'a-b-', apostrophes: "a'", lone_surrogates: '\ud800', emoji: '😀', nbsp: '\u00a0', tabs: '\t',
    paren: '(', mixed_quotes: '“"‘\'', short_lines: 'Play\n', source_lines: 'Source: x\n', bank: 'sort code: 12 ', caps_lines: 'DON\'T MISS\n',
  };
  for (const [name, u] of Object.entries(unit)) out.push({ name, text: u.repeat(Math.ceil(n / u.length)).slice(0, n) });
  out.push({ name: 'long_quote_no_close', text: 'He said "' + 'word '.repeat(12_000 * k) });
  out.push({ name: 'many_paragraph_quotes', text: ('"Unclosed ' + 'word '.repeat(20) + '\n\n').repeat(600 * k) });
  out.push({ name: 'many_short_sentences', text: 'He said so. '.repeat(5_000 * k) });
  out.push({ name: 'many_attributions', text: '"We are here," Zelensky said. '.repeat(2_000 * k) });
  out.push({ name: 'many_numbers', text: '87 people were killed, '.repeat(2_500 * k) });
  out.push({ name: 'nested_quotes', text: '“‘'.repeat(5_000 * k) + 'x' + '’”'.repeat(5_000 * k) });
  out.push({ name: 'digits_then_x', text: '1'.repeat(n / 2) + 'x' });
  out.push({ name: 'spaces_then_x', text: ' '.repeat(n / 2) + 'x' });
  out.push({ name: 'one_long_line_of_words', text: 'Russian forces said the city was taken '.repeat(1_500 * k) });
  return out;
})();
