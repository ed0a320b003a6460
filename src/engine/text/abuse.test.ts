import { describe, expect, it } from 'vitest';
import { detectAbuse, type AbuseCategory } from './abuse.ts';

const cats = (text: string): AbuseCategory[] => detectAbuse(text).map((h) => h.category);

// [text, expected category of the first hit, criminal, secondPerson]
const POSITIVE: [string, AbuseCategory, boolean, boolean][] = [
  // Insults
  ['Je bent een idioot.', 'insult', false, true],
  ['Wat een sukkel ben jij.', 'insult', false, true],
  ['Die juf is een kutwijf.', 'insult', false, false],
  ['Jij klootzak!', 'insult', false, true],
  ['Ik vind je een eikel.', 'insult', false, true],
  ['Je moeder is een hoer.', 'insult', false, true],
  ['Wat ben jij lelijk.', 'insult', false, true],
  ['Sanne is zo dom.', 'insult', false, false],
  ['Jullie zijn allemaal losers.', 'insult', false, true],
  ['Rot op!', 'insult', false, false],
  // Obfuscation
  ['Wat een l0ser ben jij', 'insult', false, true],
  ['Jij k4nkerlijer!', 'insult', false, true],
  ['h o e r', 'insult', false, false],
  ['Wat een k.u.t.wijf', 'insult', false, false],
  ['Je bent een mooooongool', 'slur', false, true],
  ['Je bent een $l3t', 'insult', false, true],
  ['Je bent een id1oot', 'insult', false, true],
  ['Wat een vuilehoer', 'insult', false, false],
  // Curses
  ['Wat een kankerweer vandaag', 'curse', false, false],
  ['Tering, ik ben mijn tas vergeten', 'curse', false, false],
  ['Krijg de kanker', 'death_wish', false, false],
  ['Jij teringlijer', 'insult', false, true],
  // Slurs
  ['Vuile jood', 'slur', false, false],
  ['Je bent gewoon een flikker.', 'slur', false, true],
  ['Wat een kankerjood', 'slur', false, false],
  ['Er zijn te veel negers in dit land.', 'slur', false, false],
  // Dehumanising
  ['Moslims zijn ratten.', 'dehumanising', false, false],
  ['Die kinderen zijn beesten.', 'dehumanising', false, false],
  ['Jullie zijn tuig van de richel.', 'dehumanising', false, true],
  ['Vluchtelingen zijn een plaag.', 'dehumanising', false, false],
  // Death wishes and threats
  ['Ik hoop dat je doodgaat.', 'death_wish', false, true],
  ['Ga dood', 'death_wish', false, false],
  ['Moslims moeten vergast worden.', 'death_wish', true, false],
  ['Ik sla je in elkaar.', 'threat', true, true],
  ['Ik maak je af', 'threat', true, true],
  ['Ik steek je neer', 'threat', true, true],
  ['Pas maar op.', 'threat', true, false],
  ['Ik weet waar je woont.', 'threat', true, true],
  ['Wacht maar tot na school.', 'threat', true, false],
  ['Ik ga je neerschieten.', 'threat', true, true],
  ['Je gaat eraan', 'threat', true, true],
  // Stalking
  ['Ik volg je overal.', 'stalking', true, true],
  ['Ik hou je in de gaten.', 'stalking', true, true],
  // Sexual harassment and sextortion
  ["Stuur me naaktfoto's", 'sexual', false, false],
  ["Stuur je naaktfoto's naar mij", 'sexual', false, true],
  ["Anders verspreid ik je foto's.", 'sextortion', true, true],
  // Exclusion and humiliation
  ['Niemand wil met jou spelen.', 'exclusion', false, true],
  ['Jij hoort er niet bij.', 'exclusion', false, true],
  ['Ga weg, jij mag niet meedoen.', 'exclusion', false, false],
  ['Iedereen lacht je uit.', 'humiliation', false, true],
  ['Jij hebt geen vrienden.', 'humiliation', false, true],
  // Defamation
  ['Pieter is een dief.', 'defamation', true, false],
  ['Hij steelt.', 'defamation', true, false],
  ['Meester Jan is een pedo', 'defamation', true, false],
  ['Hij heeft zijn kinderen mishandeld.', 'defamation', true, false],
  ['Zijn vader slaat zijn kinderen.', 'defamation', true, false],
  // Doxxing
  ['Hij woont op de Dorpsstraat 12, ga daar maar langs.', 'doxxing', true, false],
];

