// Terms: the content words of a short text (an attributed statement, the sentence around a number), folded so
// that rewordings and other translations of one utterance share them: lower case, no function words,
// irregular verb forms to their base, then the Porter2 stem ("understood" and "understand" → "understand",
// "surrendered" → "surrend").
import stem from 'wink-porter2-stemmer';

const STOP = new Set(`a about above after again against all am an and any are aren't as at be because been before being below between
both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has
hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is
isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over
own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll
you're you've your yours yourself yourselves also just will shall may might must said says say told tell tells like one us it’s
well yes even still really thing things get got go going gone went come came lot`.split(/\s+/));
// "only" is a stop word in most lists, but "the only option" is what a statement says: keep it.
STOP.delete('only');
/** Negations become one term, so that "will not win" never joins "will win". */
export const NOT = 'not';
const NEGATION = /^(not|no|never|nor|cannot|none|nobody|nothing|neither|without)$|n't$/;

const IRREGULAR: Record<string, string> = {
  understood: 'understand', fought: 'fight', thought: 'think', brought: 'bring', bought: 'buy', caught: 'catch', taught: 'teach',
  sought: 'seek', knew: 'know', known: 'know', saw: 'see', seen: 'see', took: 'take', taken: 'take', gave: 'give', given: 'give',
  made: 'make', left: 'leave', lost: 'lose', felt: 'feel', kept: 'keep', held: 'hold', met: 'meet', ran: 'run', sent: 'send',
  spent: 'spend', stood: 'stand', fell: 'fall', fallen: 'fall', hit: 'hit', shot: 'shoot', struck: 'strike', stricken: 'strike',
  threw: 'throw', thrown: 'throw', wrote: 'write', written: 'write', spoke: 'speak', spoken: 'speak', began: 'begin', begun: 'begin',
  chose: 'choose', chosen: 'choose', drove: 'drive', driven: 'drive', ate: 'eat', eaten: 'eat', fled: 'flee', flew: 'fly', flown: 'fly',
  forgot: 'forget', forgotten: 'forget', froze: 'freeze', hid: 'hide', hidden: 'hide', led: 'lead', lay: 'lie', lain: 'lie', paid: 'pay',
  rose: 'rise', risen: 'rise', sold: 'sell', slew: 'slay', slain: 'slay', stole: 'steal', stolen: 'steal', swore: 'swear', sworn: 'swear',
  tore: 'tear', torn: 'tear', woke: 'wake', won: 'win', wore: 'wear', worn: 'wear', dead: 'die', died: 'die', killed: 'kill',
  men: 'man', women: 'woman', children: 'child', people: 'people',
};

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const cache = new Map<string, string>();

/** The term of one lower-case word, or null for a function word. */
export function term(word: string): string | null {
  const w = word.replace(/’/g, "'");
  let t = cache.get(w);
  if (t !== undefined) return t || null;
  if (NEGATION.test(w)) t = NOT;
  else if (STOP.has(w) || (w.length < 2 && !/\d/.test(w))) t = '';
  else {
    const base = IRREGULAR[w] ?? w.replace(/'s$/, '');
    t = /\d/.test(base) ? base.replace(/[,.]/g, '') : stem(base);
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(w, t);
  return t || null;
}

/** The terms of a text in order (repeats kept). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const t = term(m[0]);
    if (t) out.push(t);
  }
  return out;
}
