// Word lists the extractors share: reporting verbs with their inflections, cue nouns, hedges, and the
// nouns that name people and groups. Data only.

/** Reporting verbs: lemma → how the verb takes its content. */
export type VerbFrame =
  | 'say' // X said (that) S / "Q," X said
  | 'tell' // X told Y (that) S
  | 'object' // X described / compared / blamed Y …: the content is the object and what follows
  | 'urge'; // X urged Y to V

const VERBS: Record<string, VerbFrame> = Object.assign(Object.create(null), {
  say: 'say', add: 'say', claim: 'say', explain: 'say', insist: 'say', state: 'say', note: 'say', write: 'say',
  reply: 'say', respond: 'say', admit: 'say', confirm: 'say', deny: 'say', allege: 'say', report: 'say',
  announce: 'say', declare: 'say', suggest: 'say', argue: 'say', acknowledge: 'say', predict: 'say', estimate: 'say',
  complain: 'say', concede: 'say', contend: 'say', assert: 'say', maintain: 'say', reveal: 'say', disclose: 'say',
  recall: 'say', testify: 'say', tweet: 'say', post: 'say', stress: 'say', emphasise: 'say', emphasize: 'say',
  continue: 'say', observe: 'say', remark: 'say', comment: 'say', answer: 'say', mention: 'say', agree: 'say',
  believe: 'say', think: 'say', fear: 'say', hope: 'say', boast: 'say', joke: 'say', scream: 'say', shout: 'say',
  cry: 'say', whisper: 'say', yell: 'say', exclaim: 'say', conclude: 'say', indicate: 'say', show: 'say',
  find: 'say', forecast: 'say', project: 'say', signal: 'say', recount: 'say', vow: 'say', pledge: 'say',
  promise: 'say', threaten: 'say', demand: 'say', ask: 'tell', wonder: 'say', speculate: 'say', caution: 'say',
  underline: 'say', retort: 'say', counter: 'say', protest: 'say', lament: 'say', quip: 'say', clarify: 'say',
  tell: 'tell', warn: 'tell', inform: 'tell', assure: 'tell', remind: 'tell', notify: 'tell', advise: 'tell',
  describe: 'object', compare: 'object', blame: 'object', accuse: 'object', characterize: 'object',
  characterise: 'object', call: 'object', label: 'object', brand: 'object', dismiss: 'object', praise: 'object',
  criticise: 'object', criticize: 'object', condemn: 'object', slam: 'object', detail: 'object',
  offer: 'say', apologise: 'say', apologize: 'say', rage: 'say', fume: 'say', reject: 'object', express: 'object',
  speak: 'object',
  urge: 'urge', implore: 'urge', appeal: 'urge', plead: 'urge', beg: 'urge', order: 'urge', encourage: 'urge', invite: 'urge',
});

const IRREGULAR: Record<string, string> = Object.assign(Object.create(null), {
  said: 'say', says: 'say', saying: 'say', told: 'tell', telling: 'tell', tells: 'tell', wrote: 'write', written: 'write',
  writing: 'write', thought: 'think', found: 'find', shown: 'show', showed: 'show', cried: 'cry', cries: 'cry',
  denied: 'deny', denies: 'deny', replied: 'reply', replies: 'reply', testified: 'testify', testifies: 'testify',
  implied: 'imply', clarified: 'clarify', spoke: 'speak', spoken: 'speak', speaking: 'speak', speaks: 'speak', clarifies: 'clarify', pleaded: 'plead', pled: 'plead', underlined: 'underline',
});

const lemmaCache = new Map<string, string | null>();

/** The lemma of a reporting verb form, or undefined. */
export function reportingLemma(lower: string): string | undefined {
  let hit = lemmaCache.get(lower);
  if (hit === undefined) {
    hit = findLemma(lower) ?? null;
    if (lemmaCache.size < 50_000) lemmaCache.set(lower, hit);
  }
  return hit ?? undefined;
}

function findLemma(w: string): string | undefined {
  if (IRREGULAR[w] && VERBS[IRREGULAR[w]]) return IRREGULAR[w];
  if (VERBS[w]) return w;
  const tries: string[] = [];
  if (w.endsWith('ies')) tries.push(w.slice(0, -3) + 'y');
  if (w.endsWith('ied')) tries.push(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) tries.push(w.slice(0, -2), w.slice(0, -1));
  if (w.endsWith('s')) tries.push(w.slice(0, -1));
  if (w.endsWith('ed')) tries.push(w.slice(0, -2), w.slice(0, -1), w.slice(0, -3));
  if (w.endsWith('ing')) tries.push(w.slice(0, -3), w.slice(0, -3) + 'e', w.slice(0, -4));
  for (const t of tries) if (VERBS[t]) return t;
  return undefined;
}

export function verbFrame(lemma: string): VerbFrame {
  return VERBS[lemma] ?? 'say';
}

