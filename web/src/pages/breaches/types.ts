// The shapes of the breach register as the API answers them (src/modules/breaches/service.ts).
export const KINDS = ['photo_without_consent', 'file_wrong_person', 'email_wrong_address', 'lost_device', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export const RISKS = ['none', 'low', 'risk', 'high'] as const;
export type Risk = (typeof RISKS)[number];
export type Status = 'possible' | 'registered' | 'no_breach' | 'closed';
export type DeadlineState = 'open' | 'overdue' | 'notified' | 'notified_late' | 'not_required';

export interface Deadline {
  deadlineAt: string;
  deadlineLocal: string;
  state: DeadlineState;
  minutesLeft: number;
  label: { nl: string; en: string };
}

export interface Breach {
  id: string;
  schoolId: string;
  schoolIds: string[];
  status: Status;
  kind: Kind;
  source: string;
  sourceRef: string | null;
  title: string;
  discoveredAt: string;
  description: string;
  dataCategories: string[];
  approxPeople: number | null;
  peopleIds: string[];
  consequences: string;
  measures: string;
  reportedAt: string;
  risk: Risk | null;
  assessment: string | null;
  notifyAuthority: boolean | null;
  informPeople: boolean | null;
  noInformReason: string | null;
  assessedAt: string | null;
  authorityNotifiedAt: string | null;
  authorityReference: string | null;
  lateReason: string | null;
  peopleInformedAt: string | null;
  peopleInformedHow: string | null;
  closedAt: string | null;
  deadline: Deadline;
}

export interface BreachDetail extends Breach {
  people: { id: string; kind: string; name: string }[];
  history: { id: number; type: string; actor: string; actorName: string | null; at: string; data: Record<string, unknown> }[];
}
