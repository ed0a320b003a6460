// Dutch examples per category for the abusive-language detector (A.7), written for Postwijzer:
// every example of issue 5 (obfuscation, disease curses and compounds, slurs by target group,
// dehumanising comparisons, death wishes, threats incl. veiled ones, sexual harassment and
// sextortion, exclusion and humiliation, defamation, doxxing) and the contexts that make words
// harmless (negation, counter-speech and quoting, homonyms, positive slang, history and nature,
// words aimed at things or at oneself). They test shapes of the language, not sentences of a
// benchmark: each shape has several wordings.
import { describe, expect, it } from 'vitest';
import { ABUSE_LEXICON_VERSION, LEXICON_LISTS } from './abuse-lexicon.ts';
import { type AbuseCategory, detectAbuse, prepareAbuseLexicon } from './abuse.ts';

const show = (text: string): string =>
  JSON.stringify(detectAbuse(text).map((h) => [h.category, text.slice(h.start, h.end)]));

/** Abusive: at least one hit, one of them of a category in `cats`. */
function abusive(cats: AbuseCategory[], texts: string[]): void {
  for (const text of texts) {
    it(`${cats.join('|')}: ${text}`, () => {
      const hits = detectAbuse(text);
      expect(hits.length, show(text)).toBeGreaterThan(0);
      expect(hits.some((h) => cats.includes(h.category)), show(text)).toBe(true);
    });
  }
}
function harmless(texts: string[]): void {
  for (const text of texts) {
    it(`no hit: ${text}`, () => {
      expect(detectAbuse(text), show(text)).toEqual([]);
    });
  }
}

describe('obfuscation', () => {
  abusive(['insult', 'slur', 'dehumanising'], [
    'Wat een l0ser ben jij',
    'Je bent een h o e r',
    'Je bent zo moooooe lelijk',
    'Je bent een mongooool',
    'Jij bent een k u t w i j f',
    'Wat een vieze v3tzak ben jij',
    'Je bent een id10ot',
    // Swapped, dropped, doubled and scrambled letters.
    'je bent een idooit',
    'Je bent een idoit',
    'Jij bent een sukel',
    'je bent een hoerr',
    'Je bent een looser',
    'Jij bent een klootzakk',
    'Jij bent een kankrelijer',
    // Diacritics.
    'Jij bent een débiel',
    'Wat een trüt ben jij',
    // Emoji aimed at a person.
    'jij bent een 🐷',
    'Jij 🐀',
    'Wat een 🤡 ben jij',
    'Je moeder is een 🐖',
    'Je bent een 💩',
  ]);
  harmless([
    'Het varken rolt in de modder 🐷',
    'We zagen een 🐒 in de dierentuin',
    'Wat een 💩 weer vandaag',
    'Hahaha de clown was zo grappig 🤡',
    'Feest in groep 4 🎉🐷🐮 op de kinderboerderij',
    'Ik heb een idee voor de les',
    'Een hoed en een boer',
  ]);
});

describe('curses: kanker, tyfus, tering, klere and compounds', () => {
  abusive(['curse', 'insult', 'death_wish'], [
    'Kankerlijer',
    'Wat een tyfusherrie hier',
    'Teringjong, blijf van mijn fiets af',
    'Klerezooi',
    'Krijg de tyfus',
    'Krijg toch de klere, jij',
    'Kankerhoer',
    'Die teringleraar geeft veel te veel huiswerk',
    'Kut- en rotkinderen zijn het',
  ]);
  harmless([
    'Mijn oom heeft darmkanker gehad.',
    'De kankerbestrijding zamelt geld in.',
    'Vroeger stierven mensen aan tyfus en cholera.',
    'We lopen mee met de kankerloop.',
    'Kanker- en hartpatiënten krijgen voorrang.',
    'Mijn kleren zijn nat geworden.',
  ]);
});

describe('slurs by target group', () => {
  abusive(['slur'], [
    'Vuile neger',
    'Kutmarokkanen',
    'Wat een mongool ben jij',
    'Jij bent een mietje',
    'Vieze jood',
    'Jij spleetoog',
    'Die flikkers overal',
    'Jij bent echt een kankerturk',
  ]);
  harmless([
    'Mijn nicht komt logeren.',
    'We aten pindakaas uit de pot.',
    'De joden werden in de oorlog vervolgd.',
    'de neger- en slavenhandel was een misdaad',
    'Bij geschiedenis leerden we over de slavenhandel en Keti Koti.',
    'Homo- en lesbiennebeweging vierde feest.',
  ]);
});

