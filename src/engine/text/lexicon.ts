// Dutch (and some English) word lists of our own for the text rules. Patterns are folded
// phrases for PhraseSet: 'word', 'prefix*', '*suffix', several words in a row.
import { PhraseSet } from './phrases.ts';

/** Plainly about school life (R.2). "groep 7" is recognised separately (a number follows). */
export const SCHOOL_LIFE = new PhraseSet<true>(
  [
    'school', 'scholen', 'school*', '*school', '*scholen', 'klas', 'klassen', 'klasgeno*', 'klassen*', 'klaslokaal',
    'juf', 'juffen', 'juffrouw', 'meester', 'meesters', 'leerkracht*', 'leraar', 'leraren', 'lerares*',
    'leerling*', 'ouderavond*', 'rapport', 'rapporten', 'rapportgesprek*', 'ouderraad', 'medezeggenschapsraad',
    'gymles*', 'rekenles*', 'taalles*', 'les', 'lessen', 'lesdag*', 'lesuur', 'lesuren', 'huiswerk',
    'speelkwartier', 'pauzehap', 'directeur', 'directrice', 'directie', 'ib-er', "ib'er", 'intern begeleider',
    'studiedag*', 'cito*', 'eindtoets*', 'toets', 'toetsen', 'schoolreis*', 'kamp', 'musical', 'tienminutengesprek*',
    '10-minutengesprek*', 'oudergesprek*', 'luizenmoeder*', 'luizenpluis', 'overblijf*', 'tussenschoolse',
    'naschoolse', 'kleuters', 'kleuterklas', 'onderbouw', 'middenbouw', 'bovenbouw', 'klassenouder*',
    'teacher', 'classroom', 'pupils', 'schoolbestuur', 'onderwijsassistent*', 'gymzaal', 'voorleesontbijt',
    'kinderboekenweek', 'sportdag', 'schoolplein', 'afscheidsmusical', 'nieuwsbrief',
  ].map((p) => [p, true] as const),
);

/** Compounds with "school" that are not a primary school. */
export const NOT_SCHOOL = new Set(['rijschool', 'zwemschool', 'dansschool', 'muziekschool', 'taalschool', 'hondenschool', 'schoolvoorbeeld', 'ouderwetse']);

export type SensitiveCategory = 'health' | 'religion' | 'ethnicity' | 'home' | 'grades' | 'discipline';

/** Special categories of personal data (A.2/C.1), tied to a person by the rule. */
export const SENSITIVE = new PhraseSet<SensitiveCategory>([
  ...[
    'adhd', 'add', 'autisme', 'autistisch*', 'autist', 'asperger*', 'pdd-nos', 'dyslexie', 'dyslect*', 'dyscalculie',
    'ziek', 'zieke', 'ziekte', 'ziektes', 'ziekmeld*', 'ziekgemeld', 'ziekteverlof', 'ziekenhuis', 'griep', 'corona',
    'covid', 'kanker', 'leukemie', 'tumor', 'diabetes', 'suikerziekte', 'epilepsie', 'epileptisch*', 'astma', 'allergie*',
    'allergisch', 'burn-out', 'burnout', 'overspannen', 'overspannenheid', 'depressie*', 'depressief', 'angststoornis',
    'eetstoornis', 'anorexia', 'boulimia', 'psychose', 'psychiater', 'psycholoog', 'therapie', 'medicijnen', 'medicatie',
    'ritalin', 'gehandicapt', 'handicap', 'syndroom', 'downsyndroom', 'zwanger', 'zwangerschap*', 'miskraam',
    'geopereerd', 'operatie', 'hersenschudding', 'hoofdluis', 'luizen', 'hoogsensitief', 'odd', 'gilles de la tourette',
    'tourette', 'hiv', 'aids', 'verslaafd', 'verslaving', 'sick leave', 'diagnosed', 'autism', 'dyslexia', 'cancer',
  ].map((w) => [w, 'health'] as const),
  ...[
    'moslim', 'moslima', 'islam', 'islamitisch*', 'christen', 'christelijk', 'katholiek', 'protestant*', 'joods', 'jood',
    'hindoe', 'hindoestaans', 'hindoeistisch', 'boeddhist*', 'atheist', 'ramadan', 'suikerfeest', 'offerfeest',
    'moskee', 'synagoge', 'hoofddoek*', 'keppeltje', 'gedoopt', 'communie', 'vormsel', 'bar mitswa', 'gelovig', 'geloof',
    'muslim', 'jewish', 'religion',
  ].map((w) => [w, 'religion'] as const),
  ...[
    'marokkaans', 'marokkaan', 'turks', 'turk', 'surinaams', 'surinamer', 'antilliaans', 'antilliaan', 'allochtoon',
    'allochtone', 'afkomst', 'etniciteit', 'etnisch*', 'vluchteling*', 'asielzoeker*', 'statushouder*', 'migratieachtergrond',
    'van kleur', 'ethnicity',
  ].map((w) => [w, 'ethnicity'] as const),
  ...[
    'gescheiden', 'scheiding', 'echtscheiding', 'uit elkaar', 'voogdij', 'pleeggezin', 'pleegkind', 'pleegouder*',
    'jeugdzorg', 'veilig thuis', 'uithuisgeplaatst', 'uithuisplaatsing', 'huiselijk geweld', 'voedselbank', 'schulden',
    'schuldhulp*', 'bijstand', 'dakloos', 'gevangenis', 'gedetineerd', 'divorce', 'divorced',
  ].map((w) => [w, 'home'] as const),
  ...[
    'onvoldoende', 'onvoldoendes', 'gezakt', 'zakte', 'blijft zitten', 'bleef zitten', 'blijven zitten', 'zittenblijv*',
    'doubleren', 'doubleert', 'doubleerde', 'rapportcijfer*', 'cijfer', 'cijfers', 'toetsuitslag*', 'cito-score', 'citoscore',
    'leerachterstand', 'achterstand', 'remedial', 'speciaal onderwijs', 'sbo', 'rugzakje', 'schooladvies', 'iq',
    'slechtste van de klas', 'laagste score', 'failed', 'grades',
  ].map((w) => [w, 'grades'] as const),
  ...[
    'geschorst', 'schorsing', 'verwijderd van school', 'van school gestuurd', 'strafwerk', 'gestraft', 'nablijven',
    'moest nablijven', 'uit de klas gestuurd', 'eruit gestuurd', 'berisping', 'officiele waarschuwing', 'ontslagen',
    'ontslag', 'op non-actief', 'suspended', 'expelled',
  ].map((w) => [w, 'discipline'] as const),
]);

