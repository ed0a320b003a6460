// Word lists for the Dutch abusive-language detector (article A.7). Written for Postwijzer.
//
// Every entry is in normalised form: lower case, diacritics folded (e -> e), apostrophes and
// hyphens removed ("zo'n" -> "zon", "foto's" -> "fotos"). Plurals and common inflections are
// listed explicitly; compounds are handled by the prefix/suffix rules in abuse.ts.
//
// The lexicon is data, versioned as a whole: change ABUSE_LEXICON_VERSION with every change of a
// list. Every list carries a category (what a hit from it is, or "target"/"context" for words
// that only steer the rules) and a note (when it counts); LEXICON_LISTS is the catalogue. A
// school adds and removes terms without code through the case (school.decency, see
// docs/check-engine.md), prepared by prepareAbuseLexicon in abuse.ts.

/** Version of the word lists and rules (year.month of the last change). */
export const ABUSE_LEXICON_VERSION = '2026.11';

/** What a list's words are: a category of abuse, a target word, or a context word. */
export type LexiconCategory =
  | 'insult' | 'slur' | 'curse' | 'dehumanising' | 'death_wish' | 'threat' | 'sexual' | 'sextortion'
  | 'humiliation' | 'exclusion' | 'defamation' | 'doxxing' | 'stalking' | 'target' | 'context';

export interface LexiconList {
  name: string;
  category: LexiconCategory;
  /** When a word of the list counts, in one or two sentences. */
  note: string;
  words: readonly string[];
}

/** Every word list with its category and note (the phrase patterns live in abuse.ts). */
export const LEXICON_LISTS: LexiconList[] = [];

const w = (s: string): string[] => s.trim().split(/\s+/);
function list(name: string, category: LexiconCategory, note: string, words: string): string[] {
  const ws = w(words);
  LEXICON_LISTS.push({ name, category, note, words: ws });
  return ws;
}

// ---------------------------------------------------------------------------------------------
// Insults and slurs that are abusive on their own ("strong"): a hit unless negated, self-directed,
// quoted to condemn, or (for words that double as adjectives) attributive to a thing.
// `suffix` words may also end a compound ("kuthoer", "randdebiel").
// ---------------------------------------------------------------------------------------------

/** General insults aimed at a person. */
export const INSULTS_STRONG = list('INSULTS_STRONG', 'insult', 'Abusive on their own when aimed at a person; negation, quoting, self-reference and adjective use on a thing cancel them.', `
  idioot idioten debiel debielen imbeciel imbecielen sukkel sukkels sukkeltje loser losers
  mislukkeling mislukkelingen klootzak klootzakken klootviool hufter hufters schoft schoften
  rotzak rotzakken etterbak etterbakken kutwijf kutwijven trut trutten kuttekop kutkop
  domkop domkoppen dombo stomkop sufferd kneus kneuzen randdebiel halvegare halvezool
  dikzak dikzakken vetzak vetzakken vetklep vetbol vetkwab lelijkerd stinkerd huilebalk
  engerd viezerik viespeuk smeerlap smeerlappen lul lullen klojo eikel eikels
  hoerenzoon hoerenjong hoerenkind tyfuslijer teringlijer kankerlijer klerelijer pestlijer
  pleurislijer takkewijf kutjoch rotjoch kutkind kankerkind
  achterlijke gestoorde mafkees zwakbegaafde spast spasticus spacko spaka retard downie
  kreng krengen ettertje etterbakje snotaap snotapen zeikerd
  malloot sloerie snol del slet sletten slettenbak hoer hoeren teef teven wijf wijven
  bitch bitches slut sluts whore whores idiot idiots asshole assholes motherfucker cunt dickhead
  fucker faggot faggots retarded moron morons
`);

/** Words from INSULTS_STRONG/SLURS that may also end a compound: "kuthoer", "vuilehoer". */
export const SUFFIX_HEADS = list('SUFFIX_HEADS', 'insult', 'May also end a compound ("kuthoer", "randdebiel"); the compound takes the category of the head (slur or insult).', `
  hoer hoeren slet sletten teef teven wijf wijven klootzak klootzakken idioot idioten debiel
  debielen mongool mongolen neger negers nikker nikkers flikker flikkers lijer lijers sukkel
  sukkels trut schoft schoften mislukkeling loser hufter marokkaan marokkanen turk turken
  jood joden homo homos mongooltje kakkerlak kakkerlakken
`);

