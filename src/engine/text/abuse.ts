// Dutch abusive-language detector for article A.7 (decency). Pure TypeScript, no I/O.
//
// Pipeline (one pass each, no per-call regex construction):
//  1. tokenise the original text into word tokens with their original UTF-16 offsets, folding case
//     and diacritics, undoing leetspeak (k4nker, l0ser, $), collapsing letter runs (moooe),
//     joining spaced letters (h o e r) and dotted letters (k.u.t), and splitting words glued
//     together ("eenteef", "danafval");
//  2. tag every token from the word lists (abuse-lexicon.ts), with compound rules for Dutch
//     (kanker*, *lijer, kut+person, *hoer) and a one-edit fuzzy match that only counts next to
//     an exact cue (before 1 and 2, a pre-filter scan returns [] for the many posts without any
//     trigger word; only sentences with a trigger go on to 3, see "Triggers" below);
//  3. per sentence, turn cues into hits: phrase patterns (threats, exclusion, stalking,
//     sextortion, doxxing), violence aimed at people, defamation, negative statements about a
//     group or person, insults/slurs/curses — each checked against negation, self-reference,
//     counter-speech/quoting, homonyms and factual (medical, historical, nature) context.

import * as L from './abuse-lexicon.ts';

export type AbuseCategory =
  | 'insult' | 'slur' | 'curse' | 'dehumanising' | 'death_wish' | 'threat' | 'sexual' | 'sextortion'
  | 'humiliation' | 'exclusion' | 'defamation' | 'doxxing' | 'stalking';

export interface AbuseHit {
  category: AbuseCategory;
  /** UTF-16 offsets into the original text (end exclusive) of the abusive phrase. */
  start: number;
  end: number;
  /** Threat of violence or harm (veiled too), accusation of a crime, sextortion, doxxing with a call to go there. */
  criminal: boolean;
  /** Aimed at "you" (je, jij, jou, u, jullie, "you") in the same clause. */
  secondPerson: boolean;
  /** The sentence (original offsets) containing the hit. */
  sentence: [number, number];
  /**
   * Aimed at a group of people rather than one person: a protected group, "jullie", a plural
   * of people or a plural subject ("X zijn ...") in the hit's clause.
   */
  group: boolean;
}

// ---------------------------------------------------------------------------------------------
// Lexicon compilation (module load, once)
// ---------------------------------------------------------------------------------------------

const F = {
  INS: 1 << 0, SLUR: 1 << 1, AMB: 1 << 2, DEHUM: 1 << 3, DEHUM_S: 1 << 4, DIS: 1 << 5,
  SEC: 1 << 6, FIRST: 1 << 7, THIRD: 1 << 8, IDENT: 1 << 9, GADJ: 1 << 10, PERS: 1 << 11,
  FUNC: 1 << 12, IADJ: 1 << 13, POSA: 1 << 14, PRED: 1 << 15, NEGPOS: 1 << 16, VIOL: 1 << 17,
  VIOL_W: 1 << 18, CRIME_N: 1 << 19, CRIME_NS: 1 << 20, CRIME_V: 1 << 21, CRIME_P: 1 << 22,
  MENTION: 1 << 23, CONDEMN: 1 << 24, NEG: 1 << 25, CURSE_C: 1 << 26, FUZZY: 1 << 27,
  GHEAD: 1 << 28, SUFH: 1 << 29,
  /** A school's own term (school.decency.add), set per call by the prepared school lexicon. */
  SCHOOL: 1 << 30,
} as const;

const LEX = new Map<string, number>();
const add = (words: readonly string[], flag: number): void => {
  for (const x of words) LEX.set(x, (LEX.get(x) ?? 0) | flag);
};
add(L.INSULTS_STRONG, F.INS);
add(L.SLURS, F.SLUR);
add(L.SLURS_AMBIGUOUS, F.AMB);
add(L.DEHUMANISING, F.DEHUM);
add(L.DEHUMANISING_STRONG, F.DEHUM_S);
add(L.DISEASE_CURSES, F.DIS);
add(L.SECOND_PERSON, F.SEC);
add(L.FIRST_PERSON, F.FIRST);
add(L.THIRD_PERSON, F.THIRD);
add(L.IDENT_GROUPS, F.IDENT);
add(L.GROUP_ADJ, F.GADJ);
add(L.GROUP_HEADS_AFTER_ADJ, F.GHEAD);
add(L.PERSON_NOUNS, F.PERS);
add(L.FUNCTION_WORDS, F.FUNC);
add(L.INSULT_ADJ, F.IADJ);
add(L.POSITIVE_AFTER, F.POSA);
add(Object.keys(L.GROUP_PRED), F.PRED);
add(L.NEGATED_POSITIVE, F.NEGPOS);
add(L.VIOLENCE_STRONG, F.VIOL);
add(L.VIOLENCE_WEAK, F.VIOL_W);
add(L.CRIME_NOUNS, F.CRIME_N);
add(L.CRIME_NOUNS_STRONG, F.CRIME_NS);
add(L.CRIME_VERBS, F.CRIME_V);
add(L.CRIME_PARTICIPLES, F.CRIME_P);
add(L.MENTION_WORDS, F.MENTION);
add(L.CONDEMN_WORDS, F.CONDEMN);
add(['niet', 'geen', 'nooit', 'niemand', 'nimmer', 'allerminst', 'niets', 'nergens'], F.NEG);
add(L.SUFFIX_HEADS, F.SUFH);

const set = (a: readonly string[]): ReadonlySet<string> => new Set(a);
const CURSE_PREFIXES = L.CURSE_PREFIXES;
const CURSE_PREFIX4 = set(CURSE_PREFIXES.map((p) => p.slice(0, 4)));
const MILD_PREFIXES = L.MILD_PREFIXES;
const MILD_PREFIX3 = set(MILD_PREFIXES.map((p) => p.slice(0, 3)));
const MEDICAL = set(L.MEDICAL_SUFFIXES);
const PERSON_HEADS = set(L.PERSON_HEADS);
const SLUR_HEADS = set(L.SLUR_HEADS);
const DISEASE_FACT = set(L.DISEASE_FACT);
const SUFFIX_HEADS = L.SUFFIX_HEADS.filter((x) => x.length >= 4);
const SUFFIX_TAIL3 = set(SUFFIX_HEADS.map((x) => x.slice(-3)));

/** Words allowed as left part when splitting glued words ("eenteef" -> "een teef"). */
const GLUE_LEFT = set(w(`een veel dan zo zoveel gewoon enorme enorm te heel echt zulke die de
  alle wat nog al deze dood je jij`));
function w(s: string): string[] {
  return s.trim().split(/\s+/);
}

// Fuzzy (one deletion or one adjacent swap) variants of long cue words. A fuzzy token only counts
// when an exact cue of another kind is in the same sentence (see weakOk).
const FUZZY = new Map<string, string>();
const NOT_FUZZY = set(w(`horen hoort vouwen vouw rouw rouwen steven doen doden dode moord walg
  haar hare leven levens sterk steek stoer dromen dome domen boer wagen walen besten sleten turen
  hoos maak make raten vrije gave geven leven beter dieren staan praten lopen later plaat
  stelen spelen delen vallen halen malen palen dalen kamer keren leren heren weren`));
const IDENT_SET = set(L.IDENT_GROUPS);
{
  const src = [
    ...L.IDENT_GROUPS, ...Object.keys(L.GROUP_PRED), ...L.VIOLENCE_STRONG, ...L.INSULTS_STRONG,
    ...L.SLURS, ...L.DEHUMANISING, ...L.NEGATED_POSITIVE, ...L.GROUP_ADJ, 'dood', 'dom', 'lulkoek',
  ];
  for (const word of src) {
    if (word.length < 3 || (word.length < 4 && word !== 'dom')) continue;
    const vs: string[] = [];
    const delOk = word.length >= 7 || (word.length >= 5 && IDENT_SET.has(word)) || (word.length === 6 && !IDENT_SET.has(word)) || word === 'dood' || word === 'dom' || word === 'zwart' || word === 'zwarte';
    if (delOk) for (let i = 0; i < word.length; i++) vs.push(word.slice(0, i) + word.slice(i + 1));
    for (let i = 0; i + 1 < word.length; i++) {
      if (word[i] === word[i + 1]) continue;
      vs.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    }
    for (const v of vs) if (v.length >= 2 && !LEX.has(v) && !NOT_FUZZY.has(v) && !FUZZY.has(v)) FUZZY.set(v, word);
  }
}

// Small sets used by the rules.
const COPULA = set(w(`is ben bent zijn was waren blijft blijf blijven lijkt lijk lijken wordt word worden`));
const MODAL = set(w(`moet moeten mag mogen zou zouden zal zullen zult ga gaat gaan wil wilt willen wou
  wouden hoop hopen hoopt wens wenst wensen verdien verdient verdienen laat laten laten kan kunnen kun kunt
  overweeg overweegt kom komt moge verdient`));
const PAST_AUX = set(w(`werd werden was waren heeft hebben had hadden is zijn`));
const WISH = set(w(`hoop hopen hoopt wens wenst wensen wou wilde zou zouden moet moeten verdien verdient verdienen moge mag mogen`));
const HISTORY = set(w(`oorlog wereldoorlog nazi nazis duitsers holocaust geschiedenis geschiedenisles eeuw
  middeleeuwen romeinen slag veldslag koning keizer ridder ridders vikingen verzet bezetting kamp
  concentratiekamp jodenvervolging herdenking herdenken dodenherdenking museum frank spreekbeurt
  werkstuk dinosaurussen dinosaurus uitgestorven prehistorie tachtigjarige gouden leeuw wolf wolven vos
  kat katten roofdier roofdieren prooi muizen muis vogels vogel insecten spin spinnen natuur
  film boek serie game spel fortnite minecraft toneelstuk verhaal sprookje`));
const ANIMAL_CTX = set(w(`dierentuin zoo boerderij dier dieren kooi hok wei stal pup pups puppy puppys
  hond honden nest reu fokker loops dierenarts kinderboerderij natuur bos jungle oerwoud soort
  knaagdier knaagdieren vacht staart biologie les`));
const THING_AFTER_ADJ_OK = set(w(`idee ideeen voorbeeld plan vraag opdracht spel ding dingen weer regel
  regels toets film boek printer computer telefoon laptop auto fiets dag week situatie fout`));
const REPORTED = set(w(`zei zeiden gezegd noemde noemden genoemd riep riepen geroepen schreef schreven
  beweerde beweerden appte appten scholden uitgescholden`));
// Capitalised sentence-initial words that are not names.
const COMMON_CAP = set(w(`school gym rekenen taal lezen spelling voetbal huiswerk toets toetsen weer
  vandaag gisteren morgen eten lunch pauze vakantie corona internet wifi zwemmen muziek tekenen
  gisteravond vanavond vanochtend dat dit het alles iets niets leven werk thuiswerken rapport
  engels frans duits nederlands aardrijkskunde geschiedenis biologie topografie wiskunde techniek
  handvaardigheid knutselen gymles zwemles schrijven typen dansen drama tekenles muziekles
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag weekend januari februari maart april
  mei juni juli augustus september oktober november december groep klas juf meester`));
/** Words after a sentence-initial capitalised word that make it a name. */
const NAME_NEXT = set(w(`is was heeft had steelt blijft lijkt wordt werd uit`));
const HUMAN_OBJ = set(w(`je jou jullie u hem haar hen ze`));
const CLAUSE_WORDS = set(w(`maar want omdat dus`));
const SUBORD = set(w(`als toen wanneer nadat voordat zodra`));
const SUBJ_PRON = set(w(`ik je jij hij zij ze we wij jullie u`));
const POSSESSIVE = set(w(`je jouw zijn hun uw`));
// A negation followed by one of these does not negate the cue ("niet duidelijk dat ...?", "geen verschil").
const NEG_SKIP_NEXT = set(w(`alleen minder zomaar duidelijk typisch verschil zo'n eens voor anders`));
const VOCATIVE = set(w(`jij je joh man hee he nou en jullie gewoon toch ga zeg`));
const END_OK = set(w(`jij je hoor want dan anders he joh jullie`));
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb', '\u2018', '\u2019', "'", '`']);

// ---------------------------------------------------------------------------------------------
// Phrase patterns. Syntax per step: "a|b" alternatives, "x*" prefix, trailing "?" optional,
// "~N" gap of up to N tokens, "@o" human object pronoun or name, "@2" second person,
// "@h" human target (not first person), "@adj" insulting adjective, "#n" number.
// A leading "^" means clause start (only vocatives before); a trailing "$" means clause end.
// ---------------------------------------------------------------------------------------------

type Step =
  | { k: 'lit'; s: ReadonlySet<string>; pre: readonly string[]; opt: boolean }
  | { k: 'gap'; n: number }
  | { k: 'cls'; c: Cls; opt: boolean };
type Cls = 'o' | '2' | 'h' | 'adj' | 'n' | 'x';
interface Pattern {
  steps: Step[]; cat: AbuseCategory; crim: boolean; start: boolean; end: boolean; id: number;
  /** V, I, M (see PATTERN_SRC). */
  opts: number;
  /** Alternatives of the last mandatory literal step: the sentence must contain one of them. */
  need: readonly string[];
}

/** Pattern options: V veiled (a friendly or practical context cancels it), I needs intent (the
 * writer, a wish or a norm: ik/we, moet, zou, hoop, iemand), M media (sextortion only with a
 * sexual word in the post, else a threat: extortion). */
