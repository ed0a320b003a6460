// The pure parts of incident handling (docs/incidents.md): the state machine over every pair of
// status and event, the two ladders, who may decide, the legal steps before a measure, the
// measure proposal and the public form's token.
import { describe, expect, it } from 'vitest';
import { CATEGORIES, needsPoliceDecision } from '../../src/modules/incidents/domain/categories.ts';
import type { Audience, MeasureKind, PersonKind, RemovalOutcome, StepKind } from '../../src/modules/incidents/domain/measures.ts';
import { audienceOf, checkMeasure, decidersOf, EMPLOYEE_MEASURES, inspectieTask, isOnLadder, proposeMeasure, REMOVAL_OUTCOMES, requiredSteps, SEVERITY, STUDENT_MEASURES } from '../../src/modules/incidents/domain/measures.ts';
import type { IncidentEvent, IncidentStatus } from '../../src/modules/incidents/domain/state.ts';
import { allowedEvents, dueAfter, EVENTS, STATUSES, transition, TransitionError } from '../../src/modules/incidents/domain/state.ts';
import { checkFormToken, issueFormToken, MAX_AGE_MS, MIN_FILL_MS } from '../../src/modules/incidents/public-form.ts';
import type { Role } from '../../src/policies/roles.ts';

/** The expected table, written out by hand: from × event → new status, or null (refused). */
const EXPECTED: Record<IncidentStatus, Record<IncidentEvent, IncidentStatus | null>> = {
  reported: { triage: 'triage', investigate: null, decide: null, close: null, dismiss: 'closed', reopen: null },
  triage: { triage: null, investigate: 'investigating', decide: null, close: null, dismiss: 'closed', reopen: null },
  investigating: { triage: null, investigate: null, decide: 'decided', close: null, dismiss: null, reopen: null },
  decided: { triage: null, investigate: null, decide: null, close: 'closed', dismiss: null, reopen: null },
  closed: { triage: null, investigate: null, decide: null, close: null, dismiss: null, reopen: 'investigating' },
};