/** Slurs by target group (ethnic, religious, sexual orientation, gender identity, disability). */
export const SLURS = list('SLURS', 'slur', 'Slurs by target group: ethnic (neger, makak, roetmop), religious (haatbaard, smous), sexual orientation and gender identity (flikker, manwijf), disability (mongool).', `
  neger negers negerin negerinnen nikker nikkers bosneger bosnegers roetmop roetmoppen
  zwartjoekel zwartjoekels bruinjoekel bruinjoekels makak makakken niknok niknokken
  geitenneuker geitenneukers kamelenneuker kamelenneukers kutmarokkaan kutmarokkanen
  kutturk kutturken cultuurverrijker cultuurverrijkers kansenparel kansenparels haatbaard
  haatbaarden spleetoog spleetogen poepchinees poepchinezen smous smousen tapijtbeklimmer
  flikker flikkers reetkever reetkevers kontneuker kontneukers sodomiet sodomieten
  manwijf manwijven shemale travo travos feminazi feminazis
  mongool mongolen mongooltje mongooltjes mongoloide kreupele kreupelen
  nigger niggers nigga negro
`);

/** Slurs that are also ordinary words; only abusive when they clearly name a person. */
export const SLURS_AMBIGUOUS = list('SLURS_AMBIGUOUS', 'slur', 'Also ordinary words (an animal, a thing, a relative, a place): only a hit when they clearly name a person ("jij aap", "wat een pot"), never in a sentence about animals or history. Emoji (see EMOJI_WORDS) are read as these words.', `
  pot potten homo homos mietje mietjes nicht lesbo jood joden zigeuner zigeuners mof moffen
  aap apen varken varkens zwijn zwijnen rat ratten kakkerlak beest beesten gek koe
  kip trol trollen autist debiel varken gorilla gorillas drol drollen
`);

/**
 * Emoji read as words: an animal, dirt or a clown aimed at a person insults like the word
 * ("jij bent een 🐷" = "jij bent een varken"); beside an animal or a party they stay harmless.
 */
export const EMOJI_WORDS: Record<string, string> = {
  '\u{1F437}': 'varken', '\u{1F416}': 'varken', '\u{1F43D}': 'varken', '\u{1F400}': 'rat',
  '\u{1F412}': 'aap', '\u{1F435}': 'aap', '\u{1F98D}': 'gorilla', '\u{1F9A7}': 'aap',
  '\u{1FAB3}': 'kakkerlak', '\u{1F4A9}': 'drol', '\u{1F921}': 'clown', '\u{1F404}': 'koe', '\u{1F42E}': 'koe',
};
LEXICON_LISTS.push({
  name: 'EMOJI_WORDS', category: 'insult', words: Object.keys(EMOJI_WORDS),
  note: 'Emoji read as a word (pig, rat, monkey, gorilla, cockroach, poo, clown, cow), always as an ambiguous one: a hit only right after "een", "jij", "vuile" ... in a person frame ("jij bent een 🐷").',
});

/**
 * Compounds written apart ("naakt foto's"): the two words are read as one ("naaktfotos"). Left
 * word, then the right words it joins with.
 */
export const SPLIT_COMPOUNDS: Record<string, readonly string[]> = {
  naakt: w(`foto fotos filmpje filmpjes video videos beelden plaatjes selfie selfies`),
  sex: w(`foto fotos filmpje filmpjes video videos`),
  seks: w(`foto fotos filmpje filmpjes video videos`),
};
LEXICON_LISTS.push({
  name: 'SPLIT_COMPOUNDS', category: 'sexual', words: Object.keys(SPLIT_COMPOUNDS),
  note: 'Compounds written as two words ("naakt foto\'s"), joined before the rules run.',
});

/** Words that make photos sexual: a threat to spread photos is sextortion with one of them nearby. */
export const SEXUAL_MEDIA = list('SEXUAL_MEDIA', 'sextortion', 'A demand or threat about photos is sextortion when one of these is in the post.', `
  naakt naaktfoto naaktfotos naaktfilmpje naaktfilmpjes naaktvideo naaktvideos naaktbeelden naaktplaatjes
  naaktselfie naaktselfies nude nudes bloot blote tieten borsten kont lul pik kutje piemel ondergoed
  seksfoto seksfotos seksfilmpje sexfoto sexfotos sexfilmpje dickpic
`);

