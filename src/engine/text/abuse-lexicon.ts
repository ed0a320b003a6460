// Word lists for the Dutch abusive-language detector (article A.7). Written for Postwijzer.
//
// Every entry is in normalised form: lower case, diacritics folded (e -> e), apostrophes and
// hyphens removed ("zo'n" -> "zon", "foto's" -> "fotos"). Plurals and common inflections are
// listed explicitly; compounds are handled by the prefix/suffix rules in abuse.ts.

const w = (s: string): string[] => s.trim().split(/\s+/);

// ---------------------------------------------------------------------------------------------
// Insults and slurs that are abusive on their own ("strong"): a hit unless negated, self-directed,
// quoted to condemn, or (for words that double as adjectives) attributive to a thing.
// `suffix` words may also end a compound ("kuthoer", "randdebiel").
// ---------------------------------------------------------------------------------------------

/** General insults aimed at a person. */
export const INSULTS_STRONG = w(`
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
export const SUFFIX_HEADS = w(`
  hoer hoeren slet sletten teef teven wijf wijven klootzak klootzakken idioot idioten debiel
  debielen mongool mongolen neger negers nikker nikkers flikker flikkers lijer lijers sukkel
  sukkels trut schoft schoften mislukkeling loser hufter marokkaan marokkanen turk turken
  jood joden homo homos mongooltje kakkerlak kakkerlakken
`);

/** Slurs by target group (ethnic, religious, sexual orientation, gender identity, disability). */
export const SLURS = w(`
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
export const SLURS_AMBIGUOUS = w(`
  pot potten homo homos mietje mietjes nicht lesbo jood joden zigeuner zigeuners mof moffen
  aap apen varken varkens zwijn zwijnen rat ratten kakkerlak beest beesten gek koe
  kip trol trollen autist debiel
`);

// Dehumanising nouns: comparing people to vermin, dirt, disease.
export const DEHUMANISING = w(`
  ratten rat kakkerlakken kakkerlak ongedierte parasieten parasiet uitschot tuig schorem
  gespuis afval vuil vuilnis plaag virus kankergezwel gezwel beesten apen varkens zwijnen
  insecten luizen wezens ondermensen untermensch
`);
/** Dehumanising nouns that are almost never said of things: a hit with any subject. */
export const DEHUMANISING_STRONG = w(`
  ongedierte uitschot tuig schorem gespuis ondermensen untermensch kakkerlakken parasieten
`);

// ---------------------------------------------------------------------------------------------
// Curses. Dutch curses with diseases are the harshest; they are abuse unless the word is the
// disease itself in a factual sentence ("mijn oma heeft kanker").
// ---------------------------------------------------------------------------------------------

export const DISEASE_CURSES = w(`kanker kenker kankah tyfus tiefus tering klere kolere pleuris pokken takke`);
/** Prefixes that turn a compound into a curse ("kankerweer", "teringherrie"). */
export const CURSE_PREFIXES = w(`kanker kenker tyfus tiefus tering klere kolere pleuris takke`);
/** Medical compounds that are not curses. */
export const MEDICAL_SUFFIXES = w(`
  onderzoek onderzoeker onderzoekers patient patienten bestrijding cel cellen fonds behandeling
  behandelingen afdeling centrum centra risico vrij verwekkend verwekkende preventie screening
  soort soorten medicijn medicijnen diagnose gezwel gezwellen specialist arts artsen zorg
  ziekte ziekten ontwikkeling tumor tumoren gen genen epidemie bestrijder vaccin vaccins
  dag week run loop wandeling actie acties
`);
/** Factual/medical/historical context around a disease word. */
export const DISEASE_FACT = w(`
  heeft had hebben hadden heb hebt gehad kreeg kregen gekregen aan tegen ziek ziekte patient
  patienten behandeling chemo chemotherapie genezen genezing overleden overleed gestorven stierf
  stierven onderzoek arts dokter ziekenhuis diagnose tumor bestraling middeleeuwen epidemie
  uitbraak pandemie bacterie virus vaccin vaccinatie besmet besmetting zwarte eeuw geschiedenis
  borstkanker longkanker huidkanker darmkanker opa oma moeder vader tante oom geleden
  symptomen operatie longen long borst darm huid lymfeklier
`);

/** Prefixes of compounds that insult when the head is a person ("kutwijf", "rotjoch"). */
export const MILD_PREFIXES = w(`kut klote rot vuile vieze smerige gore stomme domme vette lelijke`);
/** Heads that denote a person, for compound insults with a curse/mild prefix. */
export const PERSON_HEADS = w(`
  wijf wijven hoer hoeren kind kinderen joch jong juf juffen meester meesters leraar lerares
  vent venten gast gasten kerel kop koppen lijer lijers mens mensen jongen jongens meid meiden
  buurman buurvrouw moeder vader man vrouw lul lullen zak zakken aap apen beest beesten
  mongool mongolen jood joden neger negers homo homos flikker flikkers turk turken marokkaan
  marokkanen moslim moslims kakkerlak ratten rat debiel idioot sukkel slet teef hond honden
  trut trutten klas directeur
`);
/** Heads that make a curse compound a slur (group-targeted). */
export const SLUR_HEADS = w(`
  jood joden neger negers homo homos flikker flikkers turk turken marokkaan marokkanen moslim
  moslims mongool mongolen surinamer surinamers antilliaan antillianen pool polen zigeuner
  zigeuners buitenlander buitenlanders allochtoon allochtonen lesbo lesbienne lesbiennes
  transgender transgenders chinees chinezen
`);

// ---------------------------------------------------------------------------------------------
// Target words.
// ---------------------------------------------------------------------------------------------

/** Second person: "aimed at you". */
export const SECOND_PERSON = w(`je jij jou jouw u uw jullie you ya jezelf jouzelf jy jou`);
/** First person (self-directed language is no A.7 finding). */
export const FIRST_PERSON = w(`ik me mij mezelf mijzelf wij we ons onze mn mijn i myself`);
/** Third-person pronouns that name a person. ("ze"/"zij" need a human antecedent when plural.) */
export const THIRD_PERSON = w(`hij hem zij ze haar hen hun zijzelf hemzelf iemand`);

/** Protected groups (the HateCheck identities and more). */
export const IDENT_GROUPS = w(`
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
export const GROUP_HEADS_AFTER_ADJ = w(`personen persoon mensen mannen vrouwen man vrouw jongens meisjes kinderen`);
export const GROUP_ADJ = w(`zwart zwarte donkere gekleurde gehandicapte homoseksuele joodse islamitische marokkaanse turkse`);

/** Human (not group-specific) nouns. */
export const PERSON_NOUNS = w(`
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
export const FUNCTION_WORDS = w(`
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
export const INSULT_ADJ = w(`
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
export const POSITIVE_AFTER = w(`
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
  hekel uitstaan pissig zat misselijk kotsen kots ziek
`);
addPred('x', `oprotten opgerot optieften opsodemieteren thuis`);

/** Positive words that, negated and said of a group, dehumanise: "X zijn geen mensen". */
export const NEGATED_POSITIVE = w(`
  mensen mens intelligent slim leven levens recht rechten medelijden ruimte welkom gelden
  mensenrechten toe waard respect plek
`);

// ---------------------------------------------------------------------------------------------
// Violence. `strong` verbs are almost only said of people (or animals); `weak` ones only count
// with a human object. Only present, infinitive and participle forms: past-tense narration is
// no threat (it may be defamation, see CRIME_PARTICIPLES).
// ---------------------------------------------------------------------------------------------
export const VIOLENCE_STRONG = w(`
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
export const VIOLENCE_WEAK = w(`
  uitroeien uitgeroeid uitroeit verdrinken verdrinkt ophangen opgehangen ophang ophangt einde
  aanvallen aanval aangevallen pijn lijden vernietigen vernietig slaan sla afmaken afmaak
  afgemaakt mishandelen sterven sterf sterft kogel nek nekken keel kelen elkaar inelkaar
  neerslaan neersla dood beeindigen doodgaan doodgaat crepeert creperen crepeer verrekken
  verrekt doodvallen doodvalt verongelukt verongelukken
`);

// ---------------------------------------------------------------------------------------------
// Defamation: accusing a person of a crime.
// ---------------------------------------------------------------------------------------------
export const CRIME_NOUNS = w(`
  dief dieven pedo pedos pedofiel pedofielen kinderlokker kinderlokkers kinderverkrachter
  kinderverkrachters kindermisbruiker verkrachter verkrachters moordenaar moordenaars crimineel
  oplichter oplichters fraudeur fraudeurs drugsdealer drugsdealers zakkenroller inbreker
  aanrander aanranders kinderbeul kinderbeulen dierenbeul pedofielenvriend misdadiger crimineel
  witwasser terrorist
`);
/** Accusation nouns that defame on their own, even without "is een". */
export const CRIME_NOUNS_STRONG = w(`pedo pedos pedofiel kinderlokker kinderverkrachter kindermisbruiker kinderbeul aanrander`);
/** Crime verbs in the present: "X steelt". */
export const CRIME_VERBS = w(`steelt jat jatten stelen steel fraudeert mishandelt misbruikt dealt verduistert licht`);
/** Participles that with "heeft/hebben" accuse of a crime: "hij heeft haar mishandeld". */
export const CRIME_PARTICIPLES = w(`
  gestolen gejat mishandeld misbruikt aangerand verkracht bestolen opgelicht vermoord
  verduisterd gefraudeerd ontvoerd geslagen betast gemolesteerd
`);

// ---------------------------------------------------------------------------------------------
// Counter-speech and reported speech: quoting or naming abuse in order to condemn it.
// ---------------------------------------------------------------------------------------------
/** Words that talk about words (mention, not use). */
export const MENTION_WORDS = w(`
  zeggen zegt zei zeiden gezegd zeg noemen noemt noemde noemden genoemd noem schrijven schrijft
  schreef geschreven roepen roept riep riepen geroepen scheldwoord scheldwoorden schelden
  scheldt uitschelden uitgescholden woord woorden opmerking opmerkingen berichten bericht
  uitspraak uitspraken volhouden beweren beweert beweerde tweet tweets post posts
  gebruikt gebruiken taal wensen denken geloven spreekt praten term termen uitdrukking
  mening
`);
/** Words that condemn. */
export const CONDEMN_WORDS = w(`
  walgelijk discrimineer discrimineert discriminerend discriminatie racistisch racisme
  homofoob homofobie seksistisch seksisme ontmenselijkend kwetsend kwetsende verboden
  rapporteer rapporteren gerapporteerd tolereren tolereer gevangenis verwijderd verbannen
  consequenties misleid haatvol haatdragend respect stoppen stop oke acceptabel mag
  pijn schande schandalig onacceptabel nooit haat verkeerd fout niet gepast ongepast
  onaanvaardbaar melden meld gemeld aangifte strafbaar pesten gepest gelukkig
`);
