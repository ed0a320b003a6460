// The two ladders of measures (D.3 for employees, D.5 for students and guardians), who may decide
// them, and the legal steps that must be on record first (docs/incidents.md, with the WPO
// articles). Pure: the routes hand in what is on record and get a verdict with a code.
import type { Role } from '../../../policies/roles.ts';

export type Audience = 'employee' | 'student_or_guardian';
export type PersonKind = 'student' | 'employee' | 'guardian' | 'other';

export const EMPLOYEE_MEASURES = ['waarschuwing', 'schorsing', 'berisping', 'ontslag', 'ontslag_op_staande_voet'] as const;
export const STUDENT_MEASURES = ['waarschuwing', 'schorsing', 'verwijdering'] as const;
export type EmployeeMeasure = (typeof EMPLOYEE_MEASURES)[number];
export type StudentMeasure = (typeof STUDENT_MEASURES)[number];
export type MeasureKind = EmployeeMeasure | StudentMeasure;

/** The ladder of each audience, lightest first, in the order the protocol names them. */
export const LADDERS: Record<Audience, readonly MeasureKind[]> = { employee: EMPLOYEE_MEASURES, student_or_guardian: STUDENT_MEASURES };
/** The article each ladder comes from. */
export const LADDER_ARTICLE: Record<Audience, string> = { employee: 'D.3', student_or_guardian: 'D.5' };

export const MEASURE_LABELS: Record<Audience, Partial<Record<MeasureKind, { nl: string; en: string }>>> = {
  employee: {
    waarschuwing: { nl: 'waarschuwing', en: 'warning' },
    schorsing: { nl: 'schorsing (tijdelijk niet werken)', en: 'suspension from work' },
    berisping: { nl: 'berisping (formele terechtwijzing)', en: 'formal reprimand' },
    ontslag: { nl: 'ontslag', en: 'dismissal' },
    ontslag_op_staande_voet: { nl: 'ontslag op staande voet', en: 'summary dismissal' },
  },
  student_or_guardian: {
    waarschuwing: { nl: 'waarschuwing', en: 'warning' },
    schorsing: { nl: 'schorsing (tijdelijk niet naar school)', en: 'suspension from school' },
    verwijdering: { nl: 'verwijdering van school', en: 'removal from school' },
  },
};

export function audienceOf(kind: PersonKind): Audience {
  return kind === 'student' || kind === 'guardian' ? 'student_or_guardian' : 'employee';
}

export function isOnLadder(audience: Audience, kind: string): kind is MeasureKind {
  return (LADDERS[audience] as readonly string[]).includes(kind);
}

/** Measures that end employment: the board alone decides them. */
export const BOARD_ONLY: readonly MeasureKind[] = ['ontslag', 'ontslag_op_staande_voet'];

/** Who may decide this measure: employee measures the board or the director, ending employment only the board; student and guardian measures the director or the board. */
export function decidersOf(audience: Audience, kind: MeasureKind): readonly Role[] {
  if (audience === 'employee' && BOARD_ONLY.includes(kind)) return ['board'];
  return ['board', 'director'];
}

export function mayDecide(roles: ReadonlySet<Role>, audience: Audience, kind: MeasureKind): boolean {
  return decidersOf(audience, kind).some((r) => roles.has(r));
}

/**
 * How a student's removal may go ahead (WPO art. 40): another school agreed to admit the student,
 * or eight weeks of demonstrable effort found none.
 */
export const REMOVAL_OUTCOMES = ['other_school_found', 'eight_weeks_without_result'] as const;
export type RemovalOutcome = (typeof REMOVAL_OUTCOMES)[number];