// Dehumanising nouns: comparing people to vermin, dirt, disease.
export const DEHUMANISING = list('DEHUMANISING', 'dehumanising', 'Vermin, dirt and disease said of people or a group; need a human subject.', `
  ratten rat kakkerlakken kakkerlak ongedierte parasieten parasiet uitschot tuig schorem
  gespuis afval vuil vuilnis plaag virus kankergezwel gezwel beesten apen varkens zwijnen
  insecten luizen wezens ondermensen untermensch
`);
/** Dehumanising nouns that are almost never said of things: a hit with any subject. */
export const DEHUMANISING_STRONG = list('DEHUMANISING_STRONG', 'dehumanising', 'Almost never said of things ("uitschot", "ongedierte"): a hit with any subject, or with a person nearby.', `
  ongedierte uitschot tuig schorem gespuis ondermensen untermensch kakkerlakken parasieten
`);

// ---------------------------------------------------------------------------------------------
// Curses. Dutch curses with diseases are the harshest; they are abuse unless the word is the
// disease itself in a factual sentence ("mijn oma heeft kanker").
// ---------------------------------------------------------------------------------------------

export const DISEASE_CURSES = list('DISEASE_CURSES', 'curse', 'Disease curses: a curse unless the sentence is about the disease itself (medical, historical).', `kanker kenker kankah tyfus tiefus tering klere kolere pleuris pokken takke`);
/** Prefixes that turn a compound into a curse ("kankerweer", "teringherrie"). */
export const CURSE_PREFIXES = list('CURSE_PREFIXES', 'curse', 'Compound curses ("kankerweer", "teringherrie"); with a person head an insult ("kankerlijer"), with a group head a slur ("kankerjood").', `kanker kenker tyfus tiefus tering klere kolere pleuris takke`);
/** Medical compounds that are not curses. */
export const MEDICAL_SUFFIXES = list('MEDICAL_SUFFIXES', 'context', 'Medical compounds that are no curse ("kankeronderzoek", "tyfusbacterie").', `
  onderzoek onderzoeker onderzoekers patient patienten bestrijding cel cellen fonds behandeling
  behandelingen afdeling centrum centra risico vrij verwekkend verwekkende preventie screening
  soort soorten medicijn medicijnen diagnose gezwel gezwellen specialist arts artsen zorg
  ziekte ziekten ontwikkeling tumor tumoren gen genen epidemie bestrijder vaccin vaccins
  dag week run loop wandeling actie acties
`);
/** Factual/medical/historical context around a disease word. */
export const DISEASE_FACT = list('DISEASE_FACT', 'context', 'Words that make a disease word factual ("mijn oma heeft kanker").', `
  heeft had hebben hadden heb hebt gehad kreeg kregen gekregen aan tegen ziek ziekte patient
  patienten behandeling chemo chemotherapie genezen genezing overleden overleed gestorven stierf
  stierven onderzoek arts dokter ziekenhuis diagnose tumor bestraling middeleeuwen epidemie
  uitbraak pandemie bacterie virus vaccin vaccinatie besmet besmetting zwarte eeuw geschiedenis
  borstkanker longkanker huidkanker darmkanker opa oma moeder vader tante oom geleden
  symptomen operatie longen long borst darm huid lymfeklier
`);

/** Prefixes of compounds that insult when the head is a person ("kutwijf", "rotjoch"). */
export const MILD_PREFIXES = list('MILD_PREFIXES', 'insult', 'Mild prefixes that insult only with a person head ("kutwijf", "rotjoch"), not with a thing ("kutweer").', `kut klote rot vuile vieze smerige gore stomme domme vette lelijke`);
/** Heads that denote a person, for compound insults with a curse/mild prefix. */
export const PERSON_HEADS = list('PERSON_HEADS', 'target', 'Heads that denote a person, for compounds with a curse or mild prefix.', `
  wijf wijven hoer hoeren kind kinderen joch jong juf juffen meester meesters leraar lerares
  vent venten gast gasten kerel kop koppen lijer lijers mens mensen jongen jongens meid meiden
  buurman buurvrouw moeder vader man vrouw lul lullen zak zakken aap apen beest beesten
  mongool mongolen jood joden neger negers homo homos flikker flikkers turk turken marokkaan
  marokkanen moslim moslims kakkerlak ratten rat debiel idioot sukkel slet teef hond honden
  trut trutten klas directeur
`);
/** Heads that make a curse compound a slur (group-targeted). */
export const SLUR_HEADS = list('SLUR_HEADS', 'slur', 'Heads that make a curse compound a slur against a group ("kutmarokkaan").', `
  jood joden neger negers homo homos flikker flikkers turk turken marokkaan marokkanen moslim
  moslims mongool mongolen surinamer surinamers antilliaan antillianen pool polen zigeuner
  zigeuners buitenlander buitenlanders allochtoon allochtonen lesbo lesbienne lesbiennes
  transgender transgenders chinees chinezen
`);