/** Verbs that are weak cues: only a cue with a that-clause, a quote, or a colon ("show", "find", "think"). */
export const WEAK_VERBS = new Set(['offer', 'rage', 'fume', 'show', 'find', 'think', 'believe', 'hope', 'fear', 'agree', 'continue', 'indicate', 'project', 'signal', 'post', 'answer', 'comment', 'mention', 'order', 'invite', 'encourage', 'call', 'label', 'brand', 'praise', 'dismiss', 'protest', 'counter', 'detail', 'report', 'estimate', 'forecast', 'promise', 'demand', 'threaten', 'pledge', 'vow', 'cry', 'maintain', 'observe', 'ask', 'wonder', 'remind', 'advise']);

/** Nouns that introduce a statement ("the claim that", "a statement:"). */
export const CUE_NOUNS = new Set([
  'claim', 'claims', 'statement', 'statements', 'disclosure', 'warning', 'warnings', 'announcement', 'assertion',
  'allegation', 'allegations', 'accusation', 'accusations', 'admission', 'comments', 'remarks', 'promise', 'promises',
  'threat', 'threats', 'insistence', 'denial', 'suggestion', 'message', 'response', 'rhetoric', 'testimony', 'pledge',
  'words', 'assessment', 'estimate', 'report', 'belief', 'argument', 'view', 'verdict', 'conclusion', 'prediction',
]);

/** Words that mark a statement as unverified. Multi-word hedges are matched on lower-cased text. */
export const HEDGE_WORDS = new Set([
  'purported', 'purportedly', 'alleged', 'allegedly', 'claimed', 'claim', 'claims', 'claiming', 'reportedly',
  'supposedly', 'unverified', 'unconfirmed', 'apparently', 'allegation', 'allegations', 'ostensibly', 'so-called',
]);