const NEGATIVE: string[] = [
  // Negation
  'Je bent geen idioot.',
  'Ik vind niet dat hij een idioot is.',
  'Ik haat vrouwen niet.',
  'Ik zou nooit een kind pijn doen.',
  // Counter-speech and quoting to condemn
  "'kankerhoer' is een woord dat je nooit mag zeggen.",
  "Wie 'homo' als scheldwoord gebruikt, moet zich schamen.",
  'Zeggen dat moslims ratten zijn is walgelijk.',
  'Hij noemde me een hoer, dat is niet oké.',
  'Het is echt niet oké om mensen mongool te noemen.',
  // Homonyms
  'De mol graaft een gang in de tuin.',
  'We zagen een kip en een aap in de dierentuin.',
  'We gaan op vakantie naar Mongolië.',
  'Dzjengis Khan en de Mongolen veroverden een groot rijk.',
  'De eikels vallen van de boom in de herfst.',
  'De teef kreeg zes pups.',
  'Ik heb een pot pindakaas gekocht.',
  'Het licht begon te flikkeren.',
  // Positive slang
  'Het feest was vet goed en gestoord gezellig!',
  'Dat concert was ziek goed.',
  // History, nature, disease as a fact
  'Vandaag bij geschiedenis: de slag om Arnhem.',
  'Uitgestorven dieren zoals de dodo.',
  'De pest in de middeleeuwen was verschrikkelijk.',
  'Mijn oma heeft kanker.',
  'Mijn buurvrouw is overleden aan kanker.',
  'We lopen mee met de KWF kankerbestrijding.',
  'Joden werden in de oorlog vervolgd.',
  'Mijn opa is vorige week doodgegaan.',
  'De leeuw doodt zijn prooi.',
  // Things and oneself
  'Mijn telefoon is kapot.',
  'Wat was ik dom vandaag.',
  'Stomme printer!',
  'Sorry dat ik een klootzak ben.',
  'Ik was toen een echte sukkel.',
  'Wat een kutzooi is dat.',
  'Dit is echt een idioot voorbeeld.',
  'We moeten al deze foto\'s ophangen.',
  'Laten we dat onkruid gewoon uitroeien.',
  // Civil criticism
  'Ik ben het niet eens met het beleid.',
  'De juf had beter moeten opletten.',
  'Ik vind de nieuwe regels over de gymles jammer.',
  // Plain school posts
  'Groep 5 heeft vandaag een prachtige tekening gemaakt van de herfst!',
  'Morgen is er een ouderavond om 19.30 uur in de aula.',
  'Ik volg je op Instagram.',
  'Ik zie je morgen bij het hek.',
  'Pas op, de vloer is nat.',
  'Ik ga weg om half vier.',
  'Wij wonen op de Dorpsstraat 12, kom gerust langs voor koffie.',
  'Mijn fiets is gestolen.',
  '',
];

describe('detectAbuse: abusive posts', () => {
  for (const [text, cat, criminal, second] of POSITIVE) {
    it(`${cat}: ${text}`, () => {
      const hits = detectAbuse(text);
      expect(hits.length, JSON.stringify(hits)).toBeGreaterThan(0);
      const hit = hits.find((h) => h.category === cat);
      expect(hit, `categories: ${cats(text).join(',')}`).toBeDefined();
      expect(hit?.criminal).toBe(criminal);
      expect(hit?.secondPerson).toBe(second);
    });
  }
});

describe('detectAbuse: harmless posts', () => {
  for (const text of NEGATIVE) {
    it(`no hit: ${text || '(empty)'}`, () => {
      const hits = detectAbuse(text);
      expect(hits, JSON.stringify(hits.map((h) => [h.category, text.slice(h.start, h.end)]))).toEqual([]);
    });
  }
});