// ---------------------------------------------------------------------------------------------
// Target words.
// ---------------------------------------------------------------------------------------------

/** Second person: "aimed at you". */
export const SECOND_PERSON = list('SECOND_PERSON', 'target', 'Aimed at "you".', `je jij jou jouw u uw jullie you ya jezelf jouzelf jy jou`);
/** First person (self-directed language is no A.7 finding). */
export const FIRST_PERSON = list('FIRST_PERSON', 'context', 'Self-reference: abuse aimed at oneself is no finding.', `ik me mij mezelf mijzelf wij we ons onze mn mijn i myself`);
/** Third-person pronouns that name a person. ("ze"/"zij" need a human antecedent when plural.) */
export const THIRD_PERSON = list('THIRD_PERSON', 'target', 'Pronouns that name a person ("ze/zij" plural only with a human antecedent).', `hij hem zij ze haar hen hun zijzelf hemzelf iemand`);

/** Protected groups (the HateCheck identities and more). */
export const IDENT_GROUPS = list('IDENT_GROUPS', 'target', 'Protected groups: gender, religion, sexual orientation, gender identity, origin, disability.', `
  vrouw vrouwen moslim moslims moslima moslimas islamiet islamieten jood joden christen christenen
  hindoe hindoes boeddhist boeddhisten homo homos homoseksueel homoseksuele homoseksuelen
  lesbienne lesbiennes lesbische biseksueel biseksuelen bi transgender transgenders transpersoon
  transpersonen transvrouw transvrouwen transman transmannen queer queers zwarten allochtoon
  allochtonen buitenlander buitenlanders immigrant immigranten migrant migranten vluchteling
  vluchtelingen asielzoeker asielzoekers statushouder statushouders marokkaan marokkanen
  turk turken surinamer surinamers antilliaan antillianen roma sinti arabier arabieren
  afrikaan afrikanen aziaat aziaten chinees chinezen gehandicapte gehandicapten invalide
  invaliden autisten gays lhbti lhbtiq lgbt lgbtq
`);
/** "zwarte" names a group when followed by one of these ("zwarte personen"). */
export const GROUP_HEADS_AFTER_ADJ = list('GROUP_HEADS_AFTER_ADJ', 'target', '"zwarte personen": an adjective of origin names a group before these nouns.', `personen persoon mensen mannen vrouwen man vrouw jongens meisjes kinderen`);
export const GROUP_ADJ = list('GROUP_ADJ', 'target', 'Adjectives that name a group before GROUP_HEADS_AFTER_ADJ.', `zwart zwarte donkere gekleurde gehandicapte homoseksuele joodse islamitische marokkaanse turkse`);

/** Human (not group-specific) nouns. */
export const PERSON_NOUNS = list('PERSON_NOUNS', 'target', 'Nouns for a person (child, teacher, parent, ...).', `
  mens mensen kind kinderen kindje kindjes jongen jongens jongetje meisje meisjes meid meiden
  man mannen juf juffen juffrouw meester meesters leraar leraren lerares docent docenten
  directeur directrice ouder ouders moeder moeders vader vaders mama papa mams paps oma opa
  buurman buurvrouw buren vriend vriendin vrienden vriendinnen klasgenoot klasgenoten leerling
  leerlingen concierge collega collegas mevrouw meneer baby babys broer broertje zus
  zusje zoon zoons dochter dochters neef tante oom persoon personen vent kerel gozer gast
  jochie joch type figuur kinderopvang pedagogisch medewerker invalkracht stagiair stagiaire
  wicht wichten grietje knul knullen puber pubers kleuter kleuters buurjongen buurmeisje
  leerkracht leerkrachten klasgenootje
`);