export const HEDGE_PHRASES: RegExp[] = [
  /\b(?:is|are|was|were|being|been)\s+said\s+to\b/gi,
  /\b(?:and\s+)?said\s+to\s+(?:be|have|capture|show|contain|depict|record)\b/gi,
  /\b(?:could|can|has|have|had|was|were)\s*(?:not|n[o’']t)\s+(?:be\s+|been\s+)?(?:independently\s+)?(?:verified|confirmed|corroborated)\b/gi,
  /\b(?:is|was|it's|it is)\s+(?:not|un)\s*(?:clear|certain|known)\s+(?:whether|if)\b/gi,
  /\bnot\s+(?:clear|certain)\s+whether\b/gi,
  /\bdebunked\b/gi,
  /\b(?:an?\s+)?(?:accusation|claim|allegation|charge)s?\s+(?:that\s+)?(?:[\w’'-]+\s+){0,4}?(?:has\s+|have\s+|had\s+)?(?:vehemently\s+|strongly\s+|repeatedly\s+|flatly\s+)?(?:denied|rejected|disputed)\b/gi,
  /\bwithout\s+(?:providing|offering|giving)\s+(?:any\s+)?evidence\b/gi,
  /\b(?:forced|coerced)\s+(?:or\s+(?:forced|coerced)\s+)?to\s+(?:speak|say)\b/gi,
];

/** Cue lemmas that are themselves hedges ("X claimed that …"). */
export const HEDGING_CUES = new Set(['claim', 'allege', 'purport']);

/** Nouns that name a person. */
export const PERSON_NOUNS = new Set([
  'man', 'woman', 'men', 'women', 'soldier', 'soldiers', 'officer', 'officers', 'commander', 'commanders', 'pow', 'pows',
  'prisoner', 'prisoners', 'troop', 'troops', 'serviceman', 'servicemen', 'fighter', 'fighters', 'official', 'officials',
  'spokesman', 'spokeswoman', 'spokesperson', 'minister', 'president', 'leader', 'leaders', 'general', 'colonel', 'captain',
  'sergeant', 'lieutenant', 'major', 'private', 'corporal', 'mother', 'father', 'wife', 'husband', 'son', 'daughter',
  'brother', 'sister', 'friend', 'friends', 'relative', 'relatives', 'resident', 'residents', 'civilian', 'civilians',
  'witness', 'witnesses', 'expert', 'experts', 'analyst', 'analysts', 'journalist', 'journalists', 'correspondent',
  'reporter', 'reporters', 'editor', 'source', 'sources', 'diplomat', 'diplomats', 'lawmaker', 'lawmakers', 'senator',
  'mayor', 'governor', 'chief', 'head', 'director', 'secretary', 'ambassador', 'envoy', 'adviser', 'advisor', 'aide',
  'aides', 'volunteer', 'volunteers', 'medic', 'medics', 'doctor', 'doctors', 'nurse', 'survivor', 'survivors', 'refugee',
  'refugees', 'girl', 'boy', 'people', 'person', 'citizen', 'citizens', 'veteran', 'veterans', 'deserter', 'deserters',
  'conscript', 'conscripts', 'mercenary', 'mercenaries', 'signalman', 'sniper', 'pilot', 'paratrooper', 'marine', 'marines',
  'muscovite', 'ukrainian', 'ukrainians', 'russian', 'russians', 'blogger', 'bloggers', 'activist', 'activists', 'priest',
  'teacher', 'student', 'students', 'worker', 'workers', 'owner', 'chairman', 'representative', 'prosecutor', 'prosecutors',
  'investigator', 'investigators', 'negotiator', 'negotiators', 'politician', 'politicians', 'economist', 'historian',
  'researcher', 'researchers', 'scientist', 'author', 'host', 'presenter', 'anchor', 'guard', 'guards', 'police',
  'policeman', 'agent', 'agents', 'operative', 'captive', 'captives', 'detainee', 'detainees', 'victim', 'victims',
  'voice', 'caller', 'callers', 'comrade', 'comrades', 'veteran', 'pensioner', 'villager', 'villagers', 'local', 'locals',
]);

/** Nouns that name institutions and groups that speak. */
export const ORG_NOUNS = new Set([
  'government', 'ministry', 'kremlin', 'council', 'office', 'agency', 'service', 'intelligence', 'military', 'army',
  'command', 'headquarters', 'authorities', 'authority', 'administration', 'department', 'committee', 'commission',
  'police', 'media', 'outlet', 'channel', 'newspaper', 'agency', 'court', 'parliament', 'congress', 'senate', 'pentagon',
  'embassy', 'mission', 'un', 'nato', 'group', 'organisation', 'organization', 'company', 'union', 'party', 'campaign',
  'staff', 'forces', 'leadership', 'report', 'data', 'statement', 'poll', 'survey', 'study', 'document', 'documents',
  'estimates', 'figures', 'sources', 'spokesperson', 'team', 'network', 'institute', 'watchdog', 'observers', 'monitors',
  'mission', 'bureau', 'centre', 'center', 'directorate', 'guard', 'prosecutor', 'investigators', 'brigade', 'battalion',
  'regiment', 'unit', 'division', 'corps', 'fleet', 'ministry', 'white', 'state', 'states', 'republic', 'country',
]);

/** Pronouns that can be speakers, with what they can refer to. */
export const PRONOUNS: Record<string, 'he' | 'she' | 'they' | 'it' | 'i' | 'we'> = Object.assign(Object.create(null), {
  he: 'he', she: 'she', they: 'they', it: 'it', i: 'i', we: 'we', him: 'he', her: 'she', them: 'they',
});

/** Words that never start or head a speaker phrase. */
export const NOT_SPEAKER = new Set(['this', 'that', 'which', 'what', 'there', 'here', 'it', 'who', 'whom', 'whose', 'one', 'some', 'all', 'nothing', 'everything', 'anything', 'something', 'today', 'yesterday', 'tomorrow', 'earlier', 'later', 'also', 'then', 'now']);

/** Channels through which a statement reached a relay. */
export const CHANNELS: [RegExp, string][] = [
  [/\b(?:intercepted|phone|telephone)\s+(?:call|conversation)s?\b|\bintercept(?:ed)?\b/i, 'intercepted call'],
  [/\baudio(?:\s+clip|\s+recording)?\b|\brecording\b/i, 'audio recording'],
  [/\b(?:filmed\s+)?(?:questioning|interrogation)\b/i, 'interrogation video'],
  [/\bpress\s+conference\b|\bbriefing\b/i, 'press conference'],
  [/\binterview(?:ed)?\b/i, 'interview'],
  [/\btelegram\b/i, 'Telegram post'],
  [/\bfacebook\b/i, 'Facebook post'],
  [/\btwitter\b|\btweet(?:ed)?\b/i, 'Twitter post'],
  [/\bvideo\b/i, 'video'],
  [/\bspeech\b|\baddress\b/i, 'speech'],
  [/\bstatement\b/i, 'statement'],
];

/** Places that stand for their governments when they speak ("Kyiv said", "Moscow had said"): never persons. */
export const GEO_NAMES = new Set([
  'ukraine', 'russia', 'belarus', 'moldova', 'georgia', 'poland', 'germany', 'france', 'britain', 'uk', 'united kingdom',
  'us', 'u.s.', 'usa', 'united states', 'america', 'china', 'turkey', 'iran', 'israel', 'hungary', 'romania', 'slovakia',
  'lithuania', 'latvia', 'estonia', 'finland', 'sweden', 'norway', 'nato', 'eu', 'european union', 'un', 'united nations',
  'kyiv', 'kiev', 'moscow', 'kremlin', 'washington', 'london', 'paris', 'berlin', 'brussels', 'beijing', 'minsk', 'warsaw',
  'crimea', 'donbas', 'donbass', 'donetsk', 'luhansk', 'kharkiv', 'kharkov', 'mariupol', 'kherson', 'odesa', 'odessa',
  'zaporizhzhia', 'mykolaiv', 'lviv', 'dnipro', 'sievierodonetsk', 'severodonetsk', 'bakhmut', 'belgorod', 'kursk',
  'sevastopol', 'white house', 'downing street', 'pentagon', 'chechnya', 'grozny', 'st petersburg', 'klimovo',
]);
