// OneRoster 1.1 CSV (bulk): users.csv (required), orgs.csv, classes.csv, enrollments.csv and
// demographics.csv. sourcedIds become our external ids, classes become groups, teachers'
// enrollments become group_staff, parents and guardians are linked through agentSourcedIds.
import type { CsvRow, CsvTable } from './csv.ts';
import { checkName, groupCode, hasControlCharacters, isEmail, MAX_ID_LENGTH, parseDate, splitList } from './fields.ts';
import type { PersonKind, RosterGroup, RosterPerson, RosterProblem } from './types.ts';
import { fileError } from './types.ts';

export const ONEROSTER_FILES = ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv', 'demographics.csv'] as const;
/** Files of the OneRoster bulk format that a roster does not need: accepted and not read. */
const IGNORED_FILES = new Set(
  ['manifest', 'academicsessions', 'courses', 'categories', 'lineitems', 'results', 'resources', 'classresources', 'courseresources'].map((n) => `${n}.csv`),
);

const ROLES: Record<string, PersonKind> = {
  student: 'student',
  teacher: 'employee',
  administrator: 'employee',
  aide: 'employee',
  parent: 'guardian',
  guardian: 'guardian',
  relative: 'guardian',
};

export function looksOneRoster(header: string[]): boolean {
  return header.some((h) => h.trim().toLowerCase() === 'sourcedid');
}

/** Which OneRoster file a name is: "users.csv", "Users.CSV", "export/users.csv" → "users.csv". */
export function oneRosterFileName(name: string): string | null {
  const base = (name.split(/[\\/]/).pop() ?? '').toLowerCase();
  if ((ONEROSTER_FILES as readonly string[]).includes(base) || IGNORED_FILES.has(base)) return base;
  return null;
}
export const isIgnoredOneRosterFile = (name: string): boolean => IGNORED_FILES.has(name);

interface Sheet {
  file: string;
  rows: CsvRow[];
  col(name: string): number | undefined;
}

function sheet(file: string, table: CsvTable, required: string[]): Sheet {
  const header = table.header.map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !header.includes(r.toLowerCase()));
  if (missing.length) throw fileError(`the header misses the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (OneRoster 1.1)`, file, table.headerLine);
  const index = new Map(header.map((h, i) => [h, i]));
  return { file, rows: table.rows, col: (name) => index.get(name.toLowerCase()) };
}

const field = (s: Sheet, row: CsvRow, name: string): string => {
  const i = s.col(name);
  return i === undefined ? '' : (row.fields[i] ?? '').trim();
};
const deleted = (s: Sheet, row: CsvRow): boolean => field(s, row, 'status').toLowerCase() === 'tobedeleted';

export interface OneRosterResult {
  people: RosterPerson[];
  groups: RosterGroup[];
  problems: RosterProblem[];
  badIds: Set<string>;
}