const V = 1;
const I = 2;
const M = 4;
const PATTERN_SRC: [string, AbuseCategory, boolean, number?][] = [
  // Threats of violence (criminal).
  ['ik|we|wij sla|slaan|trap|trappen|timmer|timmeren|ram|rammen|beuk|beuken @o ~2 in? elkaar|inelkaar|verrot|kapot|bont|blauw|lens|helemaal', 'threat', true],
  ['ik|we|wij ga|gaan|zal|zullen|kom|komen @o ~3 in elkaar slaan|trappen|timmeren|rammen|beuken', 'threat', true],
  ['ik|we|wij ga|gaan|zal|zullen|kom|komen @o ~3 inelkaar slaan|trappen|timmeren|rammen|beuken', 'threat', true],
  ['ik|we|wij maak|maken @o ~2 af|kapot|dood|koud', 'threat', true],
  ['ik|we|wij ~3 @o ~2 afmaken|kapotmaken|doodmaken|koudmaken|pakken|grijpen|opwachten|krijgen', 'threat', true],
  ['ik|we|wij steek|schiet|sla|schop|trap @o ~2 neer|dood|overhoop|lek|knock-out|knockout', 'threat', true],
  ['ik|we|wij breek|breken ~1 je|jouw|jullie|zijn|haar|hun nek|benen|botten|armen|kaak|neus|rug|vingers', 'threat', true],
  ['ik|we|wij ~3 @o ~3 steken|snijden|neersteken|neerschieten|doodschieten|doodsteken', 'threat', true],
  ['^pas jij? maar goed? op$', 'threat', true, V],
  ['^kijk|pas jij? maar goed? uit|op wat|met je|jij ~1 zegt|doet|schrijft|post|zeg|doe', 'threat', true],
  ['^kijk jij? maar goed? uit$', 'threat', true, V],
  ['je|jij|jullie|hij|zij gaat|gaan eraan', 'threat', true],
  ['ik|we|wij weet|weten precies? waar @o ~3 woont|woon|wonen|slaapt|slapen|zit|zitten|werkt|werken|school|huis|adres', 'threat', true, V],
  ['ik|we|wij weet|weten je|jouw|jullie adres', 'threat', true, V],
  ['^wacht jij? maar ~1 tot|totdat|af ~1 na? school|schooltijd|straks|vanavond|morgen', 'threat', true, V],
  ['^wacht jij? maar tot|totdat ik|we ~2 @o', 'threat', true],
  ['ik|we krijg|krijgen @o nog wel', 'threat', true],
  ['ik|we krijg|krijgen @o ~2 te pakken', 'threat', true],
  ['je|jij|jullie bent|zijn nog niet van me|mij|ons af', 'threat', true],
  ['ik|we kom|komen @o halen|pakken|opzoeken', 'threat', true, V],
  ['je|jij|jullie zult|zal|gaat|gaan ~3 spijt krijgen|hebben', 'threat', true],
  ['je|jij|jullie|hij|zij krijgt|krijgen|krijg ~3 klappen|klap|slaag|mes|dreun|dreunen|optater|kopstoot|kogel|kogels', 'threat', true],
  ['je|jij|jullie bent|bent|zijn ~1 je|jullie leven niet zeker', 'threat', true],
  ['je|jij|jullie bent|zijn ~2 dood|sjaak|lul', 'threat', true],
  ['morgen|straks|vanavond|binnenkort|anders ben|bent je|jij ~1 dood|eraan|sjaak|lul', 'threat', true],
  ['ik|we ~2 steek|steken|zet|zetten ~2 je|jouw|jullie|zijn|haar huis|auto|fiets|school ~2 in ~1 brand|fik', 'threat', true],
  // Violence to a body part, by the writer or wished on anyone ('iemand zou zijn nek moeten breken').
  ['nek|nekken|keel|kelen|schedel|kop|koppen|botten|strot ~4 breken|breek|doorsnijden|doorsnijd|doorsnijdt|doorgesneden|omdraaien|omdraai|inslaan|insla|inslaat|ingeslagen|intrappen|intrap|afhakken|afsnijden', 'threat', true, I],
  ['ik|we|wij ~3 je|jouw|zijn|haar|hun|jullie ~1 leven|levens ~1 beeindigen|nemen|afnemen', 'threat', true],
  // Stalking (criminal: a veiled threat).
  ['ik|we volg|volgen @o overal|elke|dag|naar', 'stalking', true],
  ['ik|we hou|houd|houden @o ~2 in ~1 gaten|oog|vizier', 'stalking', true],
  ['ik|we sta|staan|stond ~3 voor je|jouw|jullie|zijn|haar deur|huis|raam', 'stalking', true],
  ['ik|we kom|komen ~3 naar je|jouw|jullie huis|deur|adres', 'stalking', true],
  ['ik|we ~2 zie|zien|weet|weten alles wat @o doet|doen', 'stalking', true],
  ['ik|we ~2 weet|weten ~1 wie @o bent|zijn ~2 en waar', 'stalking', true],
  // Death wishes (not criminal unless a violent act is named, see violence).
  ['^ga|gaan toch? maar? lekker? gewoon? dood', 'death_wish', false],
  ['^krijg|krijgen toch? maar? de|het kanker|kenker|tyfus|tiefus|tering|klere|kolere|pest|pleuris|pokken|takke', 'death_wish', false],
  ['wereld ~3 beter|mooier|fijner|mooiere|betere ~2 zonder @h', 'death_wish', false],
  ['@h verdien|verdient|verdienen ~3 sterven|dood|creperen|doodgaan|vermoord|afgemaakt|opgehangen|doodgeschoten|geexecuteerd|uitgeroeid|vergast|kogel', 'death_wish', false],
  ['executie|executies|ophanging|kogel|gaskamer|doodstraf|vergassen|uitroeien|uitroeiing ~4 enige|beste ~1 oplossing|antwoord|optie ~1 voor ~2 @h', 'death_wish', false],
  ['enige|beste oplossing|optie voor ~1 @h ~5 kogel|executie|vergassen|uitroeien|ophangen|doodmaken|doodschieten|dood', 'death_wish', false],
  ['hoop|hoopt|hopen|wens|wenst dat @h ~3 ongeluk|autoongeluk krijgt|krijgen|krijg|hebt|heeft', 'death_wish', false],
  ['hoop|hoopt|hopen|wens|wenst dat @h ~2 onder een|de auto|bus|trein|tram|vrachtwagen komt|komen|kom|belandt', 'death_wish', false],
  ['^spring|springt ~2 voor de|een trein', 'death_wish', false],
  ['^pleeg|plegen ~1 toch? maar? zelfmoord', 'death_wish', false],
  ['^hang|hangt je|jezelf|jullie ~1 op', 'death_wish', false],
  ['^maak|maakt je|jezelf ~1 van kant', 'death_wish', false],
  ['kys', 'death_wish', false],
  ['kill yourself|urself|yourselves', 'death_wish', false],
  ['was|waren @h maar dood|nooit geboren', 'death_wish', false],
  ['dood aan', 'death_wish', true],
  ['doodaan', 'death_wish', true],
  // Exclusion and humiliation of a child by the group.
  ['niemand wil|wilt|vindt|mag|houdt|speelt|praat ~3 @o', 'exclusion', false],
  ['iedereen|we|wij|jullie|allemaal haat|haten @o', 'humiliation', false],
  ['iedereen|we|wij|jullie ~1 lacht|lachen @o ~1 uit', 'humiliation', false],
  ['iedereen|we|wij|jullie vindt|vinden @o ~2 @adj', 'humiliation', false],
  ['iedereen|we|wij|jullie vindt|vinden @o ~2 raar|irritant|vervelend|suf|kinderachtig|eng|stinken|stinkt|vies|zielig|lelijk|dom', 'humiliation', false],
  ['niemand vindt|vond @o ~2 leuk|aardig|lief|mooi|knap', 'humiliation', false],
  ['@o hoort|hoor|horen|hoorde ~1 er niet bij', 'exclusion', false],
  ['@o hoort|hoor|horen ~1 hier niet thuis', 'exclusion', false],
  ['@o mag|mogen|mocht ~2 niet mee? meedoen|meespelen|erbij|spelen|doen', 'exclusion', false],
  ['@o mag|mogen|mocht ~2 niet op ~1 feestje|feest', 'exclusion', false],
  ['we|wij willen|wil @o niet|nooit ~1 meer? ~2 erbij|hier|hebben|groep|groepje|klas|team|feest|feestje|groepsapp|klassenapp', 'exclusion', false],
  // Telling people to go back to 'their own country' (xenophobic exclusion).
  ['@x moet|moeten|mag|mogen|kan|kunnen|zou|zouden|horen|hoort ~3 terug naar ~2 land|landen|landje|apenland|woestijn', 'exclusion', false],
  ['^ga|gaan|rot|flikker|donder|tief|tyf|pleur|sodemieter|oprotten op? ~1 terug? naar je|jouw|jullie|hun ~1 land|landje|apenland|woestijn', 'exclusion', false],
  ['@2 bent|zijn|is ~2 niet welkom', 'exclusion', false],
  ['^ga|gaan jij? maar? weg$', 'exclusion', false],
  ['^rot|flikker|sodemieter|tief|tyf|donder|pleur|kanker|kap jij? ~1 op$', 'insult', false],
  ['@o heeft|hebt|hebben ~1 geen vrienden|vriendjes|vriendinnen|vriendinnetjes', 'humiliation', false],
  ['^kijk ~2 hoe dik|lelijk|dom|stom|vies|zielig|raar', 'humiliation', false],
  ['@2 stinkt|stink|stinken', 'humiliation', false],
  ['hou|houd ~1 je|jullie|jouw kanker|tyfus|tering|vuile|gore|rot bek|kop|muil|smoel|snavel|kankerbek|rotbek|teringbek', 'insult', false],
  ['hou|houd ~1 je|jullie rotbek|kankerbek|tyfusbek|teringbek|muil|smoel|bek', 'insult', false],
  ['fuck|fck|fuk you|jou|jullie|je|off', 'insult', false],
  // Sexual harassment and sextortion.
  ['anders|of ~2 ik|we ~4 verspreid|verspreiden|deel|delen|zet|zetten|post|posten|stuur|sturen|laat|laten|plaats ~4 foto|fotos|filmpje|filmpjes|video|videos|naaktfoto|naaktfotos|nudes|plaatjes|beelden|chats|screenshots', 'sextortion', true],
  ['anders|of ~1 verspreid|deel|zet|post|stuur|plaats|laat ik|we ~4 foto|fotos|filmpje|filmpjes|video|videos|naaktfoto|naaktfotos|nudes|plaatjes|beelden|chats|screenshots', 'sextortion', true],
  ['verspreid|deel|zet|post|stuur|plaats ik ~3 je|jouw|haar|zijn naaktfoto|naaktfotos|nudes|naaktfilmpje|naaktfilmpjes|naaktbeelden', 'sextortion', true],
  ['ik|we heb|hebben ~2 naaktfoto|naaktfotos|nudes|naaktfilmpje ~2 van @o', 'sextortion', true],
  ['stuur|stuurt|sturen ~4 naaktfoto|naaktfotos|nudes|nude|naaktfilmpje|tietenfoto|tietenfotos|dickpic', 'sexual', false],
  ['stuur|stuurt|sturen ~3 foto|fotos|filmpje ~2 van ~1 je|jouw|haar tieten|borsten|kont|lul|pik|kutje|naakt|ondergoed|blote', 'sexual', false],
  ['^laat ~3 tieten|borsten|kont|lul|pik|kutje|piemel ~1 zien', 'sexual', false],
  ['ik|we wil|wilt|willen|ga|gaan|zal ~2 @o ~1 neuken|pijpen|beffen|betasten|bespringen|verkrachten', 'sexual', false],
  ['wil|wilt|kom @2 ~2 neuken|pijpen|seks|sex|pijpen', 'sexual', false],
  ['geile|geil|sexy|lekkere|hete ~1 meid|wijf|slet|ding|kind|meisje|meisjes|kinderen|leerlinge|leerlingen|juf', 'sexual', false],
  ['lekker|lekkere|geil|geile|sexy|heet|hete ding|stuk|wijf|wijfie|kontje ~1 ben|bent|is jij|je|zij|ze', 'sexual', false],
  // A threat to put (nude) photos online unless the victim complies: sextortion, or a threat without a sexual word.
  ['anders ~2 zet|post|deel|verspreid|stuur|plaats|gooi|laat ik|we ~3 ze|die|het|alles|jouw|je|dat ~1 online|rond|door|internet|iedereen|insta|instagram|snapchat|tiktok|school', 'sextortion', true, M],
  ['als|tenzij ~5 niet|geen ~4 zet|post|deel|verspreid|plaats|stuur|gooi ik|we ~4 foto|fotos|filmpje|filmpjes|video|videos|naaktfoto|naaktfotos|nudes|beelden', 'sextortion', true, M],
  // Defamation phrases (accusing a person of a crime).
  ['@h slaat|mishandelt|misbruikt|schopt ~1 zijn|haar|hun|de kind|kinderen|vrouw|man|leerlingen|hond', 'defamation', true],
  ['@h zit|zat ~2 aan kinderen|kindjes|meisjes|leerlingen', 'defamation', true],
  ['@h dealt|verkoopt ~1 drugs|wiet|coke', 'defamation', true],
];
const DOX_CALL_SRC: string[] = [
  'ga|gaan|kom|komen ~4 langs|heen|naartoe|erheen|ernaartoe|opzoeken|aanbellen|verhaal',
  'zoek|zoeken @o ~1 op',
  'bel|bellen ~2 aan|aanbellen',
  'pak|pakken @o',
  'geef|geven @o ~2 lesje|lesje|pak|klap|klappen',
  'iedereen ~2 ernaartoe|erheen|langs',
];

function compile(src: string, id: number): Pattern {
  let start = false;
  let end = false;
  let s = src.trim();
  if (s.startsWith('^')) { start = true; s = s.slice(1); }
  if (s.endsWith('$')) { end = true; s = s.slice(0, -1); }
  const steps: Step[] = [];
  for (let part of s.split(/\s+/)) {
    if (part.startsWith('~')) { steps.push({ k: 'gap', n: Number(part.slice(1)) }); continue; }
    let opt = false;
    if (part.endsWith('?')) { opt = true; part = part.slice(0, -1); }
    if (part.startsWith('@') || part.startsWith('#')) {
      const c = part === '#n' ? 'n' : (part.slice(1) as Cls);
      steps.push({ k: 'cls', c, opt });
      continue;
    }
    const alts = part.split('|');
    steps.push({
      k: 'lit', opt,
      s: new Set(alts.filter((a) => !a.endsWith('*'))),
      pre: alts.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)),
    });
  }
  let need: readonly string[] = [];
  for (const st of steps) if (st.k === 'lit' && !st.opt && st.pre.length === 0) need = [...st.s];
  return { steps, cat: 'insult', crim: false, start, end, id, need, opts: 0 };
}

const PAT_INDEX = new Map<string, Pattern[]>();
PATTERN_SRC.forEach(([src, cat, crim, opts], id) => {
  const p = compile(src, id);
  p.cat = cat;
  p.crim = crim;
  p.opts = opts ?? 0;
  const first = p.steps[0];
  if (!first || first.k !== 'lit' || first.opt || first.pre.length > 0) {
    // Patterns starting with a class are indexed by their second literal step (see runPatterns).
    const second = p.steps.find((st) => st.k === 'lit' && !st.opt);
    if (!second || second.k !== 'lit') throw new Error(`abuse pattern needs a literal: ${src}`);
    for (const a of second.s) push(`\u0000${a}`, p);
    return;
  }
  for (const a of first.s) push(a, p);
});
function push(key: string, p: Pattern): void {
  const arr = PAT_INDEX.get(key);
  if (arr) arr.push(p);
  else PAT_INDEX.set(key, [p]);
}
const NEED_MAP = new Map<string, number[]>();
for (const list of PAT_INDEX.values()) {
  for (const p of list) {
    for (const x of p.need) {
      const ids = NEED_MAP.get(x) ?? [];
      if (!ids.includes(p.id)) ids.push(p.id);
      NEED_MAP.set(x, ids);
    }
  }
}
const NEED_STAMP = new Int32Array(PATTERN_SRC.length).fill(-1);
// Class-first patterns by their literal word, so that runPatterns needs no "\u0000" + word string.
const PAT_INDEX2 = new Map<string, Pattern[]>();
for (const [key, list] of PAT_INDEX) if (key.charCodeAt(0) === 0) PAT_INDEX2.set(key.slice(1), list);
const DOX_CALLS = DOX_CALL_SRC.map((s, i) => compile(s, 1000 + i));

// ---------------------------------------------------------------------------------------------
// Triggers. Every hit needs a cue in its own sentence: a lexicon word of a cue kind (insult, slur,
// curse, insulting adjective, group predicate, violence, crime), all obligatory words of some
// phrase pattern, a negation followed by a "negated positive" (geen mensen, niet welkom), or, for
// doxxing, an address and a call to go there. Most posts have none: mayHaveAbuse() rejects them
// in one scan without tokenising, and markSentences() limits the analysis to the sentences with
// a trigger. Both are conservative: they may let through a sentence without a hit, never drop one.
// ---------------------------------------------------------------------------------------------

const TRIGGER_MASK = F.INS | F.SLUR | F.AMB | F.DEHUM | F.DEHUM_S | F.DIS | F.CURSE_C | F.IADJ | F.PRED |
  F.VIOL | F.VIOL_W | F.CRIME_N | F.CRIME_V | F.CRIME_P | F.SCHOOL;
