// The simple roster CSV (docs/roster-import.md): one row per person.
//   id,kind,given_name,prefix,family_name,nicknames,birth_date,group,guardian_of,function,supervisor_id,email
import type { CsvTable } from './csv.ts';
import { checkName, groupCode, hasControlCharacters, isEmail, MAX_ID_LENGTH, parseDate, splitList } from './fields.ts';
import type { PersonKind, RosterPerson, RosterProblem } from './types.ts';
import { fileError } from './types.ts';

export const SIMPLE_COLUMNS = [
  'id',
  'kind',
  'given_name',
  'prefix',
  'family_name',
  'nicknames',
  'birth_date',
  'group',
  'guardian_of',
  'function',
  'supervisor_id',
  'email',
] as const;
export type SimpleColumn = (typeof SIMPLE_COLUMNS)[number];
export const REQUIRED_COLUMNS: SimpleColumn[] = ['id', 'kind', 'given_name', 'family_name'];

/** Kinds, with the Dutch words a school's export may use. */
const KINDS: Record<string, PersonKind> = {
  student: 'student',
  leerling: 'student',
  employee: 'employee',
  medewerker: 'employee',
  staff: 'employee',
  guardian: 'guardian',
  ouder: 'guardian',
  verzorger: 'guardian',
  parent: 'guardian',
  other: 'other',
  overig: 'other',
};

const normaliseHeader = (h: string): string => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Does this header look like the simple format? (For format detection.) */
export function looksSimple(header: string[]): boolean {
  const cols = new Set(header.map(normaliseHeader));
  return cols.has('id') && cols.has('kind');
}

/** Reads the rows of a simple roster CSV. Header problems throw; row problems are collected. */
export function readSimpleCsv(table: CsvTable, file: string, today: Date): { people: RosterPerson[]; problems: RosterProblem[]; badIds: Set<string> } {
  const header = table.header.map(normaliseHeader);
  const known = new Set<string>(SIMPLE_COLUMNS);
  const unknown = header.filter((h) => !known.has(h));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  const headerProblems: string[] = [];
  if (missing.length) headerProblems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (unknown.length) headerProblems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => (u === '' ? '(empty)' : `"${u}"`)).join(', ')}`);
  if (repeated.length) headerProblems.push(`repeated column${repeated.length > 1 ? 's' : ''} ${[...new Set(repeated)].join(', ')}`);
  if (headerProblems.length) {
    throw fileError(`the header has ${headerProblems.join('; ')} (the columns are ${SIMPLE_COLUMNS.join(', ')}; see docs/roster-import.md)`, file, table.headerLine);
  }
  const index = new Map(header.map((h, i) => [h, i]));
  const problems: RosterProblem[] = [];
  const people: RosterPerson[] = [];
  const badIds = new Set<string>();
  const firstLine = new Map<string, number>();

  for (const row of table.rows) {
    const reasons: string[] = [];
    if (row.fields.length !== header.length) {
      reasons.push(
        row.fields.length < header.length
          ? `has ${row.fields.length} column${row.fields.length === 1 ? '' : 's'}, the header has ${header.length} (missing column)`
          : `has ${row.fields.length} columns, the header has ${header.length} (is a value with a "${table.delimiter}" not quoted?)`,
      );
      problems.push({ line: row.line, reason: reasons[0]!, file });
      const id = (row.fields[index.get('id')!] ?? '').trim();
      if (id) badIds.add(id);
      continue;
    }
    const get = (c: SimpleColumn): string => {
      const i = index.get(c);
      return i === undefined ? '' : (row.fields[i] ?? '').trim();
    };

    const id = get('id');
    const seen = id === '' ? undefined : firstLine.get(id);
    if (seen !== undefined) reasons.push(`id "${id}" appears more than once in the file (also on line ${seen})`);
    else if (id !== '') firstLine.set(id, row.line);
    if (id === '') reasons.push('id is empty');
    else if (id.length > MAX_ID_LENGTH) reasons.push(`id is longer than ${MAX_ID_LENGTH} characters`);
    else if (hasControlCharacters(id)) reasons.push('id contains a control character');

    const kindText = get('kind');
    const kind = KINDS[kindText.toLowerCase()];
    if (!kind) reasons.push(kindText === '' ? 'kind is empty (use student, employee, guardian or other)' : `unknown kind "${kindText}" (use student, employee, guardian or other)`);

    const names = {
      givenName: checkName(get('given_name'), 'given_name', true),
      prefix: checkName(get('prefix'), 'prefix', false),
      familyName: checkName(get('family_name'), 'family_name', true),
    };
    for (const r of Object.values(names)) if ('reason' in r) reasons.push(r.reason);

    const nicknames = splitList(get('nicknames'));
    for (const n of nicknames) {
      const r = checkName(n, 'a nickname', true);
      if ('reason' in r) reasons.push(r.reason);
    }

    const birthText = get('birth_date');
    const birthDate = birthText === '' ? null : parseDate(birthText, today);
    if (birthText !== '' && !birthDate) reasons.push(`birth_date "${birthText}" is not a date (use YYYY-MM-DD or DD-MM-YYYY)`);

    const email = get('email') || null;
    if (email && !isEmail(email)) reasons.push(`email "${email}" is not an e-mail address`);

    const groups = splitList(get('group')).map(groupCode).filter((g) => g !== '');
    const guardianOf = splitList(get('guardian_of'));
    const fn = checkName(get('function'), 'function', false);
    if ('reason' in fn) reasons.push(fn.reason);
    const supervisorId = get('supervisor_id') || null;

    if (kind && kind !== 'student' && kind !== 'employee' && groups.length) reasons.push(`group is only for students and employees, not for a ${kind}`);
    if (kind === 'student' && groups.length > 1) reasons.push(`a student is in one group, not ${groups.length} (${groups.join(', ')})`);
    if (kind && kind !== 'guardian' && guardianOf.length) reasons.push(`guardian_of is only for guardians, not for a ${kind}`);
    if (kind === 'guardian' && guardianOf.length === 0) reasons.push('guardian_of is empty: list the ids of the guardian’s children');
    if (kind && kind !== 'employee' && supervisorId) reasons.push(`supervisor_id is only for employees, not for a ${kind}`);
    if (kind && kind !== 'employee' && 'value' in fn && fn.value) reasons.push(`function is only for employees, not for a ${kind}`);

    if (reasons.length) {
      problems.push({ line: row.line, reason: reasons.join('; '), file });
      if (id) badIds.add(id);
      continue;
    }
    people.push({
      externalId: id,
      kind: kind!,
      givenName: (names.givenName as { value: string }).value,
      prefix: (names.prefix as { value: string | null }).value,
      familyName: (names.familyName as { value: string }).value,
      nicknames,
      birthDate,
      email,
      group: kind === 'student' ? (groups[0] ?? null) : null,
      teaches: kind === 'employee' ? groups : [],
      guardianOf,
      function: (fn as { value: string | null }).value,
      supervisorId,
      source: { file, line: row.line },
    });
  }
  return { people, problems, badIds };
}
