// The curated table of news outlets and agencies: canonical name, other names, domains and kind.
// Ingest uses it to name an article's outlet from its URL or a "Source:" line; the analyzers use it to
// recognise outlets named as relays ("told CNN", "according to The Mirror").

export type OutletKind = 'agency' | 'broadcaster' | 'newspaper' | 'magazine' | 'online' | 'state media' | 'blog' | 'government';

export interface Outlet {
  name: string;
  aliases: string[];
  domains: string[];
  kind: OutletKind;
  country: string;
}

const o = (name: string, kind: OutletKind, country: string, domains: string[], aliases: string[] = []): Outlet => ({ name, kind, country, domains, aliases });

export const OUTLETS: readonly Outlet[] = [
  // Agencies
  o('Reuters', 'agency', 'GB', ['reuters.com', 'uk.reuters.com'], ['Thomson Reuters']),
  o('Associated Press', 'agency', 'US', ['apnews.com', 'ap.org'], ['AP', 'The Associated Press']),
  o('Agence France-Presse', 'agency', 'FR', ['afp.com'], ['AFP']),
  o('Interfax-Ukraine', 'agency', 'UA', ['interfax.com.ua', 'en.interfax.com.ua'], ['Interfax Ukraine']),
  o('Interfax', 'agency', 'RU', ['interfax.ru', 'interfax.com']),
  o('Ukrinform', 'agency', 'UA', ['ukrinform.net', 'ukrinform.ua']),
  o('UNIAN', 'agency', 'UA', ['unian.info', 'unian.net', 'unian.ua']),
  o('TASS', 'state media', 'RU', ['tass.com', 'tass.ru'], ['Tass']),
  o('RIA Novosti', 'state media', 'RU', ['ria.ru'], ['RIA']),
  o('Sputnik', 'state media', 'RU', ['sputniknews.com', 'sputnikglobe.com']),
  o('Bloomberg', 'agency', 'US', ['bloomberg.com'], ['Bloomberg News']),
  o('Deutsche Presse-Agentur', 'agency', 'DE', ['dpa.com'], ['dpa', 'DPA']),
  o('Anadolu Agency', 'agency', 'TR', ['aa.com.tr'], ['Anadolu']),
  o('Xinhua', 'state media', 'CN', ['xinhuanet.com', 'news.cn']),
  // Broadcasters
  o('BBC', 'broadcaster', 'GB', ['bbc.co.uk', 'bbc.com'], ['BBC News', 'the BBC']),
  o('CNN', 'broadcaster', 'US', ['cnn.com', 'edition.cnn.com']),
  o('NBC News', 'broadcaster', 'US', ['nbcnews.com'], ['NBC']),
  o('CBS News', 'broadcaster', 'US', ['cbsnews.com'], ['CBS']),
  o('ABC News', 'broadcaster', 'US', ['abcnews.go.com', 'abcnews.com'], ['ABC']),
  o('Fox News', 'broadcaster', 'US', ['foxnews.com'], ['Fox']),
  o('Sky News', 'broadcaster', 'GB', ['news.sky.com', 'sky.com']),
  o('ITV News', 'broadcaster', 'GB', ['itv.com'], ['ITV']),
  o('Al Jazeera', 'broadcaster', 'QA', ['aljazeera.com', 'aljazeera.net']),
  o('Deutsche Welle', 'broadcaster', 'DE', ['dw.com'], ['DW']),
  o('France 24', 'broadcaster', 'FR', ['france24.com'], ['France24']),
  o('Euronews', 'broadcaster', 'FR', ['euronews.com']),
  o('NPR', 'broadcaster', 'US', ['npr.org'], ['National Public Radio']),
  o('PBS', 'broadcaster', 'US', ['pbs.org'], ['PBS NewsHour']),
  o('Radio Free Europe', 'broadcaster', 'US', ['rferl.org'], ['Radio Free Europe/Radio Liberty', 'RFE/RL', 'Radio Liberty']),
  o('Voice of America', 'broadcaster', 'US', ['voanews.com'], ['VOA']),
  o('RT', 'state media', 'RU', ['rt.com'], ['Russia Today']),
  o('Channel One', 'state media', 'RU', ['1tv.ru', '1tv.com'], ['Channel One Russia', 'Perviy Kanal']),
  o('Rossiya 1', 'state media', 'RU', ['russia.tv', 'smotrim.ru']),
  o('Zvezda', 'state media', 'RU', ['tvzvezda.ru']),
  o('Current Time', 'broadcaster', 'US', ['currenttime.tv']),
  o('CBC News', 'broadcaster', 'CA', ['cbc.ca'], ['CBC']),
  o('ABC (Australia)', 'broadcaster', 'AU', ['abc.net.au']),
  // Newspapers and magazines
  o('The Guardian', 'newspaper', 'GB', ['theguardian.com', 'guardian.co.uk'], ['Guardian']),
  o('The New York Times', 'newspaper', 'US', ['nytimes.com'], ['New York Times', 'NYT']),
  o('The Washington Post', 'newspaper', 'US', ['washingtonpost.com'], ['Washington Post']),
  o('The Wall Street Journal', 'newspaper', 'US', ['wsj.com'], ['Wall Street Journal', 'WSJ']),
  o('Daily Mail', 'newspaper', 'GB', ['dailymail.co.uk', 'dailymail.com'], ['MailOnline', 'Mail Online', 'The Daily Mail', 'Mail on Sunday']),
  o('The Mirror', 'newspaper', 'GB', ['mirror.co.uk'], ['Mirror', 'Daily Mirror']),
  o('Daily Express', 'newspaper', 'GB', ['express.co.uk'], ['Express', 'The Express', 'Express.co.uk']),
  o('The Sun', 'newspaper', 'GB', ['thesun.co.uk'], ['Sun']),
  o('The Telegraph', 'newspaper', 'GB', ['telegraph.co.uk'], ['Telegraph', 'Daily Telegraph']),
  o('The Independent', 'newspaper', 'GB', ['independent.co.uk'], ['Independent']),
  o('The Times', 'newspaper', 'GB', ['thetimes.co.uk'], ['Times of London']),
  o('Financial Times', 'newspaper', 'GB', ['ft.com'], ['FT']),
  o('The Economist', 'magazine', 'GB', ['economist.com'], ['Economist']),
  o('Evening Standard', 'newspaper', 'GB', ['standard.co.uk']),
  o('Metro', 'newspaper', 'GB', ['metro.co.uk']),
  o('USA Today', 'newspaper', 'US', ['usatoday.com']),
  o('Los Angeles Times', 'newspaper', 'US', ['latimes.com'], ['LA Times']),
  o('New York Post', 'newspaper', 'US', ['nypost.com'], ['NY Post']),
  o('Newsweek', 'magazine', 'US', ['newsweek.com']),
  o('Time', 'magazine', 'US', ['time.com'], ['TIME']),
  o('The Atlantic', 'magazine', 'US', ['theatlantic.com']),
  o('Politico', 'online', 'US', ['politico.com', 'politico.eu'], ['POLITICO']),
  o('Axios', 'online', 'US', ['axios.com']),
  o('Business Insider', 'online', 'US', ['businessinsider.com', 'businessinsider.in', 'insider.com'], ['Insider']),
  o('Yahoo News', 'online', 'US', ['yahoo.com', 'news.yahoo.com'], ['Yahoo']),
  o('HuffPost', 'online', 'US', ['huffpost.com', 'huffingtonpost.com', 'huffingtonpost.co.uk'], ['Huffington Post', 'HuffPost UK']),
  o('The Daily Beast', 'online', 'US', ['thedailybeast.com'], ['Daily Beast']),
  o('Vice News', 'online', 'US', ['vice.com'], ['VICE']),
  o('Der Spiegel', 'magazine', 'DE', ['spiegel.de'], ['Spiegel']),
  o('Le Monde', 'newspaper', 'FR', ['lemonde.fr']),
  o('Haaretz', 'newspaper', 'IL', ['haaretz.com']),
  o('The Times of Israel', 'newspaper', 'IL', ['timesofisrael.com']),
  o('The Moscow Times', 'online', 'RU', ['themoscowtimes.com'], ['Moscow Times']),
  o('Kyiv Independent', 'online', 'UA', ['kyivindependent.com'], ['The Kyiv Independent']),
  o('Kyiv Post', 'newspaper', 'UA', ['kyivpost.com'], ['The Kyiv Post']),
  o('Ukrainska Pravda', 'online', 'UA', ['pravda.com.ua'], ['Ukrayinska Pravda']),
  o('Hromadske', 'online', 'UA', ['hromadske.ua']),
  o('Suspilne', 'broadcaster', 'UA', ['suspilne.media']),
  o('Meduza', 'online', 'LV', ['meduza.io']),
  o('Mediazona', 'online', 'RU', ['zona.media'], ['MediaZona', 'Media Zona']),
  o('iStories', 'online', 'LV', ['istories.media'], ['Important Stories', 'Vazhnye Istorii']),
  o('Novaya Gazeta', 'newspaper', 'RU', ['novayagazeta.ru', 'novayagazeta.eu']),
  o('Astra', 'online', 'RU', ['astra.press'], ['ASTRA']),
  o('Kommersant', 'newspaper', 'RU', ['kommersant.ru']),
  o('Izvestia', 'newspaper', 'RU', ['iz.ru']),
  o('Komsomolskaya Pravda', 'newspaper', 'RU', ['kp.ru']),
  o('Rossiyskaya Gazeta', 'state media', 'RU', ['rg.ru']),
  o('Dozhd', 'broadcaster', 'RU', ['tvrain.tv', 'tvrain.ru'], ['TV Rain']),
  o('Bellingcat', 'online', 'NL', ['bellingcat.com']),
  o('The Insider', 'online', 'RU', ['theins.ru', 'theins.press']),
  o('Institute for the Study of War', 'online', 'US', ['understandingwar.org'], ['ISW']),
];