describe('dehumanising comparisons', () => {
  abusive(['dehumanising', 'insult', 'exclusion'], [
    'Die mensen zijn ratten.',
    'die apen moeten terug naar hun land',
    'Die ratten moeten terug naar hun eigen land',
    'Vluchtelingen zijn ongedierte',
    'Jullie zijn beesten',
    'Die kinderen uit groep 8 zijn net varkens',
    'Die Marokkanen zijn kakkerlakken',
    'Restaurantkoks zijn uitschot.',
  ]);
  harmless([
    'In de dierentuin zagen we apen en varkens.',
    'De ratten in de schuur zijn bestreden.',
    'Kakkerlakken zijn insecten.',
    'De apen gingen terug naar hun kooi.',
  ]);
});

describe('exclusion: go back to your country', () => {
  abusive(['exclusion', 'dehumanising'], [
    'Ga terug naar je eigen land',
    'Moslims moeten terug naar hun eigen land.',
    'Rot op naar je land',
    'Die mensen horen terug naar hun land',
  ]);
  harmless([
    'Na de zomer gaan we terug naar ons eigen land.',
    'Helaas moeten ze terug naar hun land, we gaan ze missen.',
    'Mijn oma ging terug naar haar geboortedorp.',
  ]);
});

describe('death wishes', () => {
  abusive(['death_wish', 'threat'], [
    'Ik hoop dat je doodgaat',
    'Ga dood',
    'Ik hoop dat je een ongeluk krijgt',
    'Ik hoop dat hij onder een bus komt',
    'Ik wou dat je dood was',
    'De wereld zou beter af zijn zonder jou.',
    'De wereld is mooier zonder moslims',
    'Je verdient het om te sterven.',
    'Hij verdient de kogel',
    'Spring maar voor de trein',
    'Hang jezelf op',
    'Ik hoop dat je kanker krijgt',
    'Was je maar nooit geboren',
    'Executie is de enige oplossing voor die moslims.',
  ]);
  harmless([
    'Mijn opa is dood.',
    'Ik ga dood van de hitte vandaag',
    'Ik ga dood van het lachen',
    'Onze hamster is vannacht doodgegaan.',
    'Ik hoop dat je snel beter bent na je ongeluk',
    'De wereld is mooier zonder plastic',
  ]);
});

describe('threats, also veiled', () => {
  abusive(['threat', 'stalking'], [
    'Ik sla je in elkaar',
    'Ik sla je verrot',
    'Ik maak je kapot',
    'Ik ga je vermoorden',
    'Ik steek je neer',
    'Ik weet waar je woont',
    'Pas maar op',
    'Kijk maar uit wat je zegt',
    'Wacht maar tot na school',
    'Ik krijg je nog wel',
    'Je bent nog niet van me af',
    'Je krijgt klappen',
    'Hij krijgt een kogel',
    'Ik breek je nek',
    'Iemand zou zijn nek moeten breken.',
    'Ik zal de kelen van die moslims doorsnijden.',
    'Ik ga je kop inslaan',
    'Ik wil zijn leven beëindigen.',
    'Morgen ben je dood',
    'Ik zal je laten lijden',
    'Ik steek je huis in brand',
    'We gaan jou opwachten na school',
    'Ik hou je in het oog',
  ]);
  harmless([
    'Ik maak je blij met een cadeautje',
    'We maken de tekening af',
    'Ik sla het boek open',
    'Pas op, de vloer is nat',
    'Wacht maar tot je de tekening ziet!',
    'Ik weet waar je woont, ik kom je cadeautje brengen',
    'Ik kom je om 8 uur halen voor het schoolreisje',
    'De ridder doodde de draak.',
    'De Romeinen vermoordden Julius Caesar.',
    'Pas op dat je je nek niet breekt op dat klimrek',
    'Kijk uit voor de auto!',
  ]);
});

describe('sexual harassment and sextortion', () => {
  abusive(['sexual', 'sextortion'], [
    "Stuur me naaktfoto's",
    "Stuur me naakt foto's",
    'Laat je tieten zien',
    'Lekker ding ben jij',
    'Geile juf',
  ]);
  abusive(['sextortion'], [
    "stuur me naakt foto's anders zet ik ze online",
    "Ik heb naaktfoto's van je, als je niet betaalt zet ik ze online",
    "Als je geen nudes stuurt deel ik je foto's met de hele school",
  ]);
  it('calls a threat to spread photos without a sexual word a threat (extortion)', () => {
    const hits = detectAbuse('Geef me 50 euro anders zet ik het online');
    expect(hits.map((h) => [h.category, h.criminal])).toEqual([['threat', true]]);
  });
  harmless([
    "Ik stuur je de foto's van het schoolreisje",
    "Stuur me de foto's van de kerstmarkt",
    "Ik zet de foto's online als iedereen toestemming heeft",
    'We gingen naakt zwemmen in de zee, heerlijk',
  ]);
});