export const STEP_KINDS = ['hearing', 'inspectie_report', 'inspectie_consulted', 'other_school_sought'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LABELS: Record<StepKind, { nl: string; en: string }> = {
  hearing: { nl: 'gehoord (hoor en wederhoor)', en: 'heard (their side of the story)' },
  inspectie_report: { nl: 'schorsing gemeld bij de Inspectie', en: 'suspension reported to the Inspectorate' },
  inspectie_consulted: { nl: 'Inspectie geraadpleegd', en: 'Inspectorate consulted' },
  other_school_sought: { nl: 'andere school gezocht', en: 'another school sought' },
};

/** Longest suspension of a student in school days (WPO art. 40c: at most one week). */
export const MAX_SUSPENSION_DAYS = 5;

/**
 * The legal steps that must be on record for this person before the measure:
 * - every employee measure: the employee was heard;
 * - removal of a student: the hearing (the group teacher and the parents are heard first, WPO
 *   art. 40); the removal itself also needs its recorded outcome (REMOVAL_OUTCOMES).
 * What the law asks after the decision is not a before-step: informing the Inspectie of a
 * suspension of more than one day (art. 40c) or of a removal decision (art. 40) becomes a task
 * (inspectieTask) that blocks closing the case until it is done with a date.
 * Guardians: no statutory steps (a guardian is not enrolled); the school hears them anyway.
 */
export function requiredSteps(person: { kind: PersonKind }, kind: MeasureKind, _days: number | null): StepKind[] {
  const audience = audienceOf(person.kind);
  if (audience === 'employee') return ['hearing'];
  if (person.kind !== 'student') return [];
  if (kind === 'verwijdering') return ['hearing'];
  return [];
}

/** The task "inform the Inspectie" a student's measure creates, or null (WPO art. 40 and 40c). */
export function inspectieTask(person: { kind: PersonKind }, kind: string, days: number | null): { title: string } | null {
  if (person.kind !== 'student') return null;
  if (kind === 'schorsing' && (days ?? 1) > 1) return { title: 'Meld de schorsing (langer dan één dag) bij de Inspectie van het Onderwijs' };
  if (kind === 'verwijdering') return { title: 'Meld het besluit tot verwijdering bij de Inspectie van het Onderwijs' };
  return null;
}

export type MeasureRefusal =
  | { code: 'not_on_ladder'; message: string }
  | { code: 'not_your_decision'; message: string }
  | { code: 'days_invalid'; message: string }
  | { code: 'removal_outcome_required'; message: string }
  | { code: 'precondition_failed'; message: string; missing: StepKind[] };

/** Checks a measure against the ladder, the decider and the steps on record; null when it may be taken. */
export function checkMeasure(input: {
  person: { kind: PersonKind };
  kind: string;
  days: number | null;
  deciderRoles: ReadonlySet<Role>;
  stepsOnRecord: ReadonlySet<StepKind>;
  removalOutcome?: RemovalOutcome | null | undefined;
}): MeasureRefusal | null {
  const audience = audienceOf(input.person.kind);
  if (!isOnLadder(audience, input.kind)) {
    return { code: 'not_on_ladder', message: `"${input.kind}" is not a measure for ${audience === 'employee' ? 'an employee' : 'a student or guardian'}; choose one of ${LADDERS[audience].join(', ')} (${LADDER_ARTICLE[audience]}).` };
  }
  if (!mayDecide(input.deciderRoles, audience, input.kind)) {
    return { code: 'not_your_decision', message: `Only ${decidersOf(audience, input.kind).join(' or ')} may decide "${input.kind}".` };
  }
  if (input.kind === 'schorsing') {
    const d = input.days;
    const max = audience === 'employee' ? 365 : MAX_SUSPENSION_DAYS;
    if (d === null || !Number.isInteger(d) || d < 1 || d > max) return { code: 'days_invalid', message: `A suspension needs its length in days: 1 to ${max}.` };
  }
  const missing = requiredSteps(input.person, input.kind, input.days).filter((s) => !input.stepsOnRecord.has(s));
  if (missing.length) {
    return { code: 'precondition_failed', message: `First record: ${missing.map((s) => STEP_LABELS[s].en).join(', ')}.`, missing };
  }
  if (input.kind === 'verwijdering' && input.person.kind === 'student' && !input.removalOutcome) {
    return {
      code: 'removal_outcome_required',
      message: 'A student is removed only once another school has agreed to admit them, or after eight weeks of demonstrable search without result (WPO art. 40): record which (removalOutcome).',
    };
  }
  return null;
}

/**
 * Each ladder from light to heavy. The protocol lists D.3 in its own order (warning, suspension,
 * reprimand, ...); by weight a reprimand (berisping, a formal written rebuke) is lighter than a
 * suspension (being sent home from work), and summary dismissal is the heaviest, so the proposal
 * climbs by this order, not by the protocol's list.
 */
export const SEVERITY: Record<Audience, readonly MeasureKind[]> = {
  employee: ['waarschuwing', 'berisping', 'schorsing', 'ontslag', 'ontslag_op_staande_voet'],
  student_or_guardian: ['waarschuwing', 'schorsing', 'verwijdering'],
};

/**
 * A suggestion for proportionality: the lightest measure when there is none on record, else the
 * next step up from the heaviest earlier one, capped at the top. Never summary dismissal (that
 * depends on urgency, not on history): after one the proposal is dismissal. People decide.
 */
export function proposeMeasure(audience: Audience, earlier: readonly string[]): { kind: MeasureKind; reason: string } {
  const order = SEVERITY[audience];
  const proposable = order.filter((k) => k !== 'ontslag_op_staande_voet');
  const heaviest = earlier.reduce((max, k) => Math.max(max, order.indexOf(k as MeasureKind)), -1);
  if (heaviest < 0) return { kind: proposable[0]!, reason: 'no earlier measures on record: start with the lightest' };
  const next = Math.min(heaviest + 1, proposable.length - 1);
  return { kind: proposable[next]!, reason: `earlier measure on record: ${order[heaviest]}` };
}