/** Determiners/adverbs skipped when looking for the noun an adjective belongs to. */
export const FUNCTION_WORDS = list('FUNCTION_WORDS', 'context', 'Determiners, auxiliaries and adverbs skipped when looking for the noun an adjective belongs to.', `
  de het een en of maar want dus dat die dit deze is ben bent zijn was waren wordt worden werd
  werden heeft hebben had hadden ik je jij jou u hij zij ze wij we jullie hen hun hem haar mijn
  jouw ons onze niet geen nooit wel ook nog al alle allemaal te om op in aan van voor met bij naar
  uit over door tot als dan zo zoals wat wie waar hoe waarom er hier daar echt gewoon heel erg
  toch even nu vandaag morgen gisteren soms altijd zon zulke zulk zeer best nogal totaal
  totale enorme enorm super echte helemaal absoluut ontzettend vreselijk verschrikkelijk
  ook maar eens weer zelf nou hoor he hoe meer minder veel weinig iets niets niemand iedereen
  kan kunnen kun kunt zal zullen zult zou zouden wil wilt willen moet moeten mag mogen ga gaat
  gaan kom komt komen laat laten vind vindt vinden word geworden lijkt voelt voel
`);

// ---------------------------------------------------------------------------------------------
// Adjectives that insult a person ("je bent dom", "domme meid"), never a thing.
// ---------------------------------------------------------------------------------------------
export const INSULT_ADJ = list('INSULT_ADJ', 'insult', 'Adjectives that insult a person ("je bent dom"), never a thing ("stomme printer").', `
  dom domme domste stom stomme stomste lelijk lelijke lelijkste dik dikke vet vette achterlijk
  achterlijke debiel debiele idioot idiote gestoord gestoorde zielig zielige walgelijk walgelijke
  weerzinwekkend weerzinwekkende verachtelijk verachtelijke afstotend afstotende misselijkmakend
  misselijkmakende hersenloos hersenloze waardeloos waardeloze onwetend onwetende smerig smerige
  vies vieze vuil vuile gore onbeschaafd onbeschaafde minderwaardig minderwaardige onmenselijk
  onmenselijke mislukt mislukte kansloos kansloze schijnheilig irritant irritante ondermaats
  stinkend stinkende geschift geschifte mongolisch achterlijker dommer stommer lelijker
  zwakzinnig zwakzinnige imbeciel kut klote oneerlijk oneerlijke gewelddadig gewelddadige wreed
  wrede gemeen gemene slechtste ergste
`);
/** Words after an insulting adjective that make it positive slang ("gestoord goed", "ziek vet"). */
export const POSITIVE_AFTER = list('POSITIVE_AFTER', 'context', 'Positive slang: an insulting adjective before these is an intensifier ("gestoord goed", "ziek vet").', `
  goed goede leuk leuke mooi mooie lekker lekkere gaaf gave cool tof toffe grappig grappige
  knap sterk sterke snel vet vette gezellig blij trots slim slimme hard lief lieve
`);