describe('exclusion and humiliation of a child by the group', () => {
  abusive(['exclusion', 'humiliation'], [
    'Niemand wil met jou spelen',
    'Jij hoort er niet bij',
    'Jij mag niet meedoen',
    'Jij mag niet mee spelen',
    'Iedereen lacht je uit',
    'Iedereen vindt je raar',
    'Iedereen vindt je lelijk',
    'Niemand vindt jou leuk',
    'Jij hebt geen vrienden',
    'We willen Daan niet meer in de groep',
    'Kijk hoe dik hij is haha',
    'Jij stinkt',
  ]);
  harmless([
    'Niemand was ziek vandaag',
    'Iedereen lachte om de grap van de juf',
    'Iedereen mag meedoen!',
    'Daan mag niet meedoen met gym, hij heeft een gebroken enkel',
  ]);
});

describe('defamation of a named person', () => {
  abusive(['defamation'], [
    'Meester Jan is een pedo',
    'Juf Anouk steelt uit de klassenkas',
    'De conciërge zit aan kinderen',
    'Pieter is een dief',
    'Die leraar heeft een leerling misbruikt',
    'Zijn vader slaat zijn kinderen',
    'Meneer de Vries is een kinderlokker',
  ]);
  harmless([
    'Mijn fiets is gestolen.',
    'De dief is gepakt door de politie.',
    'In het boek is de boef een dief.',
  ]);
});

describe('doxxing with a call to go there', () => {
  abusive(['doxxing'], [
    'Hij woont op de Dorpsstraat 12, ga daar maar langs.',
    'Ze woont op de Kerklaan 4, zoek haar maar op',
    'Meester Jan woont in 1234 AB, ga erheen',
  ]);
  harmless([
    'Wij wonen op de Dorpsstraat 12, kom gerust langs voor koffie.',
    'De school staat aan de Kerkweg 3, kom langs op de open dag.',
  ]);
});

describe('context that makes words harmless', () => {
  harmless([
    // Negation.
    'Je bent geen idioot',
    'Je bent echt niet dom',
    'Ik vind niet dat hij een sukkel is.',
    // Counter-speech and quoting to condemn.
    'Noem iemand nooit een hoer',
    "'Mongool' is een woord dat we op school niet gebruiken",
    'Hij noemde haar een slet, dat is onacceptabel',
    'Zeggen dat vluchtelingen ongedierte zijn is walgelijk',
    'Wie een ander uitscheldt voor kankerlijer, wordt geschorst.',
    // Positive slang.
    'Dat feest was vet!',
    'Gestoord goed gedaan jongens',
    'Ziek goed concert',
    // Things and oneself.
    'Mijn telefoon is kapot',
    'Wat was ik dom vandaag',
    "Ik ben zo'n sukkel, ik ben mijn sleutels vergeten",
    'Stomme wifi',
    'Wat een kutweer',
    // Homonyms, history and nature.
    'De mol graaft gangen',
    'Tijdens de Slag bij Nieuwpoort werden duizenden soldaten gedood.',
    'De dodo is uitgestorven, hij werd uitgeroeid door mensen.',
    'De wolf doodt het schaap.',
    // A negative opinion about a profession is no abuse.
    'Brandweerlieden zijn gewoon de domste mensen.',
  ]);
});

describe('ordinary school posts near the new patterns', () => {
  harmless([
    'Na de vakantie gaan de kinderen terug naar hun eigen klas.',
    "Stuur me even de foto's, anders zet ik ze morgen pas online.",
    'Kijk maar uit het raam, het sneeuwt!',
    'De wereld is mooier zonder zwerfafval, daarom ruimen we op!',
    'Ik breek mijn hoofd over deze puzzel.',
    'Ik kom je vanmiddag halen bij het hek.',
    'Juf Anouk is jarig 🎂🐷 ze houdt van varkens!',
    'De apen in Artis zijn erg grappig 🐒',
    'Ik hoop dat je een fijne vakantie hebt!',
    'Je krijgt een klapper voor carnaval.',
    'Morgen ben je jarig!',
    'Iedereen vindt je tekening mooi',
    'De kinderen hebben hun kelen schor gezongen.',
    'Iemand zou de kapotte lamp moeten vervangen.',
    'We willen Daan bedanken voor zijn hulp in de groep.',
    'Wat een kanjer ben jij',
    'Wat een clown ben jij, ik lag dubbel 😂',
    'Jij verdient een dikke pluim',
    'De beste oplossing voor die kinderen is extra begeleiding.',
  ]);
});

