// The letters of a case (D.3, D.5 and the hearing before them): Dutch templates in our own words,
// prefilled from the case, edited by the writer, then rendered as a PDF for the file. A template
// gives the subject, the salutation, the paragraphs and the closing; the writer may change any of
// them before sending. Text in [square brackets] is for the writer to fill in.
import type { PdfDocumentSpec } from '../../pdf/document.ts';
import { dutchDate } from './dutch-time.ts';

export const LETTER_TEMPLATES = ['warning', 'suspension', 'hearing_invitation'] as const;
export type LetterTemplate = (typeof LETTER_TEMPLATES)[number];

/** Which measure a template announces (the hearing invitation comes before any measure). */
export const TEMPLATE_MEASURE: Record<LetterTemplate, string | null> = { warning: 'waarschuwing', suspension: 'schorsing', hearing_invitation: null };

export const TEMPLATE_NAMES: Record<LetterTemplate, { nl: string; en: string }> = {
  warning: { nl: 'Schriftelijke waarschuwing', en: 'Written warning' },
  suspension: { nl: 'Schorsing', en: 'Suspension' },
  hearing_invitation: { nl: 'Uitnodiging hoorgesprek', en: 'Invitation to a hearing' },
};

export interface LetterFacts {
  schoolName: string;
  /** The person the letter is about: an employee, a student or a guardian. */
  person: { kind: string; givenName: string; name: string };
  /** The incident's short reference. */
  reference: string;
  /** The measure the letter announces: decided on (YYYY-MM-DD), days (suspension), rationale. */
  measure: { decidedOn: string; days: number | null; rationale: string } | null;
  /** The writer's name. */
  sender: string;
}