const T_HIT = 1;
const T_NEGPOS = 2;
const T_NEG = 4;
const T_DOX = 8;
/** "woon", "woont", "wonen": findAddress accepts a capitalised word and a number after it. */
const T_WOON = 16;
/** Pre-filter table only: the word ends in a street word (STREET_SUFFIX). */
const T_STREET = 32;
// A pattern can only match when each of its obligatory words is in the sentence: every such step
// gets an id, and a sentence is marked when all steps of some pattern have been seen in it.
const WORD_STEPS = new Map<string, number[]>();
const STEP_PATTERN: number[] = [];
const PATTERN_STEPS: number[][] = [];
PATTERN_SRC.forEach(([src], pid) => {
  const ids: number[] = [];
  for (const st of compile(src, -1).steps) {
    if (st.k !== 'lit' || st.opt) continue;
    const id = STEP_PATTERN.length;
    STEP_PATTERN.push(pid);
    ids.push(id);
    for (const x of st.s) {
      const list = WORD_STEPS.get(x);
      if (list) list.push(id);
      else WORD_STEPS.set(x, [id]);
    }
  }
  if (ids.length === 0) throw new Error(`abuse pattern needs an obligatory word: ${src}`);
  PATTERN_STEPS.push(ids);
});
const STEP_STAMP = new Int32Array(STEP_PATTERN.length).fill(-1);
let stepSerial = 0;
const DOX_WORDS = new Set<string>();
for (const p of DOX_CALLS) { const st = p.steps[0]; if (st?.k === 'lit') for (const x of st.s) DOX_WORDS.add(x); }
const TRIGGER_CACHE = new Map<string, number>();
/** Trigger bits (T_*) of a normalised word, as tag() would classify it (cached). */
function triggerOf(key: string): number {
  const hit = TRIGGER_CACHE.get(key);
  if (hit !== undefined) return hit;
  let v = 0;
  let f = LEX.get(key);
  if (f === undefined) {
    const c = classify(key);
    f = c.f;
    if (c.split || key.includes('*')) v |= T_HIT;
  }
  if (f & TRIGGER_MASK) v |= T_HIT;
  if (f & F.NEGPOS) v |= T_NEGPOS;
  if (f & F.NEG) v |= T_NEG;
  if (DOX_WORDS.has(key)) v |= T_DOX;
  if (SPLIT_LEFT.has(key)) v |= T_HIT; // "naakt foto's": joined in tag()
  if (key === 'woont' || key === 'wonen' || key === 'woon') v |= T_WOON;
  if (TRIGGER_CACHE.size >= WORD_CACHE_MAX) TRIGGER_CACHE.clear();
  TRIGGER_CACHE.set(key, v);
  return v;
}
/** The normalised key (and alternative key) of a raw token, as tag() computes them. */
function keysOf(r: { raw: string; leet: boolean }): [string, string | null] {
  let key = r.leet ? deLeet(r.raw, 'i') : r.raw;
  let alt: string | null = r.leet && r.raw.includes('1') ? deLeet(r.raw, 'l') : null;
  if (hasRun3(key)) {
    alt = collapse(key, 1, true);
    key = collapse(key, 2, false);
  }
  return [key, alt];
}
// The whole-text pre-filter: plain ASCII words are looked up in an open-addressing table keyed by
// a hash computed while scanning, so that a harmless post is rejected without creating a string
// per word. The table caches triggerOf() and the pattern steps of every word seen.
const HT_SIZE = 1 << 15;
const HT_MASK = HT_SIZE - 1;
const NO_STEPS: readonly number[] = [];
// Packed arrays ('' marks a free slot: a word is never empty).
const htKeys: string[] = new Array<string>(HT_SIZE).fill('');
const htVals = new Int32Array(HT_SIZE);
const htSteps: (readonly number[])[] = new Array<readonly number[]>(HT_SIZE).fill(NO_STEPS);
/** The tagging of the slot's word (see wordInfo), filled by rawTokens on first use. */
const htInfo: (WordInfo | null)[] = new Array<WordInfo | null>(HT_SIZE).fill(null);
let htCount = 0;

function stepIds(keys: readonly string[]): readonly number[] {
  const out: number[] = [];
  for (const k of keys) for (const id of WORD_STEPS.get(k) ?? NO_STEPS) out.push(id);
  return out.length ? out : NO_STEPS;
}
// Per pattern: how many of its steps carry the current serial (valid when PATTERN_SERIAL matches).
const PATTERN_SERIAL = new Int32Array(PATTERN_STEPS.length).fill(-1);
const PATTERN_SEEN = new Int32Array(PATTERN_STEPS.length);
/** Stamps the pattern steps `ids` with `serial`; true when that completes a pattern. */
function stampIds(ids: readonly number[], serial: number): boolean {
  let done = false;
  for (const id of ids) {
    if (STEP_STAMP[id] === serial) continue;
    STEP_STAMP[id] = serial;
    // Count the step for its pattern instead of checking all the pattern's steps again.
    const p = STEP_PATTERN[id] as number;
    if (PATTERN_SERIAL[p] !== serial) {
      PATTERN_SERIAL[p] = serial;
      PATTERN_SEEN[p] = 0;
    }
    const seen = (PATTERN_SEEN[p] as number) + 1;
    PATTERN_SEEN[p] = seen;
    if (seen === (PATTERN_STEPS[p] as number[]).length) done = true;
  }
  return done;
}
/** Table slot of the plain ASCII word text[s, e) with its hash (tokHash), filled on first sight. */
function htSlot(text: string, s: number, e: number, hash: number): number {
  const h = hash ^ (hash >>> 15);
  const len = e - s;
  let idx = h & HT_MASK;
  for (;;) {
    const k = htKeys[idx] as string;
    if (k.length === 0) break;
    // Lower-case text matches natively; otherwise compare folding ASCII case.
    if (k.length === len && text.startsWith(k, s)) return idx;
    if (k.length === len) {
      let j = 0;
      while (j < len && k.charCodeAt(j) === (text.charCodeAt(s + j) | 32)) j++;
      if (j === len) return idx;
    }
    idx = (idx + 1) & HT_MASK;
  }
  if (htCount >= HT_SIZE >> 1) {
    htKeys.fill('');
    htSteps.fill(NO_STEPS);
    htInfo.fill(null);
    htCount = 0;
    idx = h & HT_MASK;
  }
  const key = text.slice(s, e).toLowerCase();
  let keys: string[] = [key];
  if (hasRun3(key)) keys = [collapse(key, 2, false), collapse(key, 1, true)];
  let v = 0;
  for (const k of keys) v |= triggerOf(k);
  if (isStreetWord(key)) v |= T_STREET;
  htKeys[idx] = key;
  htVals[idx] = v;
  htSteps[idx] = stepIds(keys);
  htInfo[idx] = null;
  htCount++;
  return idx;
}

/** Ends in a street word (see findAddress): a number after it may be a house number. */
function isStreetWord(lower: string): boolean {
  for (const x of STREET_SUFFIX) if (lower.endsWith(x)) return true;
  return false;
}
/** Pre-filter result of a token that is not plain ASCII, by its exact text (see mayHaveAbuse). */
interface OddWord { v: number; ids: readonly number[]; len: number; key: string }
// Numbers, times, phone numbers and words with diacritics recur across posts ("19:30", "Zoë"):
// their folding and keys are a pure function of the token's text, so they are computed once.
const ODD_CACHE = new Map<string, OddWord>();
function oddWord(text: string, s: number, e: number): OddWord {
  const slice = text.slice(s, e);
  const hit = ODD_CACHE.get(slice);
  if (hit !== undefined) return hit;
  const raw = foldedToken(text, s, e);
  const [key, alt] = keysOf({ raw, leet: tokLeet && tokHasLetter });
  let v = triggerOf(key);
  if (alt !== null) v |= triggerOf(alt);
  const res: OddWord = { v, ids: stepIds(alt === null ? [key] : [key, alt]), len: raw.length, key };
  if (ODD_CACHE.size >= WORD_CACHE_MAX) ODD_CACHE.clear();
  ODD_CACHE.set(slice, res);
  return res;
}

/** False when the text certainly has no hit: no word of it can start any rule. */
function mayHaveAbuse(text: string, lex?: PreparedAbuseLexicon): boolean {
  const n = text.length;
  let serial = ++stepSerial;
  if (serial > 0x3fffffff) { stepSerial = serial = 0; STEP_STAMP.fill(-1); PATTERN_SERIAL.fill(-1); }
  let neg = false;
  let dox = false;
  let addr = false;
  let woon = false;
  let singles = 0;
  let prevS = -1;
  let prevE = -1;
  let prevPlain = true;
  let prevV = 0;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const asciiLetter = (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
    const digit = code >= 48 && code <= 57;
    if (!asciiLetter && !digit && !isLetterCode(code)) {
      // An emoji read as a word ("jij bent een 🐷"): rare, so the whole text goes on.
      if (code >= 0xd83c && code <= 0xd83e && i + 1 < n && EMOJI.has(text.slice(i, i + 2))) return true;
      if (!((code === 64 || code === 36 || code === 0x20ac) && i + 1 < n && isWordCode(text.charCodeAt(i + 1)))) { i++; continue; }
    }
    const s = i;
    let v: number;
    let ids: readonly number[];
    let len: number;
    i = tokenEnd(text, s);
    if (tokSimple) {
      const slot = htSlot(text, s, i, tokHash);
      v = htVals[slot] as number;
      ids = htSteps[slot] as readonly number[];
      len = i - s;
      if (lex !== undefined && lex.test(htKeys[slot] as string)) return true;
    } else {
      const odd = oddWord(text, s, i);
      v = odd.v;
      ids = odd.ids;
      len = odd.len;
      if (lex !== undefined && lex.test(odd.key)) return true;
    }
    singles = len === 1 ? singles + 1 : 0;
    if (v & T_NEG) neg = true;
    if (v & T_DOX) dox = true;
    if (v & T_WOON) woon = true;
    if (v & T_HIT || (v & T_NEGPOS && neg) || singles >= 3) return true;
    if (ids.length && stampIds(ids, serial)) return true;
    if (digit && prevS >= 0) {
      // A possible address (see findAddress): a postcode (4 digits, or 4 digits and 2 letters), or
      // a house number (at most 4 characters) after a street word, or after a capitalised word
      // when "woont" came before it. A phone number or a group ("Groep 5b") is none.
      if (len === 4 || len === 6) addr = true;
      else if (len < 4) {
        const p0 = text.charCodeAt(prevS);
        // A plain previous word has its street flag in the table (prevV); others are checked here.
        if ((woon && (!prevPlain || (p0 >= 65 && p0 <= 90))) || (prevPlain ? prevV & T_STREET : isStreetWord(text.slice(prevS, prevE).toLowerCase()))) addr = true;
      }
    }
    if (addr && dox) return true;
    prevS = s;
    prevE = i;
    prevPlain = tokSimple;
    prevV = v;
  }
  return false;
}

let sentTrigger = new Uint8Array(64);
/** A call to go somewhere (see DOX_CALLS) was seen by markSentences: doxxing is possible. */
let doxCall = false;
/**
 * Marks in `sentTrigger` the sentences whose tokens hold a trigger. Exact
 * for the rules, which only look at the final tokens (their key `w` and flags `f`).
 */
function markSentences(t: Tok[], nSent: number): void {
  if (sentTrigger.length < nSent) sentTrigger = new Uint8Array(nSent * 2);
  sentTrigger.fill(0, 0, nSent);
  doxCall = false;
  let sent = -1;
  let neg = false;
  let serial = 0;
  for (const k of t) {
    if (k.sent !== sent) {
      sent = k.sent;
      neg = false;
      serial = ++stepSerial;
      if (serial > 0x3fffffff) { stepSerial = serial = 0; STEP_STAMP.fill(-1); PATTERN_SERIAL.fill(-1); }
    }
    if (k.dox) doxCall = true;
    if (sentTrigger[sent]) continue;
    const f = k.f;
    if (f & F.NEG) neg = true;
    const ids = k.steps;
    if (f & TRIGGER_MASK || (f & F.NEGPOS && neg) || (ids !== undefined && stampIds(ids, serial))) {
      sentTrigger[sent] = 1;
    }
  }
}

const STREET_SUFFIX = ['straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'dijk', 'hof', 'dreef', 'steeg', 'pad', 'park', 'plantsoen', 'erf', 'markt'];

// ---------------------------------------------------------------------------------------------
// Tokeniser
// ---------------------------------------------------------------------------------------------

interface Tok {
  w: string; // normalised key
  w1: string | null; // alternative key (letter runs to one, '1' read as 'l')
  raw: string; // folded, before leet
  s: number;
  e: number;
  cap: boolean;
  q: boolean; // inside quotes
  sent: number;
  cl: number;
  f: number; // lexicon flags
  base: string; // the lexicon word matched (may differ from w for compounds/fuzzy)
  hum: number; // 0 none, 1 second, 2 first, 3 third, 4 group, 5 person noun, 6 name
  steps: readonly number[] | undefined; // WORD_STEPS of w (for markSentences)
  dox: boolean; // w starts a doxxing call (DOX_WORDS)
}

const FOLD = new Map<number, string>();
{
  const groups: [string, string][] = [
    ['a', 'àáâãäåāăą'], ['c', 'çćč'], ['e', 'èéêëēėęě'], ['i', 'ìíîïīį'], ['n', 'ñńň'],
    ['o', 'òóôõöøō'], ['u', 'ùúûüūů'], ['y', 'ýÿ'], ['s', 'śšş'], ['z', 'źżž'], ['l', 'ł'],
    ['r', 'ř'], ['d', 'ď'], ['t', 'ť'], ['g', 'ğ'],
  ];
  for (const [to, from] of groups) {
    for (const ch of from) {
      FOLD.set(ch.charCodeAt(0), to);
      FOLD.set(ch.toUpperCase().charCodeAt(0), to);
    }
  }
  FOLD.set(0x133, 'ij'); FOLD.set(0x132, 'ij'); FOLD.set(0xdf, 'ss');
}
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '€': 'e' };

// char classes: 1 letter, 2 digit, 3 leet symbol (@ $ € |), 4 joiner (' ’ - . _ *), 0 other
const TABLE_SIZE = 0x250;
const FOLD_TABLE: string[] = [];
const LETTER_TABLE = new Uint8Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) {
  const ch = String.fromCharCode(c);
  const f = FOLD.get(c);
  FOLD_TABLE.push(f ?? ch.toLowerCase());
  LETTER_TABLE[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && (f !== undefined || ch.toLowerCase() !== ch.toUpperCase())) ? 1 : 0;
}
function foldChar(code: number): string {
  if (code < TABLE_SIZE) return FOLD_TABLE[code] as string;
  return String.fromCharCode(code).toLowerCase();
}
// Beyond the table, whether a code is a (cased) letter is remembered per code (0 unknown, 1 letter,
// 2 not): emoji halves, dashes and ellipses recur and each test would build three strings.
const HIGH_LETTER = new Uint8Array(0x10000);
function isLetterCode(code: number): boolean {
  if (code < TABLE_SIZE) return LETTER_TABLE[code] === 1;
  const known = HIGH_LETTER[code];
  if (known) return known === 1;
  const ch = String.fromCharCode(code);
  const letter = ch.toLowerCase() !== ch.toUpperCase();
  HIGH_LETTER[code] = letter ? 1 : 2;
  return letter;
}

interface Raw {
  raw: string; s: number; e: number; cap: boolean; q: boolean; sentBreakBefore: boolean; clauseBreakBefore: boolean; leet: boolean; info: WordInfo;
  /** The first part of a compound whose head is elided: "neger-" in "neger- en slavenhandel". */
  trunc?: boolean;
}