/** Confidential school matters (A.2/C.1). */
export const CONFIDENTIAL = new PhraseSet<'marked' | 'plan' | 'complaint'>([
  ...[
    'vertrouwelijk*', 'strikt vertrouwelijk', 'intern', 'alleen intern', 'voor intern gebruik', 'interne memo',
    'niet verder vertellen', 'niet doorvertellen', 'niet delen', 'niet doorsturen', 'onder ons', 'geheim',
    'mag nog niemand weten', 'mag niemand weten', 'nog niet bekend', 'nog niet officieel', 'nog niet aangekondigd',
    'nog niet naar buiten', 'confidential', 'internal only', 'do not share',
  ].map((w) => [w, 'marked'] as const),
  ...[
    'fusie', 'fuseren', 'fuseert', 'gefuseerd', 'reorganisatie', 'reorganiseren', 'reorganiseert', 'gaat sluiten',
    'gaat dicht', 'sluiting van de school', 'ontslagronde', 'gedwongen ontslagen', 'bezuiniging*', 'merger', 'reorganisation',
  ].map((w) => [w, 'plan'] as const),
  ...['klacht', 'klachten', 'klachtprocedure', 'klachtencommissie', 'geschillencommissie', 'rechtszaak', 'complaint'].map(
    (w) => [w, 'complaint'] as const,
  ),
]);

/** Announced in public: a plan word in such a sentence is no secret. */
export const ANNOUNCED = new PhraseSet<true>(
  ['zoals aangekondigd', 'zoals bekend', 'officieel aangekondigd', 'is aangekondigd', 'in de nieuwsbrief', 'persbericht'].map(
    (p) => [p, true] as const,
  ),
);

/** An explicit negative judgement (C.1/U.4). Mild regret ("jammer", "saai") is none. */
export const NEGATIVE_JUDGEMENT = new PhraseSet<true>(
  [
    'waardeloos', 'waardeloze', 'puinhoop', 'een zooitje', 'zooi', 'janboel', 'incompetent', 'incompetente', 'onbekwaam',
    'onbekwame', 'slechtste school', 'bagger', 'rampzalig', 'rampzalige', 'schande', 'schandalig',
    'schandalige', 'belachelijk', 'belachelijke', 'amateuristisch', 'amateuristische', 'onprofessioneel', 'onprofessionele',
    'kan er niks van', 'kan er niets van', 'kunnen er niks van', 'kunnen er niets van', 'doet niets tegen', 'doet niks tegen',
    'doen niets tegen', 'doen niks tegen', 'doet niets aan', 'doet niks aan', 'doen niets aan', 'doen niks aan',
    'geeft niks om', 'geeft niets om', 'geven niks om', 'geven niets om', 'lui', 'luie', 'ongeschikt', 'ongeschikte',
    'faalt', 'falen', 'falend', 'deugt niet', 'deugen niet', 'erbarmelijk', 'erbarmelijke', 'onder de maat', 'wanbeleid',
    'wantoestanden', 'wantoestand', 'afrader', 'blijf weg', 'haal je kind', 'haal je kinderen', 'verschrikkelijk',
    'verschrikkelijke', 'vreselijk', 'vreselijke', 'hopeloos', 'hopeloze', 'prutsers', 'knoeiers', 'aanfluiting',
    'dieptepunt', 'slechte school', 'slecht onderwijs', 'slechte leerkracht*', 'slechte juf', 'slechte meester', 'slechte directie', 'slecht beleid', 'slechte leraar', 'terrible', 'useless', 'a mess', 'incompetent', 'disgrace', 'awful',
  ].map((p) => [p, true] as const),
);