describe('hit details', () => {
  it('marks a dehumanising hit on a group as aimed at a group', () => {
    const [h] = detectAbuse('Die mensen zijn ratten.');
    expect(h).toMatchObject({ category: 'dehumanising', group: true });
    const [j] = detectAbuse('Jij bent een rat.');
    expect(j).toMatchObject({ group: false, secondPerson: true });
  });
  it('spans the emoji in the original text', () => {
    const text = 'jij bent een 🐷!';
    const [h] = detectAbuse(text);
    expect(text.slice(h!.start, h!.end)).toBe('🐷');
  });
  it('spans both words of a compound written apart', () => {
    const text = "stuur me naakt foto's";
    const h = detectAbuse(text).find((x) => x.category === 'sexual');
    expect(text.slice(h!.start, h!.end)).toBe("stuur me naakt foto's");
  });
});

describe('lexicon as data', () => {
  it('has a version and a category and note on every list', () => {
    expect(ABUSE_LEXICON_VERSION).toMatch(/^\d{4}\.\d{2}$/);
    expect(LEXICON_LISTS.length).toBeGreaterThan(20);
    for (const l of LEXICON_LISTS) {
      expect(l.note.length, l.name).toBeGreaterThan(10);
      expect(l.words.length, l.name).toBeGreaterThan(0);
    }
  });
});

describe("a school's own terms", () => {
  const lex = prepareAbuseLexicon({
    add: [
      { term: 'kaaskop', category: 'insult', note: 'local nickname used to bully' },
      { term: 'vieze vis', category: 'humiliation' },
      { term: 'bakfietsmoeder', category: 'insult' },
    ],
    remove: ['mietje', 'kanker'],
  });
  it('is undefined without terms, so detectAbuse runs as without a school', () => {
    expect(prepareAbuseLexicon(undefined)).toBeUndefined();
    expect(prepareAbuseLexicon({ add: [], remove: [] })).toBeUndefined();
  });
  it.each([
    ['Jij bent een kaaskop', 'insult'],
    ['Jij bent een k44skop', 'insult'],
    ['Jij bent een k a a s k o p', 'insult'],
    ['Jij bent een kaaskopp', 'insult'],
    ['Jij KAASKOP!', 'insult'],
    ['Wat een kutkaaskop ben jij', 'insult'],
    ['Daan is een vieze vis', 'humiliation'],
    ['Die bakfietsmoeders weer', 'insult'],
  ] as const)('finds an added term: %s', (text, cat) => {
    const hits = detectAbuse(text, lex);
    expect(hits.map((h) => h.category), JSON.stringify(hits)).toContain(cat);
  });
  it.each([
    'Ik ben zelf een kaaskop, haha',
    'Je bent geen kaaskop',
    "Op school zeggen we nooit 'kaaskop' tegen elkaar",
    'Wij aten kaas op het schoolreisje',
  ])('applies the context checks to added terms: %s', (text) => {
    expect(detectAbuse(text, lex)).toEqual([]);
  });
  it('never finds a removed term by itself, but keeps phrases with it', () => {
    expect(detectAbuse('Jij bent een mietje')).not.toEqual([]);
    expect(detectAbuse('Jij bent een mietje', lex)).toEqual([]);
    expect(detectAbuse('Jij bent een m1etje', lex)).toEqual([]);
    expect(detectAbuse('Jij bent een mietjje', lex)).toEqual([]);
    expect(detectAbuse('Wat een kanker weer', lex)).toEqual([]);
    expect(detectAbuse('Krijg de kanker', lex).map((h) => h.category)).toEqual(['death_wish']);
    expect(detectAbuse('Jij bent een hoer', lex)).not.toEqual([]);
  });
  it('leaves detectAbuse without a lexicon unchanged', () => {
    expect(detectAbuse('Jij bent een kaaskop')).toEqual([]);
    expect(detectAbuse('Jij bent een kaaskop', lex)).not.toEqual([]);
    expect(detectAbuse('Jij bent een kaaskop')).toEqual([]);
  });
  it('marks added threats as criminal', () => {
    const l = prepareAbuseLexicon({ add: [{ term: 'ik kom je halen', category: 'threat' }] });
    expect(detectAbuse('Ik kom je halen', l)[0]).toMatchObject({ category: 'threat', criminal: true });
  });
});