function rawTokens(text: string): Raw[] {
  const out: Raw[] = [];
  const n = text.length;
  let i = 0;
  let inQuote = false;
  let sentBreak = true;
  let clauseBreak = true;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 32) { i++; continue; } // fast path: a space
    const ch = text[i] as string;
    if (code >= 0xd83c && code <= 0xd83e && i + 1 < n) {
      const word = EMOJI.get(text.slice(i, i + 2));
      if (word !== undefined) {
        // Only as an ambiguous word ("jij bent een 🐷"), see ambiguousWord.
        const wi = wordInfo(word, false);
        out.push({
          raw: word, s: i, e: i + 2, cap: false, q: inQuote, sentBreakBefore: sentBreak,
          clauseBreakBefore: clauseBreak || sentBreak, leet: false, info: { ...wi, f: F.AMB, steps: undefined, dox: false },
        });
        sentBreak = false;
        clauseBreak = false;
        i += 2;
        continue;
      }
      // Other emoji separate clauses: "Juf is jarig 🎂 ze houdt van taart".
      clauseBreak = true;
      i += 2;
      continue;
    }
    const letter = isLetterCode(code);
    const digit = code >= 48 && code <= 57;
    const leetSym = ch === '@' || ch === '$' || ch === '€';
    if (letter || digit || (leetSym && i + 1 < n && isWordCode(text.charCodeAt(i + 1)))) {
      // Read a token.
      const s = i;
      i = tokenEnd(text, s);
      // Plain words come from the pre-filter's table: one string per word, its hash computed once,
      // and its tagging (WordInfo) kept in the same slot.
      const leet = tokLeet && tokHasLetter;
      let buf: string;
      let info: WordInfo;
      if (tokSimple) {
        const slot = htSlot(text, s, i, tokHash);
        buf = htKeys[slot] as string;
        info = htInfo[slot] ?? (htInfo[slot] = wordInfo(buf, false));
      } else {
        buf = foldedToken(text, s, i);
        info = wordInfo(buf, leet);
      }
      const first = text.charCodeAt(s);
      const r: Raw = {
        raw: buf, s, e: i, cap: first >= 65 && first <= 90 || (first >= 0xc0 && text[s] !== (text[s] as string).toLowerCase()),
        q: inQuote, sentBreakBefore: sentBreak, clauseBreakBefore: clauseBreak || sentBreak, leet, info,
      };
      // "neger- en slavenhandel", "kanker- en hartpatiënten": a compound's first part.
      if (text.charCodeAt(i) === 45 && (i + 1 >= n || text.charCodeAt(i + 1) === 32)) r.trunc = true;
      out.push(r);
      sentBreak = false;
      clauseBreak = false;
      continue;
    }
    if (ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === '\u2026') sentBreak = true;
    else if (ch === ',' || ch === ';' || ch === ':' || ch === '(' || ch === ')' || ch === '\u2013' || ch === '\u2014') clauseBreak = true;
    else if (ch === '-' && (text[i - 1] === ' ' || text[i + 1] === ' ')) clauseBreak = true;
    else if (QUOTES.has(ch)) {
      // An apostrophe starting "'t" or "'s" is an elision, not a quote.
      const isElision = (ch === "'" || ch === '\u2019') && (text[i + 1] === 't' || text[i + 1] === 's' || text[i + 1] === 'n') && !isWordCode(text.charCodeAt(i + 2));
      if (!isElision) inQuote = !inQuote;
    }
    i++;
  }
  return out;
}
// Results of tokenEnd (module-level, so that reading a token allocates nothing).
let tokSimple = true; // only ASCII letters: the token is a lower-cased slice
let tokLeet = false;
let tokHasLetter = false;
/** The hash of a simple token (lower case), computed while reading it: see htSlot. */
let tokHash = 0;
/** The end of the token starting at `s`: letters, leetspeak, joiners (zo'n, k-u-t) and k.u.t. */
function tokenEnd(text: string, s: number): number {
  const n = text.length;
  let i = s;
  let hasLetter = false;
  let leet = false;
  let simple = true;
  let h = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) { // fast path: ASCII
      h = Math.imul(h ^ (c | 32), 0x01000193);
      hasLetter = true;
      i++;
      continue;
    }
    if (c === 32) break; // a space ends every token
    // Character codes only below (no one-character strings): @ 64, $ 36, € 0x20ac, ! 33, | 124,
    // ' 39, ’ 0x2019, - 45, _ 95, * 42, . 46.
    if (isLetterCode(c)) { hasLetter = true; if (c > 122) simple = false; i++; continue; }
    if ((c >= 48 && c <= 57) || c === 64 || c === 36 || c === 0x20ac) { leet = true; simple = false; i++; continue; }
    if ((c === 33 || c === 124) && i > s && i + 1 < n && isLetterCode(text.charCodeAt(i + 1))) { leet = true; simple = false; i++; continue; }
    // Joiners inside a word.
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if ((c === 39 || c === 0x2019 || c === 45 || c === 95 || c === 42) && i > s && isWordCode(next)) {
      simple = false;
      i++;
      continue;
    }
    if (c === 46 && isWordCode(next)) {
      // k.u.t: single letters separated by dots.
      const chain = i >= 2 && text.charCodeAt(i - 2) === 46;
      const prevSingle = i - s === 1 || chain;
      const after = i + 2 < n ? text.charCodeAt(i + 2) : 0;
      if (prevSingle && (!isWordCode(after) || chain)) { simple = false; i++; continue; }
    }
    break;
  }
  tokSimple = simple;
  tokHash = h;
  tokLeet = leet;
  tokHasLetter = hasLetter;
  return i;
}
/** A token that is not plain ASCII: folded letters, leet symbols and '*' kept, joiners dropped. */
function foldedToken(text: string, s: number, e: number): string {
  let buf = '';
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    const cc = text[k] as string;
    if (isLetterCode(c)) buf += foldChar(c);
    else if ((c >= 48 && c <= 57) || cc === '@' || cc === '$' || cc === '€' || cc === '!' || cc === '|' || cc === '*') buf += cc;
  }
  return buf;
}

function isWordCode(c: number): boolean {
  return isLetterCode(c) || (c >= 48 && c <= 57) || c === 64 || c === 36;
}

/** Shorten runs of 3+ equal letters to `keep`; with `onlyLong`, runs of 2 stay as they are. */
function collapse(s: string, keep: number, onlyLong: boolean): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    const len = j - i;
    const ch = s[i] as string;
    out += len >= 3 ? ch.repeat(keep) : onlyLong ? s.slice(i, j) : ch.repeat(Math.min(len, keep));
    i = j;
  }
  return out;
}
function hasRun3(s: string): boolean {
  for (let i = 2; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === s.charCodeAt(i - 1) && c === s.charCodeAt(i - 2)) return true;
  }
  return false;
}

function deLeet(s: string, oneAs: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '1') out += oneAs;
    else out += LEET[ch] ?? ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tagging
// ---------------------------------------------------------------------------------------------

const lookup = (k: string): number => LEX.get(k) ?? 0;

function analyseCompound(wd: string): { f: number; base: string } | null {
  if (wd.length < 6) return null;
  // Curse prefixes: kanker*, tyfus*, tering*, klere*, ...
  if (CURSE_PREFIX4.has(wd.slice(0, 4))) {
    for (const p of CURSE_PREFIXES) {
      if (!wd.startsWith(p)) continue;
      let rest = wd.slice(p.length);
      if (p === 'klere' && rest.startsWith('n')) return null; // kleren = clothes
      if (rest.length < 2) return null;
      if (MEDICAL.has(rest)) return null;
      if (rest.startsWith('s') && MEDICAL.has(rest.slice(1))) return null;
      if (rest.startsWith('-')) rest = rest.slice(1);
      const head = rest;
      if (SLUR_HEADS.has(head)) return { f: F.SLUR | F.CURSE_C, base: wd };
      if (PERSON_HEADS.has(head) || (LEX.get(head) ?? 0) & (F.INS | F.SLUR)) return { f: F.INS | F.CURSE_C, base: wd };
      return { f: F.CURSE_C, base: wd };
    }
  }
  // Mild prefixes with a person head: kutwijf, rotjoch, kutmarokkaan.
  if (MILD_PREFIX3.has(wd.slice(0, 3))) {
    for (const p of MILD_PREFIXES) {
      if (!wd.startsWith(p)) continue;
      const head = wd.slice(p.length);
      if (SLUR_HEADS.has(head)) return { f: F.SLUR, base: wd };
      if (PERSON_HEADS.has(head) && !(lookup(head) & F.FUNC)) return { f: F.INS, base: wd };
    }
  }
  // Suffix heads: kuthoer, vuileslet, randdebiel.
  if (SUFFIX_TAIL3.has(wd.slice(-3))) {
    for (const h of SUFFIX_HEADS) {
      if (wd.length - h.length >= 2 && wd.endsWith(h)) {
        const hf = lookup(h);
        return { f: hf & F.SLUR ? F.SLUR : F.INS, base: h };
      }
    }
  }
  return null;
}

function tag(raws: Raw[]): Tok[] {
  // 1. Merge spaced single letters: "h o e r", "v e r a c h t e l i j k".
  const merged: Raw[] = [];
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i] as Raw;
    if (r.raw.length === 1) {
      let j = i;
      while (j + 1 < raws.length) {
        const a = raws[j] as Raw;
        const b = raws[j + 1] as Raw;
        if (b.raw.length !== 1 || b.s - a.e > 2 || b.sentBreakBefore || b.clauseBreakBefore) break;
        j++;
      }
      if (j - i + 1 >= 3) {
        let buf = '';
        for (let k = i; k <= j; k++) buf += (raws[k] as Raw).raw;
        merged.push({ ...r, raw: buf, e: (raws[j] as Raw).e, info: wordInfo(buf, r.leet) });
        i = j;
        continue;
      }
    }
    merged.push(r);
  }
  // 2. Normalise and look up.
  for (let i = 1; i + 2 < merged.length; i++) {
    const r = merged[i] as Raw;
    const n = merged[i + 1] as Raw;
    if (r.info.subord && n.info.subjPron && !n.sentBreakBefore && !(merged[i + 2] as Raw).sentBreakBefore && !(merged[i + 2] as Raw).clauseBreakBefore) r.clauseBreakBefore = true;
  }
  const toks: Tok[] = [];
  let sent = -1;
  let cl = -1;
  for (let ri = 0; ri < merged.length; ri++) {
    const r = merged[ri] as Raw;
    if (r.sentBreakBefore) { sent++; cl++; } else if (r.clauseBreakBefore) cl++;
    let x = r.info;
    if (r.trunc && x.f & CUE_FLAGS) x = truncInfo(x, merged, ri);
    const join = SPLIT_COMPOUNDS.get(x.w);
    const nr = merged[ri + 1];
    if (join !== undefined && nr !== undefined && !nr.sentBreakBefore && !nr.clauseBreakBefore && join.has(nr.info.w)) {
      // "naakt foto's" read as "naaktfotos".
      const jx = wordInfo(x.w + nr.info.w, false);
      toks.push({ w: jx.w, w1: null, raw: r.raw + nr.raw, s: r.s, e: nr.e, cap: r.cap, q: r.q, sent, cl, f: jx.f, base: jx.base, hum: 0, steps: jx.steps, dox: jx.dox });
      ri++;
      continue;
    }
    if (x.clauseWord && !r.clauseBreakBefore) cl++;
    const sp = x.split;
    if (sp !== null) {
      const exact = r.raw.length === x.key.length;
      const mid = exact ? r.s + sp.left.length : r.e;
      toks.push(
        { w: sp.left, w1: null, raw: r.raw, s: r.s, e: exact ? mid : r.e, cap: r.cap, q: r.q, sent, cl, f: sp.lf, base: sp.left, hum: 0, steps: WORD_STEPS.get(sp.left), dox: DOX_WORDS.has(sp.left) },
        { w: sp.right, w1: null, raw: r.raw, s: exact ? mid : r.s, e: r.e, cap: r.cap, q: r.q, sent, cl, f: sp.rf, base: sp.right, hum: 0, steps: WORD_STEPS.get(sp.right), dox: DOX_WORDS.has(sp.right) },
      );
      continue;
    }
    toks.push({ w: x.w, w1: x.alt, raw: r.raw, s: r.s, e: r.e, cap: r.cap, q: r.q, sent, cl, f: x.f, base: x.base, hum: 0, steps: x.steps, dox: x.dox });
  }
  return toks;
}

const EMOJI = new Map<string, string>(Object.entries(L.EMOJI_WORDS));
const SPLIT_COMPOUNDS = new Map<string, ReadonlySet<string>>(Object.entries(L.SPLIT_COMPOUNDS).map(([k, v]) => [k, set(v)]));
const SPLIT_LEFT = set(Object.keys(L.SPLIT_COMPOUNDS));
/** Flags that make a word a cue of abuse by itself (cleared for removed and truncated words). */
const CUE_FLAGS = F.INS | F.SLUR | F.AMB | F.DEHUM | F.DEHUM_S | F.DIS | F.CURSE_C | F.IADJ | F.PRED | F.VIOL |
  F.VIOL_W | F.CRIME_N | F.CRIME_NS | F.CRIME_V | F.CRIME_P | F.SUFH | F.FUZZY | F.SCHOOL;
const COORD = set(w(`en of tot &`));
/**
 * The first part of a compound whose head stands in the next word ("neger- en slavenhandel" =
 * negerhandel en slavenhandel): not a word by itself. It stays a cue only as a curse or mild
 * prefix with a head that is no medical word ("kut- en rotkinderen", not "kanker- en
 * hartpatiënten").
 */
function truncInfo(x: WordInfo, merged: Raw[], ri: number): WordInfo {
  let j = ri + 1;
  while (j < merged.length && COORD.has((merged[j] as Raw).info.w)) j++;
  const head = merged[j]?.info.w ?? '';
  let medical = false;
  for (const m of MEDICAL) if (head.endsWith(m)) { medical = true; break; }
  const prefix = CURSE_PREFIXES.includes(x.w) || MILD_PREFIXES.includes(x.w);
  if (prefix && !medical) return x;
  return { ...x, f: x.f & ~CUE_FLAGS };
}

/**
 * The tagging of one token, a pure function of its folded text and leet flag: its keys (leet
 * undone, letter runs collapsed), the lexicon word it matches (directly, through the alternative
 * key, a '*' wildcard or classify()), and the small-set memberships tag() and markSentences()
 * test. Computed once per distinct word (cached in the pre-filter's table or WORD_INFO) instead of
 * a dozen Map and Set lookups per token per call.
 */
interface WordInfo {
  key: string; // normalised key
  alt: string | null; // alternative key (letter runs to one, '1' read as 'l')
  w: string; // the key the rules see (alt or wildcard match when that is the lexicon word)
  base: string;
  f: number;
  split: WordClass['split']; // glued words ("eenteef"): two tokens
  clauseWord: boolean; // CLAUSE_WORDS has the key
  subord: boolean; // SUBORD has the raw text
  subjPron: boolean; // SUBJ_PRON has the raw text
  steps: readonly number[] | undefined;
  dox: boolean;
}
const WORD_INFO = new Map<string, WordInfo>();
function wordInfo(raw: string, leet: boolean): WordInfo {
  // Plain words are keyed by themselves; leet ones get a prefix that no folded word has.
  const ck = leet ? `\u0001${raw}` : raw;
  const hit = WORD_INFO.get(ck);
  if (hit !== undefined) return hit;
  let key = leet ? deLeet(raw, 'i') : raw;
  let alt: string | null = leet && raw.includes('1') ? deLeet(raw, 'l') : null;
  if (hasRun3(key)) {
    alt = collapse(key, 1, true);
    key = collapse(key, 2, false);
  }
  let w = key;
  let base = key;
  let split: WordClass['split'] = null;
  let f = LEX.get(key);
  if (f === undefined && alt !== null) {
    const fa = LEX.get(alt);
    if (fa !== undefined) { f = fa; base = alt; w = alt; }
  }
  if (f === undefined && key.includes('*')) {
    const m = wildcard(key);
    if (m) { f = lookup(m); base = m; w = m; }
  }
  if (f === undefined) {
    const c = classify(key);
    f = c.f;
    base = c.base;
    split = c.split;
  }
  const res: WordInfo = {
    key, alt, w, base, f, split, clauseWord: CLAUSE_WORDS.has(key), subord: SUBORD.has(raw), subjPron: SUBJ_PRON.has(raw),
    steps: WORD_STEPS.get(w), dox: DOX_WORDS.has(w),
  };
  if (WORD_INFO.size >= WORD_CACHE_MAX) WORD_INFO.clear();
  WORD_INFO.set(ck, res);
  return res;
}

interface WordClass { f: number; base: string; split: { left: string; right: string; lf: number; rf: number } | null }
// Words not in the lexicon are classified once (compound, glued, fuzzy) and remembered: the
// vocabulary of posts repeats, so this keeps the per-call work to one Map lookup per word.
const WORD_CACHE = new Map<string, WordClass>();
const WORD_CACHE_MAX = 50_000;
function classify(key: string): WordClass {
  const hit = WORD_CACHE.get(key);
  if (hit) return hit;
  let res: WordClass;
  const c = analyseCompound(key);
  if (c) res = { f: c.f, base: c.base, split: null };
  else {
    const sp = key.length >= 5 ? splitGlued(key) : null;
    if (sp) {
      const [left, right] = sp;
      res = { f: 0, base: key, split: { left, right, lf: lookup(left), rf: lookup(right) || (analyseCompound(right)?.f ?? 0) } };
    } else {
      const fz = FUZZY.get(key) ?? (key.length >= 5 ? SIGNATURE.get(signature(key)) : undefined);
      const dd = fz === undefined ? dedouble(key) : null;
      if (dd !== null) res = { f: lookup(dd), base: dd, split: null };
      else res = fz !== undefined ? { f: lookup(fz) | F.FUZZY, base: fz, split: null } : { f: 0, base: key, split: null };
    }
  }
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  WORD_CACHE.set(key, res);
  return res;
}