// ---------------------------------------------------------------------------------------------
// Negative predicates about groups (HateCheck derog_*): hateful when a group or person is the target.
// kind: a = attribute, d = dehumanising, e = emotion of the writer, x = exclusion
// ---------------------------------------------------------------------------------------------
export const GROUP_PRED: Record<string, 'a' | 'd' | 'e' | 'x'> = {};
const addPred = (kind: 'a' | 'd' | 'e' | 'x', words: string): void => {
  for (const x of w(words)) GROUP_PRED[x] = kind;
};
addPred('a', `
  walgelijk walgelijke weerzinwekkend weerzinwekkende verachtelijk verachtelijke afstotend
  afstotende misselijkmakend misselijkmakende hersenloos hersenloze onwetend onwetende
  onbeschaafd onbeschaafde dom domme domste dommer stom stomme stomste achterlijk achterlijke
  smerig smerige vies vieze minderwaardig minderwaardige ergste erger slechtste bedreiging
  gevaar gevaarlijk ruineren ruineert verpesten verpest oneerlijk oneerlijke gewelddadig
  gewelddadige wreed wrede crimineel criminelen verneukt waardeloos waardeloze klootzakken
  klootzak schoften schoft eikels eikel rotzakken lul zielig zielige dieven
  lulkoek gelul ziek gestoord gestoorde idioten idioot debielen debiel sukkels onmenselijke
  onmenselijk domstemensen leugenaars verdomde verdomd verrekte godverdomde zelfmoord verdoem verdoemd
  gedoemd
`);
addPred('d', `
  ratten kakkerlakken ongedierte parasieten parasiet uitschot tuig schorem gespuis afval vuil
  vuilnis plaag virus kankergezwel gezwel beesten apen aap varkens insect insecten dierenarts
  kooien kooi dierentuin wezens ondermensen zwermen infesteren besmetten
`);
addPred('e', `
  haat haten verafschuw verafschuwen veracht verachten walg walgen minachting woede afkeer
  hekel uitstaan pissig zat misselijk kotsen kots ziek boos woedend kwaad razend
`);
addPred('x', `oprotten opgerot optieften opsodemieteren thuis`);
LEXICON_LISTS.push(
  { name: 'GROUP_PRED (a)', category: 'insult', note: 'Negative attributes: a hit when a protected group, or a person linked by a copula, is the subject.', words: Object.keys(GROUP_PRED).filter((k) => GROUP_PRED[k] === 'a') },
  { name: 'GROUP_PRED (d)', category: 'dehumanising', note: 'Dehumanising predicates about a group or person.', words: Object.keys(GROUP_PRED).filter((k) => GROUP_PRED[k] === 'd') },
  { name: 'GROUP_PRED (e)', category: 'insult', note: "The writer's hatred or disgust for a protected group or a person (not plain dislike of a profession).", words: Object.keys(GROUP_PRED).filter((k) => GROUP_PRED[k] === 'e') },
  { name: 'GROUP_PRED (x)', category: 'exclusion', note: 'Demands to leave ("moeten oprotten", "horen hier niet thuis").', words: Object.keys(GROUP_PRED).filter((k) => GROUP_PRED[k] === 'x') },
);

/** Positive words that, negated and said of a group, dehumanise: "X zijn geen mensen". */
export const NEGATED_POSITIVE = list('NEGATED_POSITIVE', 'dehumanising', 'Negated and said of a group they dehumanise: "X zijn geen mensen", "niet welkom".', `
  mensen mens intelligent slim leven levens recht rechten medelijden ruimte welkom gelden
  mensenrechten toe waard respect plek
`);

// ---------------------------------------------------------------------------------------------
// Violence. `strong` verbs are almost only said of people (or animals); `weak` ones only count
// with a human object. Only present, infinitive and participle forms: past-tense narration is
// no threat (it may be defamation, see CRIME_PARTICIPLES).
// ---------------------------------------------------------------------------------------------
export const VIOLENCE_STRONG = list('VIOLENCE_STRONG', 'threat', 'Violence almost only said of people: a threat with the writer as subject, a death wish with a wish or norm ("moeten", "hoop").', `
  vermoorden vermoord vermoordt doden dood doodt gedood doodmaken doodmaak doodmaakt
  doodgemaakt doodschieten doodschiet doodgeschoten neerschieten neerschiet neergeschoten
  neersteken neersteek neergestoken doodsteken doodsteek doodgestoken wurgen wurg wurgt
  gewurgd executeren executeer geexecuteerd executie martelen martel martelt gemarteld
  verkrachten verkracht verkrachting onthoofden onthoofd lynchen gelyncht vergassen vergast
  afslachten afgeslacht uitroeien uitgeroeid uitroeit verdrinken verdrinkt verdronken
  ophangen opgehangen ophang ophangt opknopen opgeknoopt brandstapel kogel abschieben
  doodgaan doodgaat crepeert creperen crepeer verrekken verrekt doodvallen doodvalt verongelukt
  verongelukken beeindigen afmaken afmaak afgemaakt doodslaan doodsla doodgeslagen uitmoorden kelen keel nek nekken
  aanvallen aanval aangevallen pijn lijden sterven sterf sterft vernietigen vernietig
  mishandelen slaan sla neerslaan neersla inelkaar elkaar
  kill murder shoot stab rape
`);
/** Violence words that need a human object (they are also said of things). */
export const VIOLENCE_WEAK = list('VIOLENCE_WEAK', 'threat', 'Violence words also said of things: only with a human object.', `
  uitroeien uitgeroeid uitroeit verdrinken verdrinkt ophangen opgehangen ophang ophangt einde
  aanvallen aanval aangevallen pijn lijden vernietigen vernietig slaan sla afmaken afmaak
  afgemaakt mishandelen sterven sterf sterft kogel nek nekken keel kelen elkaar inelkaar
  neerslaan neersla dood beeindigen doodgaan doodgaat crepeert creperen crepeer verrekken
  verrekt doodvallen doodvalt verongelukt verongelukken
`);

