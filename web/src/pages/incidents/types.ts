// The shapes the incident pages exchange with the server (docs/incidents.md, section "API").

export type Status = 'reported' | 'triage' | 'investigating' | 'decided' | 'closed';
export const STATUSES: Status[] = ['reported', 'triage', 'investigating', 'decided', 'closed'];
export type TransitionEvent = 'triage' | 'investigate' | 'decide' | 'close' | 'dismiss' | 'reopen';
export const CATEGORIES = ['bullying', 'threat', 'defamation', 'privacy', 'discrimination', 'sexual_images_of_minors', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEXUAL_IMAGES: Category = 'sexual_images_of_minors';
export type PersonRole = 'subject' | 'affected' | 'witness';
export type Audience = 'employee' | 'student_or_guardian';
export type StepKind = 'hearing' | 'inspectie_report' | 'inspectie_consulted' | 'other_school_sought';

/** D.3 for employees, D.5 for students and parents: light to heavy. */
export const LADDERS: Record<Audience, string[]> = {
  employee: ['waarschuwing', 'schorsing', 'berisping', 'ontslag', 'ontslag_op_staande_voet'],
  student_or_guardian: ['waarschuwing', 'schorsing', 'verwijdering'],
};
/** Light to heavy (a reprimand is lighter than a suspension): the order of the proposal (server: domain/measures.ts SEVERITY). */
export const SEVERITY: Record<Audience, string[]> = {
  employee: ['waarschuwing', 'berisping', 'schorsing', 'ontslag', 'ontslag_op_staande_voet'],
  student_or_guardian: ['waarschuwing', 'schorsing', 'verwijdering'],
};
/** How a student's removal may go ahead (WPO art. 40). */
export const REMOVAL_OUTCOMES = ['other_school_found', 'eight_weeks_without_result'] as const;
/** Only the board decides these (D.3). */
export const BOARD_ONLY = ['ontslag', 'ontslag_op_staande_voet'];

export interface Label {
  nl: string;
  en: string;
}

export interface ListItem {
  id: string;
  status: Status;
  category: Category;
  articles: string[];
  summary: string;
  assignedTo: string | null;
  assignedName: string | null;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  source: 'signed_in' | 'public';
  policeDecisionRequired: boolean;
}

export interface RosterHit {
  id: string;
  name: string;
  kind: string;
  group?: string | null;
}

export interface CasePerson {
  personId: string;
  name: string;
  kind: string;
  audience: Audience;
  role: PersonRole;
  earlierIncidents: { id: string; status: Status; category: Category; createdAt: string }[];
  earlierMeasures: { kind: string; decidedOn: string; incidentId: string }[];
  proposal?: { kind: string; label: Label; reason: string } | null;
}

export interface CaseEvent {
  id: number;
  type: string;
  at: string;
  actorId: string | null;
  visibility: 'internal' | 'shareable';
  payload: Record<string, unknown>;
}

export interface CallRecord {
  date: string;
  time: string;
  caller: string;
  reference: string;
  advice: string;
}

/** The record of the Inspectie notice (task kind inspectie_melding). */
export interface InspectieRecord {
  date: string;
  reference?: string;
  note?: string;
}

export interface Task {
  id: string;
  /** lvi_call (D.2) or inspectie_melding (WPO art. 40/40c). */
  kind: string;
  title: string;
  phone: string | null;
  status: 'open' | 'done' | 'cancelled';
  call: (CallRecord & InspectieRecord) | null;
  measureId?: string | null;
  createdAt: string;
  closedAt: string | null;
}

export interface CaseView {
  id: string;
  schoolId: string;
  status: Status;
  category: Category;
  articles: string[];
  text: string;
  link: string | null;
  source: 'signed_in' | 'public';
  anonymous: boolean;
  reporter: { accountId?: string; name?: string | null; contact?: string | null } | null;
  assignedTo: string | null;
  assignedName: string | null;
  dueAt: string | null;
  flags: { plichtsverzuim: boolean; verwijtbaarGedrag: boolean };
  policeDecisionRequired: boolean;
  police: { report: boolean; rationale: string; reportedOn?: string | null; policeReference?: string | null; decidedAt: string } | null;
  qualification: { personId: string; grensoverschrijdend: boolean; rationale: string; decidedAt: string } | null;
  allowedEvents: TransitionEvent[];
  people: CasePerson[];
  steps: { id: string; personId: string; kind: StepKind; on: string; note?: string | null; recordedAt: string }[];
  measures: { id: string; personId: string; audience: Audience; kind: string; label: Label; days: number | null; removalOutcome?: string | null; decidedBy: string; decidedOn: string; rationale: string }[];
  tasks: Task[];
  events: CaseEvent[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ReporterView {
  id: string;
  status: Status;
  category: Category;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  outcome: string | null;
  /** status_changed (from, to), note (text) and reported. */
  events: { type: string; at: string; text?: string; from?: Status; to?: Status }[];
}

export interface MyItem {
  id: string;
  status: Status;
  category: Category;
  createdAt: string;
  updatedAt: string;
}

export interface PublicForm {
  school: { id: string; name: string };
  categories: { code: Category; label: Label; noImages: boolean }[];
  formToken: string;
  minSeconds: number;
}