/**
 * A strong word with one letter doubled ("hoerr", "looser", "kannker"): the word itself. Only
 * insults, slurs and disease curses of 4+ letters; the doubled word must be unknown.
 */
function dedouble(key: string): string | null {
  let any = false;
  for (let i = 1; i < key.length; i++) {
    if (key.charCodeAt(i) !== key.charCodeAt(i - 1)) continue;
    any = true;
    const v = key.slice(0, i) + key.slice(i + 1);
    if (v.length >= 4 && (LEX.get(v) ?? 0) & (F.INS | F.SLUR | F.DIS)) return v;
  }
  if (!any) return null;
  let all = '';
  for (let i = 0; i < key.length; i++) if (i === 0 || key[i] !== key[i - 1]) all += key[i];
  return all.length >= 4 && (LEX.get(all) ?? 0) & (F.INS | F.SLUR | F.DIS) ? all : null;
}
/** First letter, last letter and the sorted letters between: "idooit" and "idioot" are alike. */
function signature(x: string): string {
  return `${x[0]}${x[x.length - 1]}${x.slice(1, -1).split('').sort().join('')}`;
}
// Scrambled inner letters of strong insults and slurs ("idooit"), fuzzy like FUZZY: a hit only in
// an unmistakable person frame ("je bent een idooit"). Signatures that two lexicon words share, or
// that a lexicon word has, are left out.
const SIGNATURE = new Map<string, string>();
{
  const taken = new Set<string>();
  for (const k of LEX.keys()) if (k.length >= 5) {
    const sg = signature(k);
    if (taken.has(sg)) SIGNATURE.delete(sg);
    else if ((LEX.get(k) ?? 0) & (F.INS | F.SLUR) && !NOT_FUZZY.has(k)) SIGNATURE.set(sg, k);
    taken.add(sg);
  }
}

const WILDCARD_WORDS = [...L.INSULTS_STRONG, ...L.SLURS, ...L.DISEASE_CURSES].filter((x) => x.length >= 3);
function wildcard(key: string): string | null {
  if (key.replace(/\*/g, '').length < 2) return null;
  outer: for (const cand of WILDCARD_WORDS) {
    if (cand.length !== key.length) continue;
    for (let i = 0; i < key.length; i++) if (key[i] !== '*' && key[i] !== cand[i]) continue outer;
    return cand;
  }
  return null;
}