const ASCII = /^[\x00-\x7f]*$/;
const byDomain = new Map<string, Outlet>();
const byName = new Map<string, Outlet>();
function foldName(s: string, keepArticle = false): string {
  // Plain ASCII is its own NFKD form, with no marks to drop.
  const f = (ASCII.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
  return (keepArticle ? f : f.replace(/^the\s+/, '')).replace(/[^a-z0-9]+/g, ' ').trim();
}
// Exact names first ("The Insider"), then names without "the"; the first outlet to claim a key keeps it.
for (const keep of [true, false]) {
  for (const x of OUTLETS) {
    if (keep) for (const d of x.domains) byDomain.set(d, x);
    for (const n of [x.name, ...x.aliases]) {
      const k = foldName(n, keep);
      if (!byName.has(k)) byName.set(k, x);
    }
  }
}

/** The outlet a host name belongs to (sub-domains included), or undefined. */
export function outletByHost(host: string): Outlet | undefined {
  let h = host.toLowerCase().replace(/^www\d*\./, '').replace(/\.$/, '');
  for (;;) {
    const hit = byDomain.get(h);
    if (hit) return hit;
    const dot = h.indexOf('.');
    if (dot < 0 || h.indexOf('.', dot + 1) < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

/** The outlet with this name or alias ("the Mirror", "Interfax Ukraine"), or undefined. */
const nameCache = new Map<string, Outlet | null>();

export function outletByName(name: string): Outlet | undefined {
  let hit = nameCache.get(name);
  if (hit === undefined) {
    hit = byName.get(foldName(name, true)) ?? byName.get(foldName(name)) ?? null;
    // Bounded: when full, start again (the names of current articles come back first).
    if (nameCache.size >= 50_000) nameCache.clear();
    nameCache.set(name, hit);
  }
  return hit ?? undefined;
}

/** A display name for the outlet of a URL: the table's name, else the host without "www.". */
export function outletFromUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (!host) return null;
  return outletByHost(host)?.name ?? host.replace(/^www\d*\./, '');
}

/** An outlet from free text such as the value of a "Source:" line: a domain or a known name. */
export function outletFromText(value: string): string | null {
  const v = value.trim().replace(/[.;,]+$/, '');
  if (/^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/\S*)?$/i.test(v)) {
    const url = /^https?:/i.test(v) ? v : `https://${v}`;
    return outletFromUrl(url);
  }
  return outletByName(v)?.name ?? null;
}