describe('the state machine', () => {
  for (const from of STATUSES) {
    for (const event of EVENTS) {
      const to = EXPECTED[from][event];
      it(`${from} × ${event} → ${to ?? 'transition_not_allowed'}`, () => {
        const r = transition(from, event, { reason: 'a reason' });
        if (to === null) {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error).toBeInstanceOf(TransitionError);
            expect(r.error.code).toBe('transition_not_allowed');
          }
        } else {
          expect(r).toEqual({ ok: true, status: to });
        }
      });
    }
  }

  it('allows exactly these moves between two statuses (every pair of statuses)', () => {
    const allowed = new Set(['reported>triage', 'reported>closed', 'triage>investigating', 'triage>closed', 'investigating>decided', 'decided>closed', 'closed>investigating']);
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const by = EVENTS.filter((e) => {
          const r = transition(from, e, { reason: 'a reason' });
          return r.ok && r.status === to;
        });
        expect(by.length > 0, `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
        // Never more than one event for the same move: the log says unambiguously what happened.
        expect(by.length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('covers every status as a target and leaves no status a dead end', () => {
    const targets = new Set(STATUSES.flatMap((s) => EVENTS.map((e) => EXPECTED[s][e]).filter(Boolean)));
    expect([...targets].sort()).toEqual(['closed', 'decided', 'investigating', 'triage']);
    for (const s of STATUSES) expect(allowedEvents(s).length).toBeGreaterThan(0);
  });

  it('needs a reason to dismiss and to reopen, and only there', () => {
    for (const [from, event] of [['reported', 'dismiss'], ['triage', 'dismiss'], ['closed', 'reopen']] as const) {
      for (const reason of [undefined, null, '', '   ']) {
        const r = transition(from, event, { reason });
        expect(r.ok || r.error.code).toBe('reason_required');
      }
    }
    expect(transition('reported', 'triage', {})).toEqual({ ok: true, status: 'triage' });
  });

  it('holds decide, close and dismiss until the police decision is taken where it is required', () => {
    const facts = { policeDecisionPending: true, openTasks: 0 };
    for (const [from, event] of [['investigating', 'decide'], ['decided', 'close'], ['triage', 'dismiss']] as const) {
      const r = transition(from, event, { reason: 'x', facts });
      expect(r.ok || r.error.code).toBe('police_decision_required');
    }
    expect(transition('reported', 'triage', { facts }).ok).toBe(true);
    expect(transition('closed', 'reopen', { reason: 'x', facts }).ok).toBe(true);
  });

  it('does not close a case with open tasks', () => {
    const facts = { policeDecisionPending: false, openTasks: 1 };
    expect((transition('decided', 'close', { facts }) as { error: TransitionError }).error.code).toBe('open_tasks');
    expect((transition('reported', 'dismiss', { reason: 'x', facts }) as { error: TransitionError }).error.code).toBe('open_tasks');
    expect(transition('investigating', 'decide', { facts })).toEqual({ ok: true, status: 'decided' });
    expect(allowedEvents('decided', facts)).toEqual([]);
  });

  it('sets a deadline per step and none when closed', () => {
    const t = new Date('2026-11-26T10:00:00Z');
    expect(dueAfter('reported', t)!.toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(dueAfter('investigating', t)!.toISOString()).toBe('2026-12-16T10:00:00.000Z');
    expect(dueAfter('closed', t)).toBeNull();
  });
});

const KINDS: PersonKind[] = ['employee', 'other', 'student', 'guardian'];
const ALL_MEASURES = [...new Set<string>([...EMPLOYEE_MEASURES, ...STUDENT_MEASURES])];
const roles = (...r: Role[]) => new Set<Role>(r);
const allSteps = new Set<StepKind>(['hearing', 'inspectie_report', 'inspectie_consulted', 'other_school_sought']);

describe('the ladders', () => {
  it('gives employees D.3 and students and guardians D.5, nothing else', () => {
    for (const kind of KINDS) {
      const audience = audienceOf(kind);
      expect(audience).toBe(kind === 'student' || kind === 'guardian' ? 'student_or_guardian' : 'employee');
      for (const m of ALL_MEASURES) {
        const expected = (audience === 'employee' ? (EMPLOYEE_MEASURES as readonly string[]) : (STUDENT_MEASURES as readonly string[])).includes(m);
        expect(isOnLadder(audience, m)).toBe(expected);
        const r = checkMeasure({ person: { kind }, kind: m, days: 1, deciderRoles: roles('board'), stepsOnRecord: allSteps, removalOutcome: 'other_school_found' });
        expect(r?.code ?? 'ok').toBe(expected ? 'ok' : 'not_on_ladder');
      }
    }
    expect(checkMeasure({ person: { kind: 'student' }, kind: 'berisping', days: null, deciderRoles: roles('board'), stepsOnRecord: allSteps, removalOutcome: 'other_school_found' })?.code).toBe('not_on_ladder');
    expect(checkMeasure({ person: { kind: 'employee' }, kind: 'verwijdering', days: null, deciderRoles: roles('board'), stepsOnRecord: allSteps, removalOutcome: 'other_school_found' })?.code).toBe('not_on_ladder');
  });
});

describe('who decides', () => {
  const everyRole: Role[] = ['board', 'director', 'supervisor', 'internal_supervisor', 'communication_officer', 'hr', 'confidential_adviser', 'data_protection_officer', 'employee', 'student', 'guardian'];
  const cases: [Audience, MeasureKind, Role[]][] = [
    ['employee', 'waarschuwing', ['board', 'director']],
    ['employee', 'schorsing', ['board', 'director']],
    ['employee', 'berisping', ['board', 'director']],
    ['employee', 'ontslag', ['board']],
    ['employee', 'ontslag_op_staande_voet', ['board']],
    ['student_or_guardian', 'waarschuwing', ['board', 'director']],
    ['student_or_guardian', 'schorsing', ['board', 'director']],
    ['student_or_guardian', 'verwijdering', ['board', 'director']],
  ];
  for (const [audience, kind, allowed] of cases) {
    it(`${kind} for ${audience}: ${allowed.join(', ')}`, () => {
      expect([...decidersOf(audience, kind)].sort()).toEqual([...allowed].sort());
      const person = { kind: audience === 'employee' ? ('employee' as const) : ('student' as const) };
      for (const role of everyRole) {
        const r = checkMeasure({ person, kind, days: 1, deciderRoles: roles(role), stepsOnRecord: allSteps, removalOutcome: 'other_school_found' });
        expect(r?.code ?? 'ok', role).toBe(allowed.includes(role) ? 'ok' : 'not_your_decision');
      }
    });
  }

  it('only the board decides a dismissal, even when the director holds other roles too', () => {
    const r = checkMeasure({ person: { kind: 'employee' }, kind: 'ontslag', days: null, deciderRoles: roles('director', 'hr', 'supervisor'), stepsOnRecord: allSteps, removalOutcome: 'other_school_found' });
    expect(r).toMatchObject({ code: 'not_your_decision' });
  });
});

describe('the legal steps around a measure', () => {
  const check = (kind: PersonKind, m: string, days: number | null, steps: StepKind[], removalOutcome?: RemovalOutcome) =>
    checkMeasure({ person: { kind }, kind: m, days, deciderRoles: roles('board'), stepsOnRecord: new Set(steps), removalOutcome });

  it('hears the employee before any employee measure', () => {
    for (const m of EMPLOYEE_MEASURES) {
      expect(check('employee', m, 2, [])).toMatchObject({ code: 'precondition_failed', missing: ['hearing'] });
      expect(check('employee', m, 2, ['hearing'])).toBeNull();
    }
  });

  it('suspends a student without a prior Inspectie step; more than one day makes the task to inform the Inspectie (WPO art. 40c)', () => {
    expect(check('student', 'schorsing', 1, [])).toBeNull();
    expect(check('student', 'schorsing', 2, [])).toBeNull();
    expect(inspectieTask({ kind: 'student' }, 'schorsing', 1)).toBeNull();
    expect(inspectieTask({ kind: 'student' }, 'schorsing', 2)?.title).toMatch(/Inspectie/);
    expect(inspectieTask({ kind: 'guardian' }, 'schorsing', 3)).toBeNull();
    expect(inspectieTask({ kind: 'student' }, 'waarschuwing', null)).toBeNull();
    expect(check('student', 'schorsing', 6, [])).toMatchObject({ code: 'days_invalid' });
    expect(check('student', 'schorsing', null, [])).toMatchObject({ code: 'days_invalid' });
    expect(check('student', 'schorsing', 1.5, [])).toMatchObject({ code: 'days_invalid' });
  });

  it('removes a student only after the hearing and with a recorded outcome of the search for another school (WPO art. 40)', () => {
    expect(check('student', 'verwijdering', null, [])).toMatchObject({ code: 'precondition_failed', missing: ['hearing'] });
    expect(check('student', 'verwijdering', null, ['hearing'])).toMatchObject({ code: 'removal_outcome_required' });
    for (const outcome of REMOVAL_OUTCOMES) expect(check('student', 'verwijdering', null, ['hearing'], outcome)).toBeNull();
    expect(inspectieTask({ kind: 'student' }, 'verwijdering', null)?.title).toMatch(/verwijdering bij de Inspectie/);
  });

  it('asks no statutory steps for a guardian or a warning to a student', () => {
    expect(requiredSteps({ kind: 'guardian' }, 'verwijdering', null)).toEqual([]);
    expect(requiredSteps({ kind: 'guardian' }, 'schorsing', 3)).toEqual([]);
    expect(requiredSteps({ kind: 'student' }, 'waarschuwing', null)).toEqual([]);
  });
});

describe('the measure proposal', () => {
  it('starts with the lightest and climbs one rung by severity, never to summary dismissal', () => {
    expect(SEVERITY.employee).toEqual(['waarschuwing', 'berisping', 'schorsing', 'ontslag', 'ontslag_op_staande_voet']);
    expect(proposeMeasure('employee', []).kind).toBe('waarschuwing');
    // After a warning the reprimand, not a suspension: the reprimand is lighter.
    expect(proposeMeasure('employee', ['waarschuwing']).kind).toBe('berisping');
    expect(proposeMeasure('employee', ['waarschuwing', 'berisping']).kind).toBe('schorsing');
    expect(proposeMeasure('employee', ['schorsing', 'waarschuwing']).kind).toBe('ontslag');
    expect(proposeMeasure('employee', ['ontslag']).kind).toBe('ontslag');
    // Capped at the top, never back down to a warning.
    expect(proposeMeasure('employee', ['ontslag_op_staande_voet']).kind).toBe('ontslag');
    expect(proposeMeasure('employee', ['unknown']).kind).toBe('waarschuwing');
    expect(proposeMeasure('student_or_guardian', ['schorsing']).kind).toBe('verwijdering');
    expect(proposeMeasure('student_or_guardian', ['verwijdering', 'waarschuwing']).kind).toBe('verwijdering');
  });
});

describe('categories', () => {
  it('routes only sexual images of minors to the required police decision', () => {
    expect(CATEGORIES.filter(needsPoliceDecision)).toEqual(['sexual_images_of_minors']);
  });
});

describe('the public form token', () => {
  const school = '11111111-1111-4111-8111-111111111111';
  const t0 = Date.parse('2026-11-26T10:00:00Z');
  it('is refused when sent too fast, too late, for another school or altered', () => {
    const token = issueFormToken(school, t0);
    expect(checkFormToken(token, school, t0 + 500)).toBe('spam_suspected');
    expect(checkFormToken(token, school, t0 + MIN_FILL_MS)).toBeNull();
    expect(checkFormToken(token, school, t0 + MAX_AGE_MS + 1)).toBe('form_expired');
    expect(checkFormToken(token, '22222222-2222-4222-8222-222222222222', t0 + MIN_FILL_MS)).toBe('form_expired');
    const [issued, nonce, mac] = token.split('.');
    expect(checkFormToken(`${(parseInt(issued!, 36) - 10_000).toString(36)}.${nonce}.${mac}`, school, t0 + MIN_FILL_MS)).toBe('form_expired');
    expect(checkFormToken(`${issued}.AAAAAAAAAAAAAAAA.${mac}`, school, t0 + MIN_FILL_MS)).toBe('form_expired');
    // Every form gets its own nonce, so each token can be used once (the table in service.ts).
    expect(issueFormToken(school, t0)).not.toBe(token);
    expect(checkFormToken('garbage', school, t0)).toBe('form_expired');
  });
});