const CUE_MASK = F.INS | F.SLUR | F.AMB | F.DEHUM | F.PRED | F.VIOL | F.VIOL_W | F.IDENT | F.DIS | F.CRIME_N | F.IADJ | F.NEGPOS;
function splitGlued(key: string): [string, string] | null {
  for (let k = 2; k <= key.length - 3; k++) {
    const left = key.slice(0, k);
    const lf = LEX.get(left) ?? (GLUE_LEFT.has(left) ? F.FUNC : undefined);
    if (lf === undefined) continue;
    const right = key.slice(k);
    const rf = LEX.get(right) ?? analyseCompound(right)?.f;
    if (rf === undefined) continue;
    if (GLUE_LEFT.has(left) && rf & CUE_MASK) return [left, right];
    if (lf & CUE_MASK && (rf & (F.FUNC | CUE_MASK | F.PERS))) return [left, right];
    if (lf & (F.PERS | F.GHEAD) && rf & (F.VIOL | F.PRED)) return [left, right];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

interface Ctx {
  text: string;
  t: Tok[];
  hits: AbuseHit[];
  used: Uint8Array; // tokens already covered by a hit
  sentStart: number[]; // token index of sentence start, per sentence
  sentEnd: number[];
  humanAntecedent: boolean; // a group/person noun seen so far
}

let usedBuffer = new Uint8Array(256);

/**
 * Abusive language in `text` (article A.7). `lexicon` is a school's own terms, prepared once per
 * school with prepareAbuseLexicon; without it only the built-in lexicon counts.
 */
export function detectAbuse(text: string, lexicon?: PreparedAbuseLexicon): AbuseHit[] {
  if (text.length === 0 || !mayHaveAbuse(text, lexicon)) return [];
  const t = tag(rawTokens(text));
  if (t.length === 0) return [];
  if (lexicon !== undefined) applyLexicon(t, lexicon);
  const nSent = (t[t.length - 1] as Tok).sent + 1;
  const sentStart = new Array<number>(nSent).fill(-1);
  const sentEnd = new Array<number>(nSent).fill(-1);
  for (let i = 0; i < t.length; i++) {
    const s = (t[i] as Tok).sent;
    if (sentStart[s] === -1) sentStart[s] = i;
    sentEnd[s] = i + 1;
  }
  markSentences(t, nSent);
  // One buffer for all calls (a new typed array per call costs more than the rest of this line).
  if (usedBuffer.length < t.length) usedBuffer = new Uint8Array(t.length * 2);
  else usedBuffer.fill(0, 0, t.length);
  const ctx: Ctx = { text, t, hits: [], used: usedBuffer, sentStart, sentEnd, humanAntecedent: false };
  assignHumans(ctx);
  let doxAddress = -1;
  for (let s = 0; s < nSent; s++) {
    const a = sentStart[s] as number;
    const b = sentEnd[s] as number;
    if (a < 0) continue;
    if (doxAddress < 0 && doxCall) doxAddress = findAddress(ctx, a, b);
    if (!sentTrigger[s]) continue;
    // A school's own terms first: the school chose their category.
    if (lexicon !== undefined && lexicon.added > 0) for (let i = a; i < b; i++) if ((t[i] as Tok).f & F.SCHOOL) schoolTerm(ctx, i);
    runPatterns(ctx, a, b);
    violence(ctx, a, b);
    defamation(ctx, a, b);
    groupPredicates(ctx, a, b);
    words(ctx, a, b);
  }
  if (doxAddress >= 0) doxxing(ctx, doxAddress);
  return ctx.hits;
}

function assignHumans(ctx: Ctx): void {
  const t = ctx.t;
  let antecedent = false;
  for (let i = 0; i < t.length; i++) {
    const k = t[i] as Tok;
    const f = k.f;
    const next = t[i + 1];
    if (f & F.SEC) k.hum = 1;
    else if (f & F.FIRST) k.hum = 2;
    else if (f & F.IDENT) k.hum = 4;
    else if (f & F.GADJ && next && next.f & F.GHEAD && next.sent === k.sent) { k.hum = 4; next.hum = 4; i++; antecedent = true; continue; }
    else if (f & F.PERS) k.hum = 5;
    else if (f & F.THIRD) {
      if (k.w === 'ze' || k.w === 'zij' || k.w === 'hun') {
        const nw = next?.w;
        const singular = nw === 'is' || nw === 'was' || nw === 'heeft' || nw === 'had' || nw === 'wordt';
        if (antecedent || singular) k.hum = 3;
      } else if (k.w === 'haar') {
        // "haar" is also hair; as a person it is an object or possessive before a noun.
        k.hum = 3;
      } else k.hum = 3;
    } else if (k.cap && f === 0 && !k.q && k.w.length > 1) {
      // A capitalised word inside a sentence is a name; at the start only before "is/was/heeft".
      // At the start also before "uit" ("Lotte uit groep 3 is ...") or a second capitalised word
      // ("Karim El Amrani is ...").
      if (i > 0 && (t[i - 1] as Tok).sent === k.sent) k.hum = 6;
      else if (next && next.sent === k.sent && !COMMON_CAP.has(k.w) && (NAME_NEXT.has(next.w) || (next.cap && next.f === 0 && !next.q))) k.hum = 6;
    }
    if (k.hum === 4 || k.hum === 5 || k.hum === 6) antecedent = true;
    // "X zoals jij": X is a person.
    if (k.w === 'zoals' && next && next.hum === 1 && i > 0) {
      const prev = t[i - 1] as Tok;
      if (prev.hum === 0 && !(prev.f & F.FUNC)) { prev.hum = 4; antecedent = true; }
    }
  }
  ctx.humanAntecedent = antecedent;
}

// --- helpers -----------------------------------------------------------------------------------

function clauseBounds(ctx: Ctx, i: number): [number, number] {
  const t = ctx.t;
  const cl = (t[i] as Tok).cl;
  let a = i;
  while (a > 0 && (t[a - 1] as Tok).cl === cl) a--;
  let b = i + 1;
  while (b < t.length && (t[b] as Tok).cl === cl) b++;
  return [a, b];
}

const GROUP_WORDS = set(w(`jullie hen mensen kinderen leerlingen jongens meisjes meiden ouders vrouwen mannen
  allemaal alle iedereen groep klas personen types`));
function groupInClause(ctx: Ctx, i0: number, i1: number): boolean {
  const [a] = clauseBounds(ctx, i0);
  const [, b] = clauseBounds(ctx, Math.max(i0, i1 - 1));
  for (let k = a; k < b; k++) {
    const x = ctx.t[k] as Tok;
    if (x.hum === 4 || GROUP_WORDS.has(x.w)) return true;
    // "Restaurantkoks zijn uitschot": a plural subject.
    if (k === a + 1 && (x.w === 'zijn' || x.w === 'waren') && (ctx.t[a] as Tok).hum !== 2) return true;
  }
  return false;
}

function secondInClause(ctx: Ctx, i0: number, i1: number): boolean {
  const [a] = clauseBounds(ctx, i0);
  const [, b] = clauseBounds(ctx, Math.max(i0, i1 - 1));
  for (let k = a; k < b; k++) if ((ctx.t[k] as Tok).hum === 1) return true;
  return false;
}

function addHit(ctx: Ctx, cat: AbuseCategory, i0: number, i1: number, crim: boolean, force = false): void {
  const t = ctx.t;
  if (!force) for (let k = i0; k < i1; k++) if (ctx.used[k]) return;
  for (let k = i0; k < i1; k++) ctx.used[k] = 1;
  const first = t[i0] as Tok;
  const last = t[i1 - 1] as Tok;
  const sa = t[ctx.sentStart[first.sent] as number] as Tok;
  const sb = t[(ctx.sentEnd[last.sent] as number) - 1] as Tok;
  let sEnd = sb.e;
  while (sEnd < ctx.text.length && '.!?\u2026"\u201d\''.includes(ctx.text[sEnd] as string)) sEnd++;
  ctx.hits.push({
    category: cat, start: first.s, end: last.e, criminal: crim,
    secondPerson: secondInClause(ctx, i0, i1), sentence: [sa.s, sEnd], group: groupInClause(ctx, i0, i1),
  });
}

/** A negation word governs the span: before it in its clause (and the clause's "dat"-complement), or "niet" closing the clause. */
function negated(ctx: Ctx, i0: number, i1: number, ignore = -1): boolean {
  const t = ctx.t;
  const [a, b] = clauseBounds(ctx, i0);
  for (let k = i0 - 1; k >= a; k--) {
    if (k === ignore) continue;
    const x = t[k] as Tok;
    if (x.f & F.NEG && x.w !== 'niets' && x.w !== 'nergens') {
      // "niet alleen", "niet minder" do not negate the cue.
      const nx = t[k + 1] as Tok;
      if (NEG_SKIP_NEXT.has(nx.w)) continue;
      return true;
    }
  }
  // "ik haat vrouwen niet", "dat is niet een idioot" handled above; trailing "niet" closes clause.
  const [, cb] = clauseBounds(ctx, i1 - 1);
  for (let k = i1; k < Math.min(cb, i1 + 4); k++) {
    const x = t[k] as Tok;
    if (x.w === 'niet' && (k + 1 >= cb || (t[k + 1] as Tok).w === 'meer' || (t[k + 1] as Tok).w === 'hoor')) return true;
  }
  void b;
  return false;
}

/** Quoting or naming the abuse in order to condemn it, or reporting what someone else said. */
function mentioned(ctx: Ctx, i0: number): boolean {
  const t = ctx.t;
  const s = (t[i0] as Tok).sent;
  const a = ctx.sentStart[s] as number;
  const b = ctx.sentEnd[s] as number;
  let mention = false;
  let condemn = false;
  let reported = false;
  let endorse = false;
  for (let k = a; k < b; k++) {
    const x = t[k] as Tok;
    if (x.f & F.MENTION && !(x.q && (t[i0] as Tok).q)) mention = true;
    if (x.f & F.CONDEMN && !x.q) condemn = true;
    if (REPORTED.has(x.w) && k < i0 + 6) reported = true;
    if (x.w === 'mis' && k > a && (t[k - 1] as Tok).w === 'er') endorse = true;
    if (x.w === 'verkeerd' && k > a && (t[k - 1] as Tok).w === 'het') endorse = true;
  }
  if (endorse) return false;
  if ((t[i0] as Tok).q) return mention || condemn || reported || quotedWordOnly(ctx, i0);
  if (reported) return true;
  return mention && condemn;
}
function quotedWordOnly(ctx: Ctx, i0: number): boolean {
  // 'kankerhoer' alone between quotes: the word is mentioned, not used.
  const t = ctx.t;
  const prev = t[i0 - 1];
  const next = t[i0 + 1];
  return (!prev || !prev.q || prev.sent !== (t[i0] as Tok).sent) && (!next || !next.q);
}

/** Nearest person reference in the clause: before the cue first, then after. */
function nearestHuman(ctx: Ctx, i0: number, i1: number): number {
  const t = ctx.t;
  const [a, b] = clauseBounds(ctx, i0);
  for (let k = i0 - 1; k >= a; k--) if ((t[k] as Tok).hum) return k;
  for (let k = i1; k < b; k++) if ((t[k] as Tok).hum) return k;
  return -1;
}

function sentenceHas(ctx: Ctx, i: number, setOf: ReadonlySet<string>): boolean {
  const s = (ctx.t[i] as Tok).sent;
  const a = ctx.sentStart[s] as number;
  const b = ctx.sentEnd[s] as number;
  for (let k = a; k < b; k++) if (setOf.has((ctx.t[k] as Tok).w)) return true;
  return false;
}

// --- phrase patterns ---------------------------------------------------------------------------

function clsOk(k: Tok, c: Cls): boolean {
  switch (c) {
    case 'o': return HUMAN_OBJ.has(k.w) || (k.hum !== 0 && k.hum !== 2);
    case '2': return k.hum === 1;
    case 'h': return k.hum === 1 || k.hum === 3 || k.hum === 4 || k.hum === 5 || k.hum === 6;
    case 'adj': return (k.f & F.IADJ) !== 0;
    case 'n': return /^\d/.test(k.raw);
    // A human subject, or people called animals or vermin ('die apen moeten terug ...').
    case 'x': return clsOk(k, 'h') || (k.f & (F.AMB | F.DEHUM | F.DEHUM_S)) !== 0 || k.w === 'ze' || k.w === 'zij' || k.w === 'die' || k.w === 'deze';
  }
}

function matchFrom(t: Tok[], steps: Step[], si: number, ti: number, end: number): number {
  if (si === steps.length) return ti;
  const st = steps[si] as Step;
  if (st.k === 'gap') {
    for (let g = 0; g <= st.n && ti + g <= end; g++) {
      const r = matchFrom(t, steps, si + 1, ti + g, end);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (ti < end) {
    const k = t[ti] as Tok;
    let ok: boolean;
    if (st.k === 'lit') ok = st.s.has(k.w) || st.pre.some((p) => k.w.startsWith(p));
    else ok = clsOk(k, st.c);
    if (ok) {
      const r = matchFrom(t, steps, si + 1, ti + 1, end);
      if (r >= 0) return r;
    }
  }
  if (st.opt) return matchFrom(t, steps, si + 1, ti, end);
  return -1;
}

function tryPattern(ctx: Ctx, p: Pattern, i: number, a: number, b: number): number {
  const t = ctx.t;
  if (p.start) {
    const [ca] = clauseBounds(ctx, i);
    for (let k = ca; k < i; k++) if (!VOCATIVE.has((t[k] as Tok).w)) return -1;
  }
  const end = matchFrom(t, p.steps, 0, i, b);
  if (end < 0) return -1;
  if (p.end) {
    const [, cb] = clauseBounds(ctx, end - 1);
    if (end < cb && !END_OK.has((t[end] as Tok).w)) return -1;
  }
  void a;
  return end;
}

let stampSerial = 0;
function runPatterns(ctx: Ctx, a: number, b: number): void {
  const t = ctx.t;
  // Mark the patterns whose last mandatory word occurs in this sentence.
  const serial = ++stampSerial;
  if (serial > 0x3fffffff) { stampSerial = 0; NEED_STAMP.fill(-1); }
  for (let k = a; k < b; k++) {
    const ids = NEED_MAP.get((t[k] as Tok).w);
    if (ids) for (const id of ids) NEED_STAMP[id] = serial;
  }
  const ok = (p: Pattern): boolean => p.need.length === 0 || NEED_STAMP[p.id] === serial;
  for (let i = a; i < b; i++) {
    const k = t[i] as Tok;
    const list = PAT_INDEX.get(k.w);
    const list2 = i > a ? PAT_INDEX2.get(k.w) : undefined;
    if (!list && !list2) continue;
    if (list) for (const p of list) {
      if (!ok(p)) continue;
      const end = tryPattern(ctx, p, i, a, b);
      if (end > i && acceptPattern(ctx, p, i, end)) addHit(ctx, patternCat(ctx, p, i), i, end, p.crim);
    }
    if (list2) for (const p of list2) {
      if (!ok(p)) continue;
      // Class-first pattern: the class step is the token before the literal (allow a small gap).
      for (let back = 1; back <= 2 && i - back >= a; back++) {
        const s0 = i - back;
        const end = tryPattern(ctx, p, s0, a, b);
        if (end > i && acceptPattern(ctx, p, s0, end)) { addHit(ctx, patternCat(ctx, p, s0), s0, end, p.crim); break; }
      }
    }
  }
}

function acceptPattern(ctx: Ctx, p: Pattern, i0: number, i1: number): boolean {
  if (mentioned(ctx, i0)) return false;
  // Patterns that contain their own negation (niemand, niet welkom, er niet bij) are not negated again.
  let hasNeg = false;
  for (let k = i0; k < i1; k++) if ((ctx.t[k] as Tok).f & F.NEG) hasNeg = true;
  if (!hasNeg && negated(ctx, i0, i1)) return false;
  if (p.opts & I && (hasNeg || !intent(ctx, i0) || (i0 > 0 && ((ctx.t[i0 - 1] as Tok).hum === 2)))) return false; // not "mijn nek"
  // "de apen moeten terug naar hun kooi in de dierentuin": animals, not people.
  if (p.cat === 'exclusion' && (ctx.t[i0] as Tok).hum === 0 && sentenceHas(ctx, i0, ANIMAL_CTX)) return false;
  // A veiled threat in a friendly or practical sentence ("ik weet waar je woont, ik breng een
  // cadeautje", "ik kom je om 8 uur halen") is none.
  if (p.opts & V && friendly(ctx, i0)) return false;
  if (p.cat === 'exclusion' && sentenceHas(ctx, i0, SYMPATHY)) return false;
  if (p.cat === 'death_wish' && (ctx.t[i0] as Tok).w === 'dood') {
    // "dood aan de muggen": needs a person or an unknown (group) noun after it.
    const t = ctx.t;
    for (let k = i1; k < Math.min(i1 + 4, ctx.sentEnd[(t[i0] as Tok).sent] as number); k++) {
      const x = t[k] as Tok;
      if (x.hum && x.hum !== 2) return true;
      if (!(x.f & F.FUNC) && x.f === 0) return !sentenceHas(ctx, i0, ANIMAL_CTX);
    }
    return false;
  }
  return true;
}

/** The category of a pattern hit: see the options M and the '@x' class. */
function patternCat(ctx: Ctx, p: Pattern, i0: number): AbuseCategory {
  if (p.opts & M) {
    for (const k of ctx.t) if (SEXUAL_MEDIA.has(k.w) || SEXUAL_MEDIA.has(k.base)) return 'sextortion';
    return 'threat';
  }
  // "die apen moeten terug naar hun land": people called animals, told to leave.
  const first = ctx.t[i0] as Tok;
  if (p.cat === 'exclusion' && first.hum === 0 && first.f & (F.AMB | F.DEHUM | F.DEHUM_S)) return 'dehumanising';
  // "ik wou dat ze allemaal de keel doorgesneden kregen": a wish, not the writer's own act.
  if (p.opts & I && wishBefore(ctx, i0, clauseBounds(ctx, i0)[0])) return 'death_wish';
  return p.cat;
}
const SEXUAL_MEDIA = set(L.SEXUAL_MEDIA);
/** Words that make a "go back to your country" sentence news or sympathy, not exclusion. */
const SYMPATHY = set(w(`helaas jammer verdrietig missen gemist afscheid uitgezet uitzetting oorlog vluchten gevlucht terugkeer
  gym gymles zwemles ziek blessure gebroken dokter arts enkel pols`));
const FRIENDLY = set(w(`cadeau cadeautje cadeautjes verrassing taart koffie thee bloemen bedankt dank gezellig feest
  feestje jarig verjaardag brengen breng ophalen lief liefs groetjes kaartje kaart logeren koekjes uur
  schoolreis schoolreisje speelafspraak`));
function friendly(ctx: Ctx, i: number): boolean {
  const s = (ctx.t[i] as Tok).sent;
  for (let k = ctx.sentStart[s] as number; k < (ctx.sentEnd[s] as number); k++) {
    const x = ctx.t[k] as Tok;
    if (FRIENDLY.has(x.w)) return true;
    const c = x.raw.charCodeAt(0);
    if (c >= 48 && c <= 57) return true; // a time or a number: an appointment
  }
  return false;
}
/** The writer, a wish, a norm or someone acts: "ik", "we", "moet", "zou", "hoop", "iemand". */
function intent(ctx: Ctx, i: number): boolean {
  const s = (ctx.t[i] as Tok).sent;
  for (let k = ctx.sentStart[s] as number; k < (ctx.sentEnd[s] as number); k++) {
    const x = (ctx.t[k] as Tok).w;
    if (x === 'ik' || x === 'we' || x === 'wij' || x === 'iemand' || x === 'men' || MODAL.has(x) || WISH.has(x)) return true;
  }
  return false;
}

// --- violence ------------------------------------------------------------------------------------

function violence(ctx: Ctx, a: number, b: number): void {
  const t = ctx.t;
  for (let i = a; i < b; i++) {
    const k = t[i] as Tok;
    if (!(k.f & (F.VIOL | F.VIOL_W)) || ctx.used[i]) continue;
    const weak = (k.f & F.VIOL_W) !== 0;
    if (k.f & F.FUZZY && !weakOk(ctx, i, F.IDENT)) continue;
    if (sentenceHas(ctx, i, HISTORY)) continue;
    if ((t[i - 1] as Tok | undefined)?.w === 'tijd') continue; // "de tijd doden"
    // Target: a person in the clause, not the writer; groups anywhere in the sentence.
    let target = -1;
    let first = false;
    let modal = false;
    let pastAux = false;
    let wish = false;
    const [ca, cb] = clauseBounds(ctx, i);
    for (let j = a; j < b; j++) {
      const x = t[j] as Tok;
      const inClause = j >= ca && j < cb;
      if (x.hum === 2 && (x.w === 'ik' || x.w === 'we' || x.w === 'wij' || (x.w === 'mijn' && (t[j + 1] as Tok | undefined)?.w === 'handen'))) first = true;
      if (inClause && j !== i) {
        if (MODAL.has(x.w) || (x.w === 'om' && j < i)) modal = true;
        if (WISH.has(x.w)) wish = true;
        if (PAST_AUX.has(x.w) && j < i) pastAux = true;
      } else if (j < i && WISH.has(x.w)) wish = true;
      if (x.hum && x.hum !== 2 && j !== i && x.w !== 'iemand') {
        const objOk = x.hum !== 1 || x.w !== 'je' || hasSubjectBefore(ctx, j, ca) || (t[j + 1] as Tok | undefined)?.w === 'zult';
        if ((inClause || x.hum === 4 || (x.w !== 'je' && x.hum === 1)) && objOk) {
          if (target < 0 || Math.abs(j - i) < Math.abs(target - i)) target = j;
        }
      }
    }
    // "dood" is also an adjective ("mijn opa is dood"): only in wishes and norms.
    if (k.w === 'dood' && !(wish || (t[i - 1] as Tok | undefined)?.w === 'allemaal')) continue;
    if (target < 0) {
      if (weak) continue;
      // Strong verbs also with an unknown object noun ("ik wil alle overheidswerkers doden").
      let unknown = false;
      for (let j = ca; j < cb; j++) {
        const x = t[j] as Tok;
        if (j !== i && x.f === 0 && x.w.length > 3) unknown = true;
      }
      if (!unknown || !(first || modal)) continue;
      if (sentenceHas(ctx, i, ANIMAL_CTX)) continue;
    }
    if (target >= 0 && (t[target] as Tok).hum === 2) continue;
    if (!(first || modal || wish)) continue;
    if (pastAux && !wish && !modal) continue;
    if (negated(ctx, i, i + 1)) continue;
    if (mentioned(ctx, i)) continue;
    const i0 = target >= 0 ? Math.min(target, i) : i;
    const i1 = target >= 0 ? Math.max(target, i) + 1 : i + 1;
    // "ik hoop dat je doodgaat" is a death wish; "ik ga je neerschieten" a threat.
    const wishFirst = wishBefore(ctx, i, ca);
    const cat: AbuseCategory = first && !wishFirst ? 'threat' : 'death_wish';
    addHit(ctx, cat, i0, i1, cat === 'threat' || !DEATH_ONLY.has(k.base));
  }
}

const DEATH_ONLY = set(w(`dood sterven sterf sterft doodgaan doodgaat doodgaan crepeert creperen crepeer
  verrekken verrekt doodvallen doodvalt verongelukt verongelukken lijden`));
function wishBefore(ctx: Ctx, i: number, ca: number): boolean {
  const s = (ctx.t[i] as Tok).sent;
  for (let k = i - 1; k >= (ctx.sentStart[s] as number) && k >= ca - 8; k--) {
    const x = (ctx.t[k] as Tok).w;
    if (x === 'hoop' || x === 'hopen' || x === 'hoopt' || x === 'wens' || x === 'wenst' || x === 'wou' || x === 'wilde' || x === 'moge' || x === 'verdien' || x === 'verdient' || x === 'verdienen') return true;
  }
  return false;
}

function hasSubjectBefore(ctx: Ctx, j: number, ca: number): boolean {
  for (let k = j - 1; k >= ca; k--) {
    const x = ctx.t[k] as Tok;
    if (x.hum === 2 || x.hum === 3 || x.hum === 5 || x.hum === 6 || x.w === 'iemand' || x.w === 'we') return true;
    if (x.w === 'ga' || x.w === 'zal' || x.w === 'kom' || x.w === 'wil') return true;
  }
  return false;
}

/** A fuzzy cue counts only next to an exact cue of a complementary kind in the sentence. */
function weakOk(ctx: Ctx, i: number, need: number): boolean {
  const s = (ctx.t[i] as Tok).sent;
  const a = ctx.sentStart[s] as number;
  const b = ctx.sentEnd[s] as number;
  for (let k = a; k < b; k++) {
    if (k === i) continue;
    const x = ctx.t[k] as Tok;
    if ((x.f & need || (need & F.IDENT && x.hum === 4)) && !(x.f & F.FUZZY)) return true;
    if (need & F.IDENT && x.hum === 1) return true;
  }
  return false;
}

// --- defamation ----------------------------------------------------------------------------------

function defamation(ctx: Ctx, a: number, b: number): void {
  const t = ctx.t;
  if (sentenceHas(ctx, a, HISTORY)) return;
  for (let i = a; i < b; i++) {
    const k = t[i] as Tok;
    if (ctx.used[i] || k.f & F.FUZZY) continue;
    if (k.f & F.CRIME_N) {
      // "<person> is/was/bent een (vuile) dief", "die pedo", "jij pedo".
      let subj = -1;
      let cop = false;
      const [ca] = clauseBounds(ctx, i);
      for (let j = i - 1; j >= ca && j >= i - 6; j--) {
        const x = t[j] as Tok;
        if (COPULA.has(x.w)) cop = true;
        if (x.hum && x.hum !== 4) { subj = j; break; }
        if (j === ca && x.cap && !(x.f & F.FUNC)) { subj = j; break; }
      }
      const prev = t[i - 1] as Tok | undefined;
      const direct = k.f & F.CRIME_NS && prev && (prev.w === 'die' || prev.w === 'vuile' || prev.w === 'smerige' || prev.w === 'gore' || prev.hum === 1 || prev.w === 'jij');
      if (!((subj >= 0 && cop && (t[subj] as Tok).hum !== 2) || direct)) continue;
      if (negated(ctx, i, i + 1) || mentioned(ctx, i)) continue;
      addHit(ctx, 'defamation', subj >= 0 ? subj : i - 1, i + 1, true);
    } else if (k.f & (F.CRIME_V | F.CRIME_P)) {
      // "<person> steelt", "<person> heeft ... mishandeld" (not "is mishandeld": victim).
      const [ca] = clauseBounds(ctx, i);
      let subj = -1;
      let aux = '';
      for (let j = i - 1; j >= ca && j >= i - 8; j--) {
        const x = t[j] as Tok;
        if (x.w === 'heeft' || x.w === 'hebben' || x.w === 'had' || x.w === 'hadden' || x.w === 'hebt' || x.w === 'heb') aux = 'h';
        if (x.w === 'is' || x.w === 'werd' || x.w === 'wordt' || x.w === 'zijn' || x.w === 'ben' || x.w === 'werden') aux = aux || 'z';
        if (x.hum === 1 || x.hum === 3 || x.hum === 5 || x.hum === 6 || (j === ca && x.cap && !(x.f & F.FUNC))) { subj = j; }
        if (x.hum === 2) { subj = -2; break; }
      }
      if (subj === -2 || subj < 0) continue;
      if ((t[subj] as Tok).w === 'iemand') continue;
      if (k.f & F.CRIME_P && aux !== 'h') continue;
      if (k.f & F.CRIME_V && !(k.f & F.CRIME_P) && i - subj > 3) continue;
      if (negated(ctx, i, i + 1) || mentioned(ctx, i)) continue;
      addHit(ctx, 'defamation', subj, i + 1, true);
    }
  }
}

// --- negative statements about groups and people -----------------------------------------------

/** Anger that is only hateful about a whole group ("X maken me boos"), not about one person. */
const GROUP_ONLY_EMOTION = set(w(`boos woedend kwaad razend`));
function groupPredicates(ctx: Ctx, a: number, b: number): void {
  const t = ctx.t;
  for (let i = a; i < b; i++) {
    const k = t[i] as Tok;
    if (ctx.used[i]) continue;
    const isPred = (k.f & F.PRED) !== 0;
    const isNegPos = (k.f & F.NEGPOS) !== 0;
    if (!isPred && !isNegPos) continue;
    const kind = isPred ? L.GROUP_PRED[k.base] : undefined;
    // Target: a group anywhere in the sentence (or an earlier sentence via "ze"), a person in the
    // clause linked by a copula or as object; the nearest that qualifies.
    const [ca, cb] = clauseBounds(ctx, i);
    let target = -1;
    for (let d = 1; d < b - a && target < 0; d++) {
      for (const j of [i - d, i + d]) {
        if (j < a || j >= b || target >= 0) continue;
        const x = t[j] as Tok;
        const h = x.hum;
        if (!h || h === 2 || x.q !== k.q) continue;
        const inClause = j >= ca && j < cb;
        if (isNegPos && !isPred && (!inClause || (h !== 4 && h !== 1))) continue;
        if (k.f & F.FUZZY && (x.f & F.FUZZY || !(h === 4 || h === 1))) continue;
        if (h === 4) { target = j; break; }
        if (!inClause || (h === 5 && kind === 'e')) continue;
        if (!linked(ctx, j, i, kind)) continue;
        target = j;
      }
    }
    if (target < 0) continue;
    const tt = t[target] as Tok;
    if (tt.hum !== 4 && kind !== 'e') {
      // Self-directed: "mijn moeder vindt me een schoft", "ik ben een sukkel".
      const nh = nearestHuman(ctx, i, i + 1);
      if (nh >= 0 && (t[nh] as Tok).hum === 2) continue;
    }
    if (isNegPos && !isPred) {
      // "X zijn geen mensen", "verdienen het niet om te leven", "niets waard".
      let neg = -1;
      for (let j = i - 1; j >= ca && j >= i - 5; j--) if ((t[j] as Tok).f & F.NEG) { neg = j; break; }
      if (neg < 0) continue;
      if ((t[i - 1] as Tok).w === 'minder' || (t[neg + 1] as Tok).w === 'minder') continue;
      if (tt.hum !== 4 && tt.hum !== 1) continue;
      if (mentioned(ctx, i)) continue;
      addHit(ctx, 'dehumanising', Math.min(neg, target), Math.max(i, target) + 1, false);
      continue;
    }
    if (kind === undefined) continue;
    // Predicates that carry their own negation: "kan ... niet uitstaan", "horen niet thuis".
    let own = -1;
    if (k.base === 'uitstaan' || k.base === 'thuis') {
      for (let j = i - 1; j >= ca && j >= i - 3; j--) if ((t[j] as Tok).w === 'niet') own = j;
      if (own < 0) continue;
    }
    if (kind === 'x' && k.base !== 'thuis') {
      // "oprotten" only as a demand ("moeten oprotten"), not "het werd tijd om op te rotten".
      let m = false;
      for (let j = ca; j < cb; j++) if (MODAL.has((t[j] as Tok).w)) m = true;
      if (!m || tt.hum === 2) continue;
    }
    if (kind === 'e') {
      // The writer's emotion about a person/group: not "je minachting", not "hij was pissig".
      if (k.w === 'minachting' || k.w === 'haat' || k.w === 'woede' || k.w === 'afkeer' || k.w === 'hekel') {
        const p1 = i - 1 >= ca ? (t[i - 1] as Tok).w : '';
        const p2 = i - 2 >= ca ? (t[i - 2] as Tok).w : '';
        if (POSSESSIVE.has(p1) || POSSESSIVE.has(p2)) continue;
      }
      if (tt.hum === 3 && (tt.w === 'hij' || tt.w === 'zij' || tt.w === 'ze') && target < i) continue;
      if ((k.w === 'ziek' || k.w === 'misselijk' || GROUP_ONLY_EMOTION.has(k.w)) && tt.hum !== 4) continue;
    }
    if (kind === 'a' && GENERIC_PEOPLE.has(tt.w) && unknownPluralSubject(ctx, i)) continue; // see insultAdj
    if (kind === 'a' && k.f & F.IADJ) {
      const nx = t[i + 1] as Tok | undefined;
      if (nx && nx.sent === k.sent && nx.f & F.POSA) continue; // "gestoord goed"
    }
    if (negated(ctx, i, i + 1, own)) continue;
    if (mentioned(ctx, i)) continue;
    // "vieze jood": an insulting adjective right before a protected group is a slur.
    const cat: AbuseCategory = kind === 'd' ? 'dehumanising' : kind === 'x' ? 'exclusion' : target === i + 1 && tt.hum === 4 ? 'slur' : 'insult';
    addHit(ctx, cat, Math.min(target, i), Math.max(target, i) + 1, false);
  }
}

/** Is the person at `p` the subject (via a copula) or the object of the predicate at `i`? */
function linked(ctx: Ctx, p: number, i: number, kind?: string): boolean {
  const t = ctx.t;
  const lo = Math.min(p, i);
  const hi = Math.max(p, i);
  if (hi - lo > 7) return false;
  // A dehumanising noun names the person only through a copula or a comparison: "jij bent een
  // rat", "net als ratten"; not "ze houdt van varkens", "de apen in Artis".
  const dehum = kind === 'd';
  for (let k = Math.max(lo - 2, 0); k < hi; k++) {
    if (k === lo) continue;
    const x = t[k] as Tok;
    if (k < lo && x.cl !== (t[lo] as Tok).cl) continue;
    if (k < lo && !COPULA.has(x.w)) continue;
    if (COPULA.has(x.w) || x.w === 'vind' || x.w === 'vindt' || x.w === 'vinden' || x.w === 'noem' || x.w === 'zo' || x.w === 'als' || x.w === 'zoals') return true;
    if (!dehum && (x.w === 'voor' || x.w === 'van' || x.w === 'aan')) return true;
  }
  // Direct: "ik haat jou", "jij sukkel".
  return hi - lo <= (dehum ? 1 : 2);
}

// --- insults, slurs, curses ------------------------------------------------------------------

function words(ctx: Ctx, a: number, b: number): void {
  const t = ctx.t;
  for (let i = a; i < b; i++) {
    const k = t[i] as Tok;
    if (ctx.used[i]) continue;
    const f = k.f;
    if (f & F.SCHOOL) { schoolTerm(ctx, i); continue; }
    if (f & F.FUZZY) {
      // A misspelt insult or slur ("idooit", "sukel") only in an unmistakable frame: "je bent een
      // idooit", "jij sukel", "wat een idoit!".
      if (f & (F.INS | F.SLUR) && !(f & F.AMB) && personContext(ctx, i)) strongWord(ctx, i);
      continue;
    }
    if (f & F.DIS && !(f & (F.INS | F.SLUR))) { disease(ctx, i); continue; }
    if (f & (F.INS | F.SLUR | F.CURSE_C | F.DEHUM_S)) { strongWord(ctx, i); continue; }
    if (f & F.AMB) { ambiguousWord(ctx, i); continue; }
    if (f & F.IADJ) { insultAdj(ctx, i); continue; }
  }
}

function catOf(f: number): AbuseCategory {
  if (f & F.SLUR) return 'slur';
  if (f & F.INS) return 'insult';
  if (f & F.DEHUM_S) return 'dehumanising';
  return 'curse';
}

function strongWord(ctx: Ctx, i: number): void {
  const t = ctx.t;
  const k = t[i] as Tok;
  // Adjective use on a thing: "een idioot idee", "debiele opdracht".
  if (k.f & F.IADJ || k.w === 'idioot' || k.w === 'debiel') {
    const nx = t[i + 1] as Tok | undefined;
    if (nx && nx.sent === k.sent && nx.cl === k.cl && (THING_AFTER_ADJ_OK.has(nx.w) || nx.f & F.POSA)) return;
    if (nx && nx.sent === k.sent && nx.cl === k.cl && nx.f === 0 && !nx.cap && nx.hum === 0 && !(k.f & F.SLUR) && (t[i - 1] as Tok | undefined)?.w !== 'jij') return;
  }
  // Homonyms.
  if ((k.w === 'mongolen' || k.w === 'mongool') && sentenceHas(ctx, i, HISTORY_MONGOL)) return;
  if ((k.w === 'teef' || k.w === 'teven') && sentenceHas(ctx, i, ANIMAL_CTX)) return;
  if ((k.w === 'eikel' || k.w === 'eikels') && sentenceHas(ctx, i, NATURE_EIKEL)) return;
  if (k.w === 'del' && !(personContext(ctx, i))) return;
  if (k.f & F.DEHUM_S && !(k.f & (F.INS | F.SLUR))) {
    // "tuig" etc. need a person: "jullie zijn tuig", "dat tuig van de richel".
    if (!ALWAYS_PEOPLE.has(k.w) && !personContext(ctx, i) && nearestHuman(ctx, i, i + 1) < 0) return;
  }
  if (negatedWord(ctx, i)) return;
  if (mentioned(ctx, i)) return;
  // Self-directed ("ik ben een sukkel"), not "die kankerklas van ons".
  const h = nearestHuman(ctx, i, i + 1);
  const ownedAfter = h > i && (t[h] as Tok).w === 'ons' && (t[h - 1] as Tok).w === 'van';
  if (h >= 0 && (t[h] as Tok).hum === 2 && !ownedAfter && !(k.f & F.CURSE_C && !(k.f & (F.INS | F.SLUR)))) return;
  if (k.f & F.CURSE_C && !(k.f & (F.INS | F.SLUR))) {
    // Curse compound on a thing ("kankerweer"): still a curse, unless factual/medical.
    if (sentenceHas(ctx, i, DISEASE_FACT)) return;
  }
  addHit(ctx, catOf(k.f), i, i + 1, false);
}
const ALWAYS_PEOPLE = set(w(`tuig uitschot gespuis schorem ondermensen untermensch`));
const HISTORY_MONGOL = set(w(`dzjengis djengis genghis khan rijk mongolie steppe veroverden veroverd ruiters eeuw geschiedenis middeleeuwen china`));
const NATURE_EIKEL = set(w(`eik eiken boom bomen herfst eekhoorn eekhoorns bos verzamelen verzameld zaad kastanjes noten blaadjes natuur`));

function negatedWord(ctx: Ctx, i: number): boolean {
  // "je bent geen idioot", "ik vind niet dat hij een idioot is"; not "niets" ("niets dan een hoer").
  return negated(ctx, i, i + 1);
}

/** "jij X", "vuile X", "je bent een X", "wat een X!", "nog zo'n X". */
function personContext(ctx: Ctx, i: number): boolean {
  const t = ctx.t;
  const k = t[i] as Tok;
  const [ca, cb] = clauseBounds(ctx, i);
  for (let j = i - 1; j >= ca && j >= i - 4; j--) {
    const x = t[j] as Tok;
    if (x.hum === 1 || x.hum === 3 || x.hum === 6) {
      for (let m = Math.max(j - 2, ca); m < i; m++) if (COPULA.has((t[m] as Tok).w) || (t[m] as Tok).w === 'noemt' || (t[m] as Tok).w === 'noem') return true;
      if (j === i - 1 && x.hum === 1) return true; // "jij aap"
    }
    if (x.w === 'vuile' || x.w === 'vieze' || x.w === 'smerige' || x.w === 'gore' || x.w === 'stomme' || x.w === 'domme' || x.w === 'lelijke' || x.w === 'vette' || x.w === 'achterlijke' || x.w === 'kanker' || x.w === 'kut') {
      if (j === i - 1) return true;
    }
  }
  if ((t[i - 1] as Tok | undefined)?.w === 'een' && (t[i - 2] as Tok | undefined)?.w === 'voor' && sentenceHas(ctx, i, TYPISCH)) return true;
  // "wat een aap!", "nog zo'n pot." at the end of the clause.
  const p1 = t[i - 1] as Tok | undefined;
  const p2 = t[i - 2] as Tok | undefined;
  const atEnd = i + 1 >= cb;
  const n0 = t[i + 1] as Tok | undefined;
  // ... or followed by "ben jij", "is hij": "wat een aap ben jij".
  const asked = !atEnd && n0 !== undefined && COPULA.has(n0.w) && (t[i + 2] as Tok | undefined)?.hum === 1;
  if ((atEnd || asked) && p1 && p2 && p1.cl === k.cl && p2.cl === k.cl && ((p2.w === 'wat' && p1.w === 'een') || (p2.w === 'nog' && p1.w === 'zon'))) return true;
  // Group uses of slurs: "de potten zijn weer bezig", "te veel potten in dit land".
  const n1 = t[i + 1] as Tok | undefined;
  const n2 = t[i + 2] as Tok | undefined;
  if (n1 && n2 && n1.sent === k.sent && ((n1.w === 'in' && (n2.w === 'dit' || n2.w === 'ons')) || (n1.w === 'zijn' && (n2.w === 'weer' || n2.w === 'altijd')))) return true;
  return false;
}

/** Words before an emoji that make it name a person: "jij 🐀", "een 🐷", "vuile 🐒". */
const EMOJI_FRAME = set(w(`een jij je zon vuile vieze dikke stomme lelijke gore smerige vette domme`));
function ambiguousWord(ctx: Ctx, i: number): void {
  const t = ctx.t;
  const c0 = ctx.text.charCodeAt((t[i] as Tok).s);
  if (c0 >= 0xd800 && c0 <= 0xdbff) {
    // An emoji counts only right after such a word, in the same clause: emoji at the end of a
    // sentence are mostly decoration ("Juf is jarig 🎂🐷").
    const p = t[i - 1] as Tok | undefined;
    if (!p || p.cl !== (t[i] as Tok).cl || !EMOJI_FRAME.has(p.w)) return;
  }
  if (sentenceHas(ctx, i, ANIMAL_CTX) || sentenceHas(ctx, i, HISTORY)) return;
  if (!personContext(ctx, i)) return;
  if (negatedWord(ctx, i) || mentioned(ctx, i)) return;
  const h = nearestHuman(ctx, i, i + 1);
  if (h >= 0 && (t[h] as Tok).hum === 2) return;
  const k = t[i] as Tok;
  const slurry = k.w === 'pot' || k.w === 'potten' || k.w === 'homo' || k.w === 'homos' || k.w === 'mietje' || k.w === 'jood' || k.w === 'joden' || k.w === 'zigeuner' || k.w === 'lesbo' || k.w === 'mof' || k.w === 'nicht' || k.w === 'autist';
  addHit(ctx, slurry ? 'slur' : DEHUM_AMB.has(k.w) ? 'dehumanising' : 'insult', i, i + 1, false);
}
const TYPISCH = set(w(`typisch typerend kenmerkend`));
const DEHUM_AMB = set(w(`rat ratten kakkerlak`));

const GENERIC_PEOPLE = set(w(`mensen personen types figuren wezens`));
/** The clause starts with an unknown plural noun and a copula: "Brandweerlieden zijn ...". */
function unknownPluralSubject(ctx: Ctx, i: number): boolean {
  const t = ctx.t;
  const [ca] = clauseBounds(ctx, i);
  let j = ca;
  while (j < i && (t[j] as Tok).f & F.FUNC && !COPULA.has((t[j] as Tok).w)) j++;
  const subj = t[j] as Tok;
  const cop = t[j + 1] as Tok | undefined;
  if (j >= i || subj.f !== 0 || subj.hum !== 0 || !cop || (cop.w !== 'zijn' && cop.w !== 'waren')) return false;
  return subj.w.endsWith('en') || subj.w.endsWith('s');
}

function insultAdj(ctx: Ctx, i: number): void {
  const t = ctx.t;
  const k = t[i] as Tok;
  const nx = t[i + 1] as Tok | undefined;
  const sameCl = (x: Tok | undefined): x is Tok => !!x && x.cl === k.cl && x.sent === k.sent;
  if (sameCl(nx) && nx.f & F.POSA) return; // "ziek goed"
  // Attributive: "domme meid", "jij stomme trut" (person noun/insult), not "stomme printer".
  if (sameCl(nx) && nx.f === 0 && nx.hum === 0) return;
  if (sameCl(nx) && (nx.hum === 5 || nx.hum === 4)) {
    // "Brandweerlieden zijn de domste mensen": a negative generalisation about a profession or
    // another group that is not a person and not protected is an opinion, not abuse.
    if (nx.hum === 5 && GENERIC_PEOPLE.has(nx.w) && unknownPluralSubject(ctx, i)) return;
    if (negatedWord(ctx, i) || mentioned(ctx, i)) return;
    addHit(ctx, nx.hum === 4 ? 'slur' : 'insult', i, i + 2, false);
    return;
  }
  // Predicative: "je bent dom", "wat ben jij lelijk", "hij is zo dom", "Lotte uit groep 3 is
  // echt een dom wicht" (an unknown noun after the adjective, at the end of the clause).
  const [ca, cb] = clauseBounds(ctx, i);
  if (sameCl(nx) && nx.f === 0 && nx.hum === 0 && !predicateNoun(ctx, i, cb)) return;
  let target = -1;
  let cop = -1;
  let vind = false;
  for (let j = ca; j < cb; j++) {
    const x = t[j] as Tok;
    if (COPULA.has(x.w)) { if (cop < 0) cop = j; } else if (x.w === 'vind' || x.w === 'vindt' || x.w === 'vinden' || x.w === 'noem' || x.w === 'noemt') vind = true;
    if (j !== i && x.hum && x.hum !== 4 && x.hum !== 2 && (target < 0 || Math.abs(j - i) < Math.abs(target - i))) target = j;
    if (j !== i && x.hum === 2 && (target < 0 || Math.abs(j - i) < Math.abs(target - i))) target = j;
  }
  if (cop < 0 && !vind) return;
  if (cop >= 0 && !vind) {
    // The subject of the copula must be the person ("de kip van de buren is dik": the hen).
    const subj = copulaSubject(ctx, ca, cop, i);
    if (subj === -2) return;
    if (subj >= 0) target = subj;
  }
  if (target < 0 || (t[target] as Tok).hum === 2) return;
  if ((t[target] as Tok).w === 'iemand') return;
  if (negatedWord(ctx, i) || mentioned(ctx, i)) return;
  addHit(ctx, 'insult', Math.min(target, i), Math.max(target, i) + 1, false);
}

const SUBJ_SKIP = set(w(`de het die dat deze dit een mijn jouw je zijn haar onze ons hun uw wat zo echt
  gewoon toch nou hele heel ook wel altijd soms nog`));
/**
 * The subject of the copula at `cop` in the clause starting at `ca`: the first person word before
 * the copula, skipping determiners, adjectives and "uit groep 3" (a name after an unknown word is
 * an apposition: "mijn buurjongen Tim"). -2 when the subject is a thing ("de kip van Lotte"),
 * -1 when there is no subject before the copula ("wat ben jij lelijk").
 */
function copulaSubject(ctx: Ctx, ca: number, cop: number, i: number): number {
  const t = ctx.t;
  if (i < cop) {
    // "Dom is hij": the subject follows the copula.
    const x = t[cop + 1] as Tok | undefined;
    return x && x.hum && x.cl === (t[cop] as Tok).cl ? cop + 1 : -1;
  }
  for (let j = ca; j < cop; j++) {
    const x = t[j] as Tok;
    if (x.hum) return j;
    if (SUBJ_SKIP.has(x.w)) continue;
    if (x.f & (F.IADJ | F.FUNC) || x.cap) continue;
    // A thing, possibly owned by a person: "de kip van de buren", "het boek".
    const n = t[j + 1] as Tok | undefined;
    if (!n || j + 1 >= cop || n.w === 'van' || n.w === 'op' || n.w === 'in' || !n.hum) return -2;
  }
  // Only function words before the copula: the subject is after it ("wat ben jij lelijk").
  for (let j = cop + 1; j < i; j++) if ((t[j] as Tok).hum) return j;
  return -1;
}

/** "... is (echt) een dom wicht": article before the adjective, the noun ends the clause. */
function predicateNoun(ctx: Ctx, i: number, cb: number): boolean {
  const t = ctx.t;
  const p = t[i - 1] as Tok | undefined;
  if (!p || (p.w !== 'een' && p.w !== 'zon')) return false;
  const nx = t[i + 1] as Tok;
  if (THING_AFTER_ADJ_OK.has(nx.w)) return false;
  if (i + 2 < cb && !END_OK.has((t[i + 2] as Tok).w) && (t[i + 2] as Tok).w !== 'haha') return false;
  const ca = clauseBounds(ctx, i)[0];
  for (let j = i - 2; j >= ca && j >= i - 5; j--) if (COPULA.has((t[j] as Tok).w)) return true;
  return false;
}

// --- disease curses ------------------------------------------------------------------------------

function disease(ctx: Ctx, i: number): void {
  const t = ctx.t;
  const prev = t[i - 1] as Tok | undefined;
  const [ca, cb] = clauseBounds(ctx, i);
  let krijg = false;
  for (let j = ca; j < cb; j++) if ((t[j] as Tok).w.startsWith('krijg') || (t[j] as Tok).w === 'kreeg') krijg = true;
  // "ik hoop dat je kanker krijgt": a wish before the disease works like "krijg de kanker".
  if (((prev && (prev.w === 'de' || prev.w === 'het')) || wishBefore(ctx, i, ca)) && krijg) {
    // "krijg de kanker", "X kunnen allemaal de kanker krijgen".
    const h = nearestHuman(ctx, i, i + 1);
    const imperative = (t[ca] as Tok).w.startsWith('krijg');
    if (h < 0 && !imperative) return;
    if (h >= 0 && (t[h] as Tok).hum === 2 && wishBefore(ctx, i, ca)) {
      // "ik hoop dat je ...": the wish is the writer's, the target is after it.
      let you = -1;
      for (let j = h + 1; j < i; j++) if ((t[j] as Tok).hum && (t[j] as Tok).hum !== 2) { you = j; break; }
      if (you < 0) return;
      if (negated(ctx, i, i + 1) || mentioned(ctx, i)) return;
      addHit(ctx, 'death_wish', you, i + 1, false);
      return;
    }
    if (h >= 0 && (t[h] as Tok).hum === 2) return;
    if (negated(ctx, i, i + 1) || mentioned(ctx, i)) return;
    addHit(ctx, 'death_wish', h >= 0 ? Math.min(h, i - 1) : i - 1, h >= 0 ? Math.max(h, i) + 1 : i + 1, false);
    return;
  }
  if (sentenceHas(ctx, i, DISEASE_FACT) || sentenceHas(ctx, i, HISTORY)) return;
  if (prev && (prev.w === 'de' || prev.w === 'het' || prev.w === 'tegen' || prev.w === 'aan' || prev.w === 'over')) return;
  if (mentioned(ctx, i)) return;
  addHit(ctx, 'curse', i, i + 1, false);
}

// --- doxxing ---------------------------------------------------------------------------------------

/** An address: "woont op/aan de Dorpsstraat 12", a street name with a number, or a postcode. */
function findAddress(ctx: Ctx, a: number, b: number): number {
  const t = ctx.t;
  for (let i = a; i < b; i++) {
    const k = t[i] as Tok;
    const c0 = k.raw.charCodeAt(0);
    if (c0 < 48 || c0 > 57) continue;
    const isNum = k.raw.length <= 4 && /^\d{1,4}[a-z]?$/.test(k.raw);
    if (isNum) {
      const p = t[i - 1] as Tok | undefined;
      if (p && p.sent === k.sent && STREET_SUFFIX.some((s) => p.w.endsWith(s) && p.w.length > s.length + 1)) return i - 1;
      if (p && p.cap && p.sent === k.sent) {
        for (let j = i - 2; j >= a && j >= i - 4; j--) if ((t[j] as Tok).w === 'woont' || (t[j] as Tok).w === 'wonen' || (t[j] as Tok).w === 'woon') return i - 1;
      }
      if (/^\d{4}$/.test(k.raw)) {
        const n = t[i + 1] as Tok | undefined;
        if (n && n.raw.length === 2 && /^[a-z]{2}$/.test(n.raw) && ctx.text.slice(n.s, n.e) === ctx.text.slice(n.s, n.e).toUpperCase()) return i;
      }
    }
    if (/^\d{4}[a-z]{2}$/.test(k.raw) && ctx.text.slice(k.s + 4, k.e) === ctx.text.slice(k.s + 4, k.e).toUpperCase()) return i;
  }
  return -1;
}

const RESIDENCE = set(w(`woont wonen woon woonde adres huisadres huis thuis slaapt verblijft`));
function doxxing(ctx: Ctx, addr: number): void {
  const t = ctx.t;
  // The writer's own address ("wij wonen op ...") is no doxxing.
  const [ca] = clauseBounds(ctx, addr);
  for (let k = ca; k < addr; k++) if ((t[k] as Tok).hum === 2) return;
  // Someone's address: a word for living there or a person in its sentence, not an institution's
  // ("de school staat aan de Kerkweg 3, kom langs op de open dag").
  const s = (t[addr] as Tok).sent;
  let home = false;
  for (let k = ctx.sentStart[s] as number; k < (ctx.sentEnd[s] as number); k++) {
    const x = t[k] as Tok;
    if (RESIDENCE.has(x.w) || (k !== addr && (x.hum === 3 || x.hum === 6 || x.hum === 5))) home = true;
  }
  if (!home) return;
  for (let i = 0; i < t.length; i++) {
    for (const p of DOX_CALLS) {
      const first = p.steps[0];
      if (!first || first.k !== 'lit' || !first.s.has((t[i] as Tok).w)) continue;
      const s = (t[i] as Tok).sent;
      const end = matchFrom(t, p.steps, 0, i, ctx.sentEnd[s] as number);
      if (end > i && !negated(ctx, i, end) && !mentioned(ctx, i)) {
        // The hit covers the address; secondPerson/sentence follow from it.
        const next = t[addr + 1];
        addHit(ctx, 'doxxing', addr, next && next.sent === (t[addr] as Tok).sent ? addr + 2 : addr + 1, true, true);
        return;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A school's own terms (school.decency in the case): prepared once per school, applied per call
// as an overlay on the tokens, so the built-in tables and caches stay shared by all schools.
// ---------------------------------------------------------------------------------------------

/** A term a school adds: found like a built-in insult, reported with its category. */
export interface SchoolTerm {
  term: string;
  category: AbuseCategory;
  note?: string;
}
export interface AbuseLexiconInput {
  add?: readonly SchoolTerm[];
  /** Terms that are never a hit by themselves (phrases such as "krijg de kanker" still are). */
  remove?: readonly string[];
}
interface AddedTerm {
  /** Normalised words of the term after the first. */
  rest: readonly string[];
  category: AbuseCategory;
  criminal: boolean;
}
export interface PreparedAbuseLexicon {
  /** ABUSE_LEXICON_VERSION and the number of school terms, for logs and audits. */
  readonly version: string;
  readonly added: number;
  readonly removed: number;
  /** Could the normalised word start a school term (or be one in a compound)? Cached. */
  test(key: string): boolean;
  /** What a normalised word is for the school (cached): null when nothing. */
  entry(key: string): LexiconEntry | null;
}
interface LexiconEntry {
  removed: boolean;
  /** The terms the word starts (itself, a plural, a doubled letter or a compound's head). */
  terms: readonly AddedTerm[] | undefined;
}

const CRIMINAL_CATEGORIES = set(w(`threat defamation sextortion doxxing stalking`));
/** The normalised words of a term, as the tokeniser reads them ("Kaas-kop" -> "kaaskop"). */
function termWords(term: string): string[] {
  return rawTokens(term).map((r) => r.info.w);
}

/**
 * Prepares a school's terms (once per school). Added terms are matched on the normalised word:
 * folding, leetspeak, spaced letters, letter runs and a doubled letter are undone as for the
 * built-in words, and a curse or mild prefix may come before a one-word term ("kutkaaskop").
 * Removed terms lose their flags: they are no cue by themselves.
 */
export function prepareAbuseLexicon(input: AbuseLexiconInput | undefined): PreparedAbuseLexicon | undefined {
  if (!input || ((input.add?.length ?? 0) === 0 && (input.remove?.length ?? 0) === 0)) return undefined;
  const removed = new Set<string>();
  for (const x of input.remove ?? []) {
    const ws = termWords(x);
    if (ws.length === 1) removed.add(ws[0] as string);
  }
  const byFirst = new Map<string, AddedTerm[]>();
  let added = 0;
  for (const a of input.add ?? []) {
    const ws = termWords(a.term);
    const first = ws[0];
    if (first === undefined) continue;
    const entry: AddedTerm = { rest: ws.slice(1), category: a.category, criminal: CRIMINAL_CATEGORIES.has(a.category) };
    const l = byFirst.get(first);
    if (l) l.push(entry);
    else byFirst.set(first, [entry]);
    added++;
  }
  const cache = new Map<string, LexiconEntry | null>();
  const entry = (key: string): LexiconEntry | null => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const r = resolve(key);
    const terms = r === null ? undefined : byFirst.get(r);
    const e = terms !== undefined || removed.has(key) ? { removed: removed.has(key), terms } : null;
    if (cache.size >= 20_000) cache.clear();
    cache.set(key, e);
    return e;
  };
  /** The term key a normalised word stands for: itself, a plural, without a doubled letter, or a compound's head. */
  const resolve = (key: string): string | null => {
    let r: string | null = null;
    if (byFirst.has(key)) r = key;
    else {
      // Plurals and diminutives of a one-word term: "bakfietsmoeders", "kaaskoppen", "kaaskopje".
      for (const suf of TERM_SUFFIXES) {
        if (key.length - suf.length < 3 || !key.endsWith(suf)) continue;
        const stem = key.slice(0, -suf.length);
        const cands = suf === 'pen' || suf === 'ken' || suf === 'ten' || suf === 'len' || suf === 'nen' || suf === 'ren' || suf === 'sen' ? [stem, stem + suf[0]] : [stem];
        for (const c of cands) {
          if (byFirst.get(c)?.some((x) => x.rest.length === 0)) { r = c; break; }
        }
        if (r !== null) break;
      }
    }
    if (r === null) {
      if (key.length >= 4) {
        for (let i = 1; i < key.length && r === null; i++) {
          if (key[i] === key[i - 1]) {
            const v = key.slice(0, i) + key.slice(i + 1);
            if (byFirst.has(v)) r = v;
          }
        }
      }
      if (r === null && key.length >= 6) {
        for (const p of PREFIXES_FOR_TERMS) {
          if (key.length - p.length < 3 || !key.startsWith(p)) continue;
          const head = key.slice(p.length);
          const e = byFirst.get(head);
          if (e !== undefined && e.some((x) => x.rest.length === 0)) { r = head; break; }
        }
      }
    }
    return r;
  };
  return {
    version: L.ABUSE_LEXICON_VERSION,
    added,
    removed: removed.size,
    test: (key) => entry(key)?.terms !== undefined,
    entry,
  };
}
const PREFIXES_FOR_TERMS = [...L.CURSE_PREFIXES, ...L.MILD_PREFIXES];
const TERM_SUFFIXES = w(`s en n tje tjes je jes pen ken ten len nen ren sen`);

/** Per call: clear removed words' flags, mark the tokens that start a school term. */
const schoolTerms = new Map<Tok, { end: number; term: AddedTerm }>();
function applyLexicon(t: Tok[], lex: PreparedAbuseLexicon): void {
  schoolTerms.clear();
  for (let i = 0; i < t.length; i++) {
    const k = t[i] as Tok;
    // The removed word in any spelling: itself, its alternative key, a misspelling or doubled
    // letter of it; not a compound that ends in it ("kuthoer" when "hoer" is removed).
    const e = lex.entry(k.w);
    const e1 = k.w1 !== null ? lex.entry(k.w1) : null;
    if (lex.removed > 0 && (e?.removed || e1?.removed || (k.base !== k.w && k.f & CUE_FLAGS && (k.f & F.FUZZY || !k.w.endsWith(k.base) || k.w.length - k.base.length < 2) && lex.entry(k.base)?.removed))) {
      k.f &= ~CUE_FLAGS;
    }
    const terms = e?.terms ?? e1?.terms;
    if (terms === undefined) continue;
    // The longest term that matches here.
    let best: { end: number; term: AddedTerm } | null = null;
    for (const term of terms) {
      let j = 0;
      while (j < term.rest.length && i + 1 + j < t.length && (t[i + 1 + j] as Tok).sent === k.sent && (t[i + 1 + j] as Tok).w === term.rest[j]) j++;
      if (j === term.rest.length && (best === null || i + 1 + j > best.end)) best = { end: i + 1 + j, term };
    }
    if (best === null) continue;
    k.f |= F.SCHOOL;
    schoolTerms.set(k, best);
  }
}

/** A school term in use: not negated, quoted to condemn, or said of oneself. */
function schoolTerm(ctx: Ctx, i: number): void {
  const t = ctx.t;
  const m = schoolTerms.get(t[i] as Tok);
  if (m === undefined) return;
  if (negated(ctx, i, m.end) || mentioned(ctx, i)) return;
  const h = nearestHuman(ctx, i, m.end);
  if (h >= 0 && (t[h] as Tok).hum === 2) return;
  addHit(ctx, m.term.category, i, m.end, m.term.criminal);
}
