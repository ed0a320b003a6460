// The case's life (docs/incidents.md): one pure function decides every status change. It knows
// nothing of the database: the facts it needs (is a police decision still due, are tasks open)
// are handed to it, and it answers the new status or a typed error with a code.

export const STATUSES = ['reported', 'triage', 'investigating', 'decided', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const EVENTS = ['triage', 'investigate', 'decide', 'close', 'dismiss', 'reopen'] as const;
export type IncidentEvent = (typeof EVENTS)[number];

/** Where each event may start and where it leads. Every pair not listed here is refused. */
export const TRANSITIONS: Record<IncidentEvent, { from: readonly IncidentStatus[]; to: IncidentStatus; needsReason: boolean }> = {
  triage: { from: ['reported'], to: 'triage', needsReason: false },
  investigate: { from: ['triage'], to: 'investigating', needsReason: false },
  decide: { from: ['investigating'], to: 'decided', needsReason: false },
  close: { from: ['decided'], to: 'closed', needsReason: false },
  dismiss: { from: ['reported', 'triage'], to: 'closed', needsReason: true },
  reopen: { from: ['closed'], to: 'investigating', needsReason: true },
};

/** What the machine must know about the case besides its status. */
export interface CaseFacts {
  /** The case needs the D.6 decision (category sexual_images_of_minors) and it was not taken yet. */
  policeDecisionPending: boolean;
  /** Open tasks (the D.2 phone report) that must be done before the case closes. */
  openTasks: number;
}

export type TransitionErrorCode = 'transition_not_allowed' | 'reason_required' | 'police_decision_required' | 'open_tasks';

export class TransitionError extends Error {
  constructor(
    readonly code: TransitionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransitionError';
  }
}

export type TransitionResult = { ok: true; status: IncidentStatus } | { ok: false; error: TransitionError };

const NO_FACTS: CaseFacts = { policeDecisionPending: false, openTasks: 0 };

/** The status after `event`, or why not. Pure: same input, same answer. */
export function transition(status: IncidentStatus, event: IncidentEvent, input: { reason?: string | null; facts?: CaseFacts } = {}): TransitionResult {
  const rule = TRANSITIONS[event];
  const facts = input.facts ?? NO_FACTS;
  const fail = (code: TransitionErrorCode, message: string): TransitionResult => ({ ok: false, error: new TransitionError(code, message) });
  if (!rule || !rule.from.includes(status)) {
    return fail('transition_not_allowed', `A case that is "${status}" cannot take the step "${event}".`);
  }
  if (rule.needsReason && !(input.reason ?? '').trim()) {
    return fail('reason_required', `The step "${event}" needs a reason.`);
  }
  if (['decide', 'close', 'dismiss'].includes(event) && facts.policeDecisionPending) {
    return fail('police_decision_required', 'First record the decision whether to report to the police (D.6).');
  }
  if (rule.to === 'closed' && facts.openTasks > 0) {
    return fail('open_tasks', 'First complete the open tasks of this case (such as the phone report, D.2).');
  }
  return { ok: true, status: rule.to };
}

/** The events a case in this status can take now (facts included). */
export function allowedEvents(status: IncidentStatus, facts: CaseFacts = NO_FACTS): IncidentEvent[] {
  return EVENTS.filter((e) => {
    const r = transition(status, e, { reason: 'x', facts });
    return r.ok;
  });
}

/** Days from entering a status to its deadline (null: no deadline). */
export const DUE_DAYS: Record<IncidentStatus, number | null> = { reported: 2, triage: 5, investigating: 20, decided: 10, closed: null };

export function dueAfter(status: IncidentStatus, from: Date): Date | null {
  const days = DUE_DAYS[status];
  return days === null ? null : new Date(from.getTime() + days * 86_400_000);
}

export const STATUS_LABELS: Record<IncidentStatus, { nl: string; en: string }> = {
  reported: { nl: 'gemeld', en: 'reported' },
  triage: { nl: 'wordt beoordeeld', en: 'being assessed' },
  investigating: { nl: 'in onderzoek', en: 'under investigation' },
  decided: { nl: 'besluit genomen', en: 'decided' },
  closed: { nl: 'afgesloten', en: 'closed' },
};