// ---------------------------------------------------------------------------------------------
// Defamation: accusing a person of a crime.
// ---------------------------------------------------------------------------------------------
export const CRIME_NOUNS = list('CRIME_NOUNS', 'defamation', 'Calling a person a criminal: defamation with a copula ("X is een dief").', `
  dief dieven pedo pedos pedofiel pedofielen kinderlokker kinderlokkers kinderverkrachter
  kinderverkrachters kindermisbruiker verkrachter verkrachters moordenaar moordenaars crimineel
  oplichter oplichters fraudeur fraudeurs drugsdealer drugsdealers zakkenroller inbreker
  aanrander aanranders kinderbeul kinderbeulen dierenbeul pedofielenvriend misdadiger crimineel
  witwasser terrorist
`);
/** Accusation nouns that defame on their own, even without "is een". */
export const CRIME_NOUNS_STRONG = list('CRIME_NOUNS_STRONG', 'defamation', 'Accusations that defame even without a copula ("die pedo").', `pedo pedos pedofiel kinderlokker kinderverkrachter kindermisbruiker kinderbeul aanrander`);
/** Crime verbs in the present: "X steelt". */
export const CRIME_VERBS = list('CRIME_VERBS', 'defamation', 'Crimes in the present tense: "X steelt".', `steelt jat jatten stelen steel fraudeert mishandelt misbruikt dealt verduistert licht`);
/** Participles that with "heeft/hebben" accuse of a crime: "hij heeft haar mishandeld". */
export const CRIME_PARTICIPLES = list('CRIME_PARTICIPLES', 'defamation', 'With "heeft/hebben": "hij heeft haar mishandeld" (not "is mishandeld": a victim).', `
  gestolen gejat mishandeld misbruikt aangerand verkracht bestolen opgelicht vermoord
  verduisterd gefraudeerd ontvoerd geslagen betast gemolesteerd
`);

// ---------------------------------------------------------------------------------------------
// Counter-speech and reported speech: quoting or naming abuse in order to condemn it.
// ---------------------------------------------------------------------------------------------
/** Words that talk about words (mention, not use). */
export const MENTION_WORDS = list('MENTION_WORDS', 'context', 'Words that talk about words: mention, not use (counter-speech, quoting).', `
  zeggen zegt zei zeiden gezegd zeg noemen noemt noemde noemden genoemd noem schrijven schrijft
  schreef geschreven roepen roept riep riepen geroepen scheldwoord scheldwoorden schelden
  scheldt uitschelden uitgescholden woord woorden opmerking opmerkingen berichten bericht
  uitspraak uitspraken volhouden beweren beweert beweerde tweet tweets post posts
  gebruikt gebruiken taal wensen denken geloven spreekt praten term termen uitdrukking
  mening uitscheldt scheldt schelden uitscholden
`);
/** Words that condemn. */
export const CONDEMN_WORDS = list('CONDEMN_WORDS', 'context', 'Words that condemn: with a mention word, the abuse is quoted to condemn it.', `
  walgelijk discrimineer discrimineert discriminerend discriminatie racistisch racisme
  homofoob homofobie seksistisch seksisme ontmenselijkend kwetsend kwetsende verboden
  rapporteer rapporteren gerapporteerd tolereren tolereer gevangenis verwijderd verbannen
  consequenties misleid haatvol haatdragend respect stoppen stop oke acceptabel mag
  pijn schande schandalig onacceptabel nooit haat verkeerd fout niet gepast ongepast
  onaanvaardbaar melden meld gemeld aangifte strafbaar pesten gepest gelukkig geschorst
  schorsing gestraft straf
`);
