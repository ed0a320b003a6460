// Demo sign-ins: one account for every role, at the first demo school (board, HR and the FG at
// both), linked to fitting people of the demo roster. They share one demo password, printed at
// start; board, HR and FG set up their second factor (TOTP) at their first sign-in, as for real.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accounts } from '../../db/schema/index.ts';
import type { Role } from '../../policies/index.ts';
import { ROLE_NAMES } from '../../policies/index.ts';
import { createAccount } from '../accounts/service.ts';
import type { DemoPlan } from './seed.ts';
import { fullName } from './seed.ts';

/** Only for the demo's made-up people, on the demo's own database. */
export const DEMO_PASSWORD = 'postwijzer-demo';

export interface DemoAccountSpec {
  role: Role;
  email: string;
  /** Which person of the first demo school the account is, if any. */
  person?: 'director' | 'internal_supervisor' | 'teacher' | 'second_teacher' | 'third_teacher' | 'administration' | 'guardian' | 'student';
  /** Holds the role at every demo school. */
  allSchools?: boolean;
  name?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { role: 'board', email: 'bestuur@demo.postwijzer.nl', allSchools: true, name: 'Demo Bestuur' },
  { role: 'director', email: 'directeur@demo.postwijzer.nl', person: 'director' },
  { role: 'supervisor', email: 'leidinggevende@demo.postwijzer.nl', person: 'second_teacher' },
  { role: 'internal_supervisor', email: 'ib@demo.postwijzer.nl', person: 'internal_supervisor' },
  { role: 'communication_officer', email: 'communicatie@demo.postwijzer.nl', person: 'administration' },
  { role: 'hr', email: 'hr@demo.postwijzer.nl', allSchools: true, name: 'Demo HR' },
  { role: 'confidential_adviser', email: 'vertrouwenspersoon@demo.postwijzer.nl', person: 'third_teacher' },
  { role: 'data_protection_officer', email: 'fg@demo.postwijzer.nl', allSchools: true, name: 'Demo FG' },
  { role: 'employee', email: 'leerkracht@demo.postwijzer.nl', person: 'teacher' },
  { role: 'student', email: 'leerling@demo.postwijzer.nl', person: 'student' },
  { role: 'guardian', email: 'ouder@demo.postwijzer.nl', person: 'guardian' },
];

/** Creates the demo accounts in the seeding transaction. */
export async function seedDemoAccounts(tx: DbOrTx, plan: DemoPlan): Promise<void> {
  const first = plan.schools[0]!;
  const fn = new Map(first.employments.map((e) => [e.personId, e.function]));
  const staff = first.people.filter((p) => p.kind === 'employee');
  const teachers = staff.filter((p) => fn.get(p.id) === 'leerkracht');
  const childOf = new Map(first.guardianships.map((g) => [g.guardianId, g.studentId]));
  const groupOf = new Map(first.groups.map((g) => [g.id, g.code]));
  const pick = {
    director: staff.find((p) => fn.get(p.id) === 'directeur'),
    internal_supervisor: staff.find((p) => fn.get(p.id) === 'intern begeleider'),
    teacher: teachers[0],
    second_teacher: teachers[1],
    third_teacher: teachers[2],
    administration: staff.find((p) => fn.get(p.id) === 'administratief medewerker'),
    guardian: first.people.find((p) => p.kind === 'guardian' && childOf.has(p.id)),
    student: first.people.find((p) => p.kind === 'student' && p.groupId && groupOf.get(p.groupId) === '8'),
  };
  for (const spec of DEMO_ACCOUNTS) {
    const person = spec.person ? pick[spec.person] : undefined;
    if (spec.person && !person) throw new Error(`the demo roster has no ${spec.person}`);
    const schools = spec.allSchools ? plan.schools : [first];
    await createAccount(tx, {
      email: spec.email,
      displayName: person ? fullName(person) : (spec.name ?? ROLE_NAMES[spec.role].nl),
      password: DEMO_PASSWORD,
      roles: schools.map((s) => ({ schoolId: s.school.id, role: spec.role, personId: person && s === first ? person.id : null })),
      createdBy: 'system',
    });
  }
}

/** The demo sign-ins present in the database, for the start-up message. */
export async function findDemoAccounts(db: DbOrTx): Promise<DemoAccountSpec[]> {
  const rows = await db.select({ email: accounts.email }).from(accounts).where(inArray(accounts.email, DEMO_ACCOUNTS.map((a) => a.email)));
  const present = new Set(rows.map((r) => r.email));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email));
}

/** Lines for the console: which address signs in as which role. */
export function demoSignInLines(list: readonly DemoAccountSpec[]): string[] {
  if (!list.length) return [];
  const width = Math.max(...list.map((a) => a.email.length));
  return [
    `Aanmelden in de demo, met wachtwoord "${DEMO_PASSWORD}":`,
    ...list.map((a) => `  ${a.email.padEnd(width)}  ${ROLE_NAMES[a.role].nl}${a.allSchools ? ' (alle demoscholen)' : ''}`),
    '  Bestuur, HR en FG stellen bij de eerste aanmelding een tweede factor (TOTP) in.',
  ];
}