// Insults about a child or teacher named in the post: the decency rule finds the roster name in the
// hit's sentence itself, so detectAbuse only has to find the abusive phrase. [text, category, criminal]
const ABOUT_A_PERSON: [string, AbuseCategory, boolean][] = [
  ['Lotte uit groep 3 is echt een dom wicht', 'insult', false],
  ['Die kankerschool van ons ook altijd', 'curse', false],
  ['Yusuf is een sukkel, zegt de hele klas', 'insult', false],
  ["Sanne is zo'n loser haha", 'insult', false],
  ['Wat een stomme trut is die juf Anouk', 'insult', false],
  ['Niemand wil met Yusuf spelen, hij stinkt', 'exclusion', false],
  ['Lotte is dik en lelijk', 'insult', false],
  ['Daan, je bent een mongool', 'slur', false],
  ['Jij bent zo dom, echt waar', 'insult', false],
  ['Ik maak je kapot morgen op het schoolplein', 'threat', true],
  ['Karim El Amrani is een pedo', 'defamation', true],
  ['Juf Anouk steelt geld uit de klassenkas', 'defamation', true],
  ['Meester Karim is een luie klootzak', 'insult', false],
  ['Dat kind van Petra is echt achterlijk', 'insult', false],
  ['Die hele klas 5b is een stelletje idioten', 'insult', false],
  ['Zoë uit 7a is een vieze slet', 'insult', false],
  // The same shapes with other names, nouns and adverbs.
  ['Lotte uit groep 3 is echt dom', 'insult', false],
  ['Sophie blijft een stom wicht', 'insult', false],
  ['Ruben uit groep 4 is dik', 'insult', false],
  ['Die jongen uit groep 8 is zo lelijk', 'insult', false],
  ['Lars lijkt wel een dik varken', 'insult', false],
  ['Mijn buurjongen Tim is een klootzak', 'insult', false],
  ['Dat meisje uit groep 6 is een dom kreng', 'insult', false],
  ['Mohammed is echt een dom kind', 'insult', false],
];
const NOT_ABOUT_A_PERSON: string[] = [
  'Lotte is echt een slimme meid',
  'Yusuf is een kanjer',
  'Wat een dom toeval dat we elkaar zagen',
  'Sanne vond de toets makkelijk',
  'Mijn oma heeft kanker',
  'Wat was ik dom vandaag',
  'Stomme printer doet het weer niet',
  'De juf las voor over de pest in de middeleeuwen',
  'Op school zeggen we nooit idioot tegen elkaar',
  'Ik ben het niet eens met het beleid van de school',
  'Lotte uit groep 3 heeft een mooie tekening gemaakt',
  'Die kip op de kinderboerderij is dik',
  'Gestoord goed feest gisteren!',
  'De kip van de buren is dik',
  'Lotte is een dik boek aan het lezen',
  'Engels is stom',
  'Lotte uit groep 3 is echt een slim kind',
  'Het was een dom ongeluk',
  'Groep 5b heeft vandaag een echte vulkaan gebouwd! Wat een mooie kerstmarkt op De Regenboog, dank aan alle ouders. ' +
    'Juf Anouk had taart meegenomen voor de hele klas. Het schoolplein is eindelijk vernieuwd, de kinderen spelen er graag. ' +
    'Morgen is er een ouderavond om 19:30 in de aula.',
];

describe('detectAbuse: abuse about a named child or teacher', () => {
  for (const [text, cat, criminal] of ABOUT_A_PERSON) {
    it(`${cat}: ${text}`, () => {
      const hit = detectAbuse(text).find((h) => h.category === cat);
      expect(hit, `categories: ${cats(text).join(',')}`).toBeDefined();
      expect(hit?.criminal).toBe(criminal);
    });
  }
  for (const text of NOT_ABOUT_A_PERSON) {
    it(`no hit: ${text}`, () => {
      const hits = detectAbuse(text);
      expect(hits, JSON.stringify(hits.map((h) => [h.category, text.slice(h.start, h.end)]))).toEqual([]);
    });
  }
  it('finds the insult in one sentence of a longer, otherwise harmless post', () => {
    const text = 'Wat een mooie kerstmarkt, dank aan alle ouders. Lotte uit groep 3 is echt een dom wicht. Tot morgen!';
    const hits = detectAbuse(text);
    expect(hits).toHaveLength(1);
    const [s, e] = hits[0]!.sentence;
    expect(text.slice(s, e)).toBe('Lotte uit groep 3 is echt een dom wicht.');
  });
  it('gives the same answer on repeated calls (word caches)', () => {
    const text = 'Sanne is zo\'n loser haha. Ik weet waar je woont.';
    const first = JSON.stringify(detectAbuse(text));
    for (let i = 0; i < 3; i++) expect(JSON.stringify(detectAbuse(text))).toBe(first);
  });
});

describe('detectAbuse: offsets', () => {
  it('points into the original text, through obfuscation and diacritics', () => {
    const hits = detectAbuse('Hé, jij bent echt een l00000ser!');
    expect(hits).toHaveLength(1);
    const h = hits[0]!;
    expect('Hé, jij bent echt een l00000ser!'.slice(h.start, h.end)).toBe('l00000ser');
    expect(h.sentence).toEqual([0, 'Hé, jij bent echt een l00000ser!'.length]);
  });

  it('gives the sentence of each hit', () => {
    const text = 'Wat een mooie dag. Jij bent een sukkel! Tot morgen.';
    const hits = detectAbuse(text);
    expect(hits).toHaveLength(1);
    const [s, e] = hits[0]!.sentence;
    expect(text.slice(s, e)).toBe('Jij bent een sukkel!');
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe('sukkel');
  });

  it('spans spaced letters in the original', () => {
    const text = 'Je bent een h o e r.';
    const [h] = detectAbuse(text);
    expect(text.slice(h!.start, h!.end)).toBe('h o e r');
  });

  it('finds several hits in one post', () => {
    const text = 'Jij bent een idioot. Ik weet waar je woont.';
    expect(cats(text)).toEqual(['insult', 'threat']);
  });
});