/** What a judgement must be about to touch the school's name: the school, its staff, its policy. */
export const SCHOOL_TARGET = new PhraseSet<true>(
  [
    'school', 'deze school', 'basisschool', 'directie', 'directeur', 'directrice', 'bestuur', 'schoolbestuur',
    'leerkracht*', 'leraar', 'leraren', 'lerares*', 'juf', 'juffen', 'meester', 'meesters', 'team', 'personeel',
    'beleid', 'pestbeleid', 'de leiding', 'onderwijs', 'teachers', 'staff', 'management',
  ].map((p) => [p, true] as const),
);

/** A statement that the author works for the school or its board (B.1/C.3). */
export const EMPLOYMENT_STATEMENT = new PhraseSet<true>(
  [
    'ik werk bij', 'ik werk hier', 'ik werk daar', 'ik werk er', 'ik werk op', 'ik werk als', 'werk ik', 'werk ik er',
    'ik ben werkzaam', 'werkzaam bij', 'werkzaam op', 'werkzaam als', 'in dienst bij', 'in dienst van', 'werkend bij',
    'als leerkracht', 'als juf', 'als meester', 'als docent', 'als leraar', 'als lerares', 'als directeur',
    'als medewerker', 'als onderwijsassistent', 'als intern begeleider', "als ib'er", 'als ib-er', 'medewerker van',
    'medewerker bij', 'medewerker asko', 'medewerkster van', 'juf op', 'juf van', 'juf bij', 'meester op', 'meester van',
    'meester bij', 'ik ben juf', 'ik ben meester', 'ik ben leerkracht', 'ik ben leraar', 'ik ben lerares',
    'ik ben docent', 'ik ben directeur', 'mijn werkgever', 'mijn werk', 'mijn collega*', 'mijn school', 'onze school',
    'i work at', 'i work there', 'i work for', 'i work here', 'i am a teacher', 'as a teacher', 'employee of',
    'my employer', 'i teach at', 'ik geef les',
  ].map((p) => [p, true] as const),
);

/** A statement that these are personal views (C.4). */
export const DISCLAIMER_STATEMENT = new PhraseSet<true>(
  [
    'persoonlijke mening', 'op persoonlijke titel', 'persoonlijke titel', 'eigen mening', 'mijn eigen mening',
    'privemening', 'prive mening', 'persoonlijk standpunt', 'niet namens', 'spreek niet namens', 'niet het standpunt',
    'geen officieel standpunt', 'geen officiele standpunt', 'views are my own', 'opinions are my own', 'my own views',
    'my own opinion', 'personal opinion', 'personal capacity', 'views are mine',
  ].map((p) => [p, true] as const),
);

/** Words that address a person as staff: "juf Anouk", "meester Karim", "mevrouw Vermeulen". */
export const TITLES = new Set(['juf', 'juffrouw', 'meester', 'meneer', 'mevrouw', 'mr', 'mw', 'mevr', 'dhr', 'mrs', 'ms', 'miss']);

/** Words that make the following word no claim ("geen klachten", "niet waardeloos"). */
export const NEGATORS = new Set(['niet', 'geen', 'nooit', 'allerminst', 'not', 'no', 'never']);

/** Pronouns that carry a person over from the previous sentence. */
export const PERSON_PRONOUNS = new Set(['hij', 'zij', 'ze', 'haar', 'hem', 'he', 'she', 'his', 'her', 'him']);

/** Words after an intensifier that turn it positive ("vreselijk leuk"). */
export const POSITIVE_AFTER = new Set(['leuk', 'leuke', 'goed', 'goede', 'mooi', 'mooie', 'lekker', 'gezellig', 'blij', 'trots', 'fijn', 'fijne', 'knap', 'aardig', 'lief']);