/** Reads the OneRoster files (by name: users.csv, ...). `brin` limits the roster to that school's org when orgs.csv names it. */
export function readOneRoster(tables: Map<string, CsvTable>, opts: { brin?: string; today: Date }): OneRosterResult {
  const usersTable = tables.get('users.csv');
  if (!usersTable) throw fileError('a OneRoster roster needs users.csv (with orgs.csv, classes.csv, enrollments.csv and demographics.csv as they apply)');
  const problems: RosterProblem[] = [];
  const badIds = new Set<string>();
  const problem = (s: Sheet, row: CsvRow, reason: string) => problems.push({ file: s.file, line: row.line, reason });

  // The school's org, when orgs.csv names the BRIN.
  let schoolOrg: string | null = null;
  const orgsTable = tables.get('orgs.csv');
  if (orgsTable && opts.brin) {
    const orgs = sheet('orgs.csv', orgsTable, ['sourcedId']);
    for (const row of orgs.rows) {
      if (field(orgs, row, 'identifier').toLowerCase() === opts.brin.toLowerCase() && !deleted(orgs, row)) schoolOrg = field(orgs, row, 'sourcedId');
    }
  }

  const users = sheet('users.csv', usersTable, ['sourcedId', 'role', 'givenName', 'familyName']);
  const people = new Map<string, RosterPerson>();
  const list: RosterPerson[] = [];
  const skipped = new Set<string>(); // to be deleted or of another school: references to them are not errors
  const firstLine = new Map<string, number>();
  const agents: { person: RosterPerson; ids: string[]; row: CsvRow }[] = [];
  for (const row of users.rows) {
    const id = field(users, row, 'sourcedId');
    if (row.fields.length !== usersTable.header.length) {
      problem(users, row, `has ${row.fields.length} columns, the header has ${usersTable.header.length}`);
      if (id) badIds.add(id);
      continue;
    }
    const roleText = field(users, row, 'role');
    const kind = ROLES[roleText.toLowerCase()] ?? null;
    const orgIds = splitList(field(users, row, 'orgSourcedIds'), true);
    if (deleted(users, row) || (schoolOrg && kind !== 'guardian' && !orgIds.includes(schoolOrg))) {
      skipped.add(id);
      continue;
    }
    const reasons: string[] = [];
    if (id === '') reasons.push('sourcedId is empty');
    else if (id.length > MAX_ID_LENGTH) reasons.push(`sourcedId is longer than ${MAX_ID_LENGTH} characters`);
    else if (hasControlCharacters(id)) reasons.push('sourcedId contains a control character');
    if (roleText === '') reasons.push('role is empty');
    const given = checkName(field(users, row, 'givenName'), 'givenName', true);
    const family = checkName(field(users, row, 'familyName'), 'familyName', true);
    const middle = checkName(field(users, row, 'middleName'), 'middleName', false);
    const preferred = checkName(field(users, row, 'preferredGivenName'), 'preferredGivenName', false);
    for (const r of [given, family, middle, preferred]) if ('reason' in r) reasons.push(r.reason);
    const email = field(users, row, 'email') || null;
    if (email && !isEmail(email)) reasons.push(`email "${email}" is not an e-mail address`);
    const seen = firstLine.get(id);
    if (id !== '' && seen !== undefined) reasons.push(`sourcedId "${id}" appears more than once in users.csv (also on line ${seen})`);
    else if (id !== '') firstLine.set(id, row.line);
    if (reasons.length) {
      problem(users, row, reasons.join('; '));
      // A repeated id is bad on its second line only: references to it stay valid.
      if (id && seen === undefined) badIds.add(id);
      continue;
    }
    const givenName = (given as { value: string }).value;
    const nick = (preferred as { value: string | null }).value;
    const person: RosterPerson = {
      externalId: id,
      kind: kind ?? 'other',
      givenName,
      prefix: (middle as { value: string | null }).value,
      familyName: (family as { value: string }).value,
      nicknames: nick && nick !== givenName ? [nick] : [],
      birthDate: null,
      email,
      group: null,
      teaches: [],
      guardianOf: [],
      function: kind === 'employee' ? roleText.toLowerCase() : null,
      supervisorId: null,
      source: { file: 'users.csv', line: row.line },
    };
    list.push(person);
    if (!people.has(id)) people.set(id, person);
    const agentIds = splitList(field(users, row, 'agentSourcedIds'), true);
    if (agentIds.length) agents.push({ person, ids: agentIds, row });
  }

  // Guardians and their children, in either direction.
  const links = new Map<string, Set<string>>();
  const link = (guardian: RosterPerson, student: RosterPerson) => {
    let set = links.get(guardian.externalId);
    if (!set) links.set(guardian.externalId, (set = new Set()));
    set.add(student.externalId);
  };
  for (const { person, ids, row } of agents) {
    for (const agentId of ids) {
      if (skipped.has(agentId) || badIds.has(agentId)) continue;
      const agent = people.get(agentId);
      if (!agent) problem(users, row, `agentSourcedIds "${agentId}" is not a user in users.csv`);
      else if (person.kind === 'student' && agent.kind === 'guardian') link(agent, person);
      else if (person.kind === 'guardian' && agent.kind === 'student') link(person, agent);
    }
  }
  for (const p of list) if (p.kind === 'guardian') p.guardianOf = [...(links.get(p.externalId) ?? [])];

  // Birth dates.
  const demoTable = tables.get('demographics.csv');
  if (demoTable) {
    const demo = sheet('demographics.csv', demoTable, ['sourcedId', 'birthDate']);
    for (const row of demo.rows) {
      const id = field(demo, row, 'sourcedId');
      if (deleted(demo, row) || skipped.has(id) || badIds.has(id)) continue;
      const person = people.get(id);
      const text = field(demo, row, 'birthDate');
      if (!person) problem(demo, row, `sourcedId "${id}" is not a user in users.csv`);
      else if (text !== '') {
        const date = parseDate(text, opts.today);
        if (date) person.birthDate = date;
        else problem(demo, row, `birthDate "${text}" is not a date (use YYYY-MM-DD)`);
      }
    }
  }

  // Classes are groups; enrollments put students in them and teachers in front of them.
  const groups: RosterGroup[] = [];
  const classCode = new Map<string, string>();
  const classesTable = tables.get('classes.csv');
  if (classesTable) {
    const classes = sheet('classes.csv', classesTable, ['sourcedId', 'title']);
    for (const row of classes.rows) {
      const id = field(classes, row, 'sourcedId');
      if (deleted(classes, row) || (schoolOrg && classes.col('schoolSourcedId') !== undefined && field(classes, row, 'schoolSourcedId') !== schoolOrg)) continue;
      const title = field(classes, row, 'title');
      const code = groupCode(field(classes, row, 'classCode') || title);
      if (id === '') problem(classes, row, 'sourcedId is empty');
      else if (code === '') problem(classes, row, 'the class has no title or classCode to use as the group');
      else if (code.length > 50) problem(classes, row, `the group "${code.slice(0, 50)}…" is longer than 50 characters`);
      else if (classCode.has(id)) problem(classes, row, `sourcedId "${id}" appears more than once`);
      else {
        classCode.set(id, code);
        if (!groups.some((g) => g.code === code)) groups.push({ code, name: title || null, externalId: id });
      }
    }
  }
  const enrollmentsTable = tables.get('enrollments.csv');
  if (enrollmentsTable) {
    if (!classesTable) throw fileError('enrollments.csv needs classes.csv: the classes are the groups', 'enrollments.csv');
    const enr = sheet('enrollments.csv', enrollmentsTable, ['classSourcedId', 'userSourcedId', 'role']);
    const primary = new Set<string>();
    for (const row of enr.rows) {
      if (deleted(enr, row)) continue;
      const userId = field(enr, row, 'userSourcedId');
      const classId = field(enr, row, 'classSourcedId');
      if (skipped.has(userId) || badIds.has(userId)) continue;
      const person = people.get(userId);
      const code = classCode.get(classId);
      if (!person) {
        problem(enr, row, `userSourcedId "${userId}" is not a user in users.csv`);
        continue;
      }
      if (!code) {
        const ofOtherSchool = schoolOrg && enr.col('schoolSourcedId') !== undefined && field(enr, row, 'schoolSourcedId') !== schoolOrg;
        if (!ofOtherSchool) problem(enr, row, `classSourcedId "${classId}" is not a class in classes.csv`);
        continue;
      }
      if (person.kind === 'student') {
        const isPrimary = field(enr, row, 'primary').toLowerCase() === 'true';
        if (!person.group || (isPrimary && !primary.has(userId))) person.group = code;
        if (isPrimary) primary.add(userId);
      } else if (person.kind === 'employee') {
        if (!person.teaches.includes(code)) person.teaches.push(code);
      } else {
        problem(enr, row, `user "${userId}" is a ${person.kind} and cannot be enrolled in a class`);
      }
    }
  }
  return { people: list, groups, problems, badIds };
}
