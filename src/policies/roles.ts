// The roles a person can hold at a school, with their names for people. Roles are held per school:
// a teacher at two schools holds "employee" twice, once at each.
import { role } from '../db/schema/accounts.ts';

export const ROLES = role.enumValues;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { nl: string; en: string }> = {
  board: { nl: 'bevoegd gezag (bestuur)', en: 'board' },
  director: { nl: 'directeur', en: 'director' },
  supervisor: { nl: 'leidinggevende', en: 'supervisor' },
  internal_supervisor: { nl: 'intern begeleider', en: 'internal student supervisor' },
  communication_officer: { nl: 'communicatiemedewerker', en: 'communication officer' },
  hr: { nl: 'HR (personeelszaken)', en: 'HR' },
  confidential_adviser: { nl: 'vertrouwenspersoon', en: 'confidential adviser' },
  data_protection_officer: { nl: 'functionaris gegevensbescherming (FG)', en: 'data-protection officer' },
  employee: { nl: 'medewerker', en: 'employee' },
  student: { nl: 'leerling', en: 'student' },
  guardian: { nl: 'ouder of verzorger', en: 'parent or guardian' },
};

/** Roles that see sanctions, personnel files or the whole board's data: they sign in with a second factor (TOTP). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['board', 'hr', 'data_protection_officer'];

/** Everyone who works for the school, in whatever role. */
export const STAFF_ROLES: readonly Role[] = [
  'board',
  'director',
  'supervisor',
  'internal_supervisor',
  'communication_officer',
  'hr',
  'confidential_adviser',
  'data_protection_officer',
  'employee',
];

/** Roles that lead people: they answer "ask my supervisor" and see their school's posts. */
export const LEADING_ROLES: readonly Role[] = ['board', 'director', 'supervisor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