export interface LetterText {
  subject: string;
  salutation: string;
  body: string;
  closing: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Who the letter is addressed to, as it is written on it. */
export function addresseeLine(person: LetterFacts['person']): string {
  return person.kind === 'student' ? `De ouders of verzorgers van ${person.name}` : person.name;
}

/** The template filled in from the case. */
export function prefill(template: LetterTemplate, f: LetterFacts): LetterText {
  const employee = f.person.kind !== 'student' && f.person.kind !== 'guardian';
  const student = f.person.kind === 'student';
  const child = f.person.givenName;
  const salutation = student ? `Beste ouders of verzorgers van ${child},` : `Beste ${f.person.name},`;
  const closing = `Met vriendelijke groet,\n\n${f.sender}\nnamens ${f.schoolName}`;
  const decided = f.measure ? dutchDate(f.measure.decidedOn) : '[datum van het besluit]';
  const reason = f.measure?.rationale.trim() || '[de reden van het besluit]';
  const days = f.measure?.days ?? 1;
  const p: string[] = [];
  let subject: string;
  switch (template) {
    case 'warning':
      subject = 'Schriftelijke waarschuwing';
      if (employee) {
        p.push(`Met deze brief leggen wij vast wat wij op ${decided} hebben besloten: u krijgt een schriftelijke waarschuwing.`);
        p.push(`Waarom: ${reason}`);
        p.push('Wie voor de school werkt, schrijft op sociale media met respect over leerlingen, ouders en collega’s (protocol, artikelen A.7 en D.3). Wij rekenen erop dat u dat voortaan doet. Gebeurt het weer, dan kan een zwaardere maatregel volgen.');
        p.push('Deze brief komt in uw personeelsdossier. Wilt u er iets op zeggen? Stuur ons dan binnen twee weken uw reactie; die voegen wij aan het dossier toe.');
      } else if (student) {
        p.push(`Wij laten u met deze brief weten dat de school op ${decided} heeft besloten ${child} een waarschuwing te geven.`);
        p.push(`Waarom: ${reason}`);
        p.push(`Op onze school gaan we op sociale media netjes met elkaar om (protocol, artikelen A.7 en D.5). Wij hebben dit ook met ${child} besproken. Wilt u er thuis ook met ${child} over praten? Gebeurt het weer, dan kan de school een zwaardere maatregel nemen.`);
        p.push(`Deze brief komt in het leerlingdossier van ${child}. Wilt u erover praten, neem dan contact op met de directeur.`);
      } else {
        p.push(`Met deze brief laten wij u weten dat de school op ${decided} heeft besloten u een waarschuwing te geven.`);
        p.push(`Waarom: ${reason}`);
        p.push('Wij vragen ouders en verzorgers op sociale media met respect te schrijven over leerlingen, ouders en medewerkers van de school (protocol, artikelen A.7 en D.5). Gebeurt het weer, dan kan de school verdere maatregelen nemen.');
        p.push('Wilt u erover praten, neem dan contact op met de directeur.');
      }
      break;
    case 'suspension':
      subject = 'Besluit tot schorsing';
      if (employee) {
        p.push(`Met deze brief leggen wij vast wat wij op ${decided} hebben besloten: u wordt geschorst voor ${plural(days, 'werkdag', 'werkdagen')}, vanaf [eerste dag] (protocol, artikel D.3).`);
        p.push(`Waarom: ${reason}`);
        p.push('Tijdens de schorsing werkt u niet en komt u niet op school, tenzij wij u uitnodigen voor een gesprek. Wij nemen na afloop contact met u op over uw terugkeer.');
        p.push('Deze brief komt in uw personeelsdossier. Bent u het niet eens met dit besluit, laat het ons dan schriftelijk weten; in uw rechtspositieregeling staat hoe u bezwaar maakt.');
      } else {
        p.push(`Wij laten u met deze brief weten dat de school op ${decided} heeft besloten ${child} te schorsen voor ${plural(days, 'schooldag', 'schooldagen')}, vanaf [eerste dag] (protocol, artikel D.5). In die tijd komt ${child} niet naar school.`);
        p.push(`Waarom: ${reason}`);
        p.push(`${child} krijgt werk mee voor thuis, zodat er zo weinig mogelijk lestijd verloren gaat.${days > 1 ? ' Omdat de schorsing langer is dan één dag, meldt de school haar bij de Inspectie van het Onderwijs.' : ''}`);
        p.push(`Deze brief komt in het leerlingdossier van ${child}. Bent u het niet eens met dit besluit, dan kunt u bezwaar maken bij het schoolbestuur; hoe dat gaat, staat in de schoolgids.`);
      }
      break;
    case 'hearing_invitation':
      subject = 'Uitnodiging voor een gesprek (hoor en wederhoor)';
      if (employee) {
        p.push('De school heeft een melding gekregen over een bericht op sociale media waar u bij betrokken bent. Voordat wij iets besluiten, willen wij uw kant van het verhaal horen.');
        p.push('Wij nodigen u uit voor een gesprek op [datum] om [tijd] op school. Bij het gesprek zijn [namen] aanwezig.');
        p.push('U mag iemand meenemen die u bijstaat, bijvoorbeeld een collega of iemand van uw vakbond. Past het moment niet, laat het ons dan snel weten; dan zoeken wij samen een ander moment.');
      } else if (student) {
        p.push(`De school heeft een melding gekregen over een bericht op sociale media waar ${child} bij betrokken is. Voordat de school iets besluit, willen wij graag met u en ${child} praten.`);
        p.push('Wij nodigen u uit voor een gesprek op [datum] om [tijd] op school. Bij het gesprek zijn [namen] aanwezig.');
        p.push('Past het moment niet, laat het ons dan snel weten; dan zoeken wij samen een ander moment.');
      } else {
        p.push('De school heeft een melding gekregen over een bericht op sociale media waar u bij betrokken bent. Voordat de school iets besluit, willen wij uw kant van het verhaal horen.');
        p.push('Wij nodigen u uit voor een gesprek op [datum] om [tijd] op school. Bij het gesprek zijn [namen] aanwezig.');
        p.push('Past het moment niet, laat het ons dan snel weten; dan zoeken wij samen een ander moment.');
      }
      break;
  }
  return { subject, salutation, body: p.join('\n\n'), closing };
}

/** Text in [square brackets] the writer still has to fill in (e.g. "[eerste dag]"). */
const BLANK = /\[[^\]]+\]/g;

/** The blanks left in a letter, each once, in the order they appear. */
export function blanksLeft(l: LetterText): string[] {
  return [...new Set([l.subject, l.salutation, l.body, l.closing].flatMap((s) => s.match(BLANK) ?? []))];
}

/** The paragraphs of a body: separated by one or more blank lines. */
export function paragraphs(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The letter as a PDF document. */
export function letterPdf(l: LetterText & { schoolName: string; addressee: string; date: Date; reference: string; footer: string }): PdfDocumentSpec {
  return {
    title: `${l.subject} — ${l.schoolName}`,
    lang: 'nl',
    author: l.schoolName,
    footer: l.footer,
    createdAt: l.date,
    blocks: [
      { kind: 'heading', text: l.schoolName },
      {
        kind: 'fields',
        rows: [
          ['Aan', l.addressee],
          ['Datum', dutchDate(l.date)],
          ['Betreft', l.subject],
          ['Kenmerk', l.reference],
        ],
      },
      { kind: 'spacer' },
      { kind: 'paragraph', text: l.salutation },
      ...paragraphs(l.body).map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'spacer' },
      { kind: 'paragraph', text: l.closing },
    ],
  };
}

/** The letter as plain text (the file entry's body, so the file reads without opening the PDF). */
export function letterText(l: LetterText): string {
  return [l.salutation, ...paragraphs(l.body), l.closing].join('\n\n');
}
