// Factories for engine tests: a small Amsterdam primary school and a post, overridable per test.
import type { CaseInput, CheckResult, Finding } from '../case.ts';
import { checkCase } from '../check.ts';

export const ROSTER: NonNullable<CaseInput['roster']> = [
  { id: 's1', kind: 'student', givenName: 'Sanne', prefix: 'de', familyName: 'Vries', group: '5b', birthDate: '2017-04-02', nicknames: ['Sanna'] },
  { id: 's2', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-01-15' },
  { id: 's3', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '3', birthDate: '2019-10-10' },
  { id: 's4', kind: 'student', givenName: 'Zoë', familyName: 'Çelik', group: '7a', birthDate: '2015-06-30' },
  { id: 's5', kind: 'student', givenName: 'Daan', prefix: 'van der', familyName: 'Berg', group: '7a', nicknames: ['Danny'] },
  { id: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani', function: 'leerkracht', groups: ['5b'] },
  { id: 'e2', kind: 'employee', givenName: 'Anouk', familyName: 'Vermeulen', function: 'directeur' },
  { id: 'g1', kind: 'guardian', givenName: 'Petra', prefix: 'de', familyName: 'Vries', guardianOf: ['s1'] },
  { id: 'g2', kind: 'guardian', givenName: 'Emre', familyName: 'Demir', guardianOf: ['s2'] },
];

export const SCHOOL: NonNullable<CaseInput['school']> = {
  name: 'Basisschool De Regenboog',
  aliases: ['De Regenboog'],
  contact: { phone: '020 - 555 01 23', email: 'info@deregenboog.example' },
  timezone: 'Europe/Amsterdam',
  holidays: [['2026-12-19', '2027-01-03']],
};

type PostInput = CaseInput['post'];

/** A case: a guardian posting on a personal channel on a Thursday evening, unless overridden. */
export function buildCase(post: Partial<PostInput> = {}, rest: Partial<Omit<CaseInput, 'post'>> = {}): CaseInput {
  return {
    organization: { name: 'ASKO', aliases: ['Amsterdamse Stichting voor Katholiek Onderwijs'] },
    school: SCHOOL,
    roster: ROSTER,
    consents: [],
    permissions: [],
    ...rest,
    post: {
      author: { personId: 'g1' },
      situation: 'private',
      channel: { kind: 'personal', platform: 'facebook' },
      at: '2026-11-26T19:00:00+01:00',
      text: '',
      ...post,
    },
  };
}

export function check(post: Partial<PostInput> = {}, rest: Partial<Omit<CaseInput, 'post'>> = {}): CheckResult {
  return checkCase(buildCase(post, rest));
}

/** Findings with the given code (or rule). */
export function findings(r: CheckResult, code: string): Finding[] {
  return r.findings.filter((f) => f.code === code || f.rule === code);
}

/** The text a finding's span covers. */
export function spanText(text: string, f: Finding): string | undefined {
  return f.span ? text.slice(f.span[0], f.span[1]) : undefined;
}
