// Files to a checked roster: decode, parse, detect the format, read the rows, check across rows.
// Every problem is collected; any problem throws a RosterImportError listing all of them.
import { parseCsv } from './csv.ts';
import type { CsvTable } from './csv.ts';
import { decodeRoster } from './decode.ts';
import { isIgnoredOneRosterFile, looksOneRoster, ONEROSTER_FILES, oneRosterFileName, readOneRoster } from './oneroster.ts';
import { readSimpleCsv } from './simple-csv.ts';
import type { RosterFile, RosterFormat, RosterInput } from './types.ts';
import { fileError, RosterImportError } from './types.ts';
import { crossCheck } from './validate.ts';

export interface ReadRosterOptions {
  /** Force a format; default: detected (several files or a sourcedId column: OneRoster). */
  format?: RosterFormat;
  /** The school's BRIN: with OneRoster, only the org with this identifier is read (when orgs.csv names it). */
  brin?: string;
  /** For checking dates (birth dates in the future). */
  today?: Date;
}

const baseName = (name: string): string => name.split(/[\\/]/).pop() || name;

/** Files decoded and parsed, with their format: step one of reading (needs no database). */
export interface ParsedRosterFiles {
  format: RosterFormat;
  files: { name: string; table: CsvTable }[];
}

/** Decodes and parses the files and settles the format. Throws RosterImportError for a file that cannot be read. */
export function parseRosterFiles(files: RosterFile[], format?: RosterFormat): ParsedRosterFiles {
  if (files.length === 0) throw fileError('no file was given');
  if (format === 'simple' && files.length > 1) {
    throw fileError(`the simple format is one file, but ${files.length} were given (several files are read as OneRoster)`);
  }
  const parsed = files.map((f) => ({ name: baseName(f.name), table: parseCsv(decodeRoster(f).text, baseName(f.name)) }));
  return {
    format: format ?? (parsed.length > 1 || oneRosterFileName(parsed[0]!.name) || looksOneRoster(parsed[0]!.table.header) ? 'oneroster' : 'simple'),
    files: parsed,
  };
}

/** Reads and checks the rows: step two. Throws RosterImportError listing every problem. */
export function readParsedRoster({ format, files: parsed }: ParsedRosterFiles, opts: Omit<ReadRosterOptions, 'format'> = {}): RosterInput {
  const today = opts.today ?? new Date();
  if (format === 'simple') {
    const { name, table } = parsed[0]!;
    const { people, problems, badIds } = readSimpleCsv(table, name, today);
    problems.push(...crossCheck(people, badIds));
    if (problems.length) throw new RosterImportError(problems);
    if (people.length === 0) throw fileError('the file has a header but no people', name);
    return { format, people, groups: [], fileName: name };
  }

  const tables = new Map<string, CsvTable>();
  for (const { name, table } of parsed) {
    let key = oneRosterFileName(name);
    // A single file that is not named: it can only be users.csv.
    if (!key && parsed.length === 1) key = 'users.csv';
    if (!key) throw fileError(`"${name}" is not a OneRoster file (expected ${ONEROSTER_FILES.join(', ')})`, name);
    if (tables.has(key)) throw fileError(`${key} was given twice`, name);
    if (!isIgnoredOneRosterFile(key)) tables.set(key, table);
  }
  const { people, groups, problems, badIds } = readOneRoster(tables, { ...(opts.brin ? { brin: opts.brin } : {}), today });
  problems.push(...crossCheck(people, badIds));
  if (problems.length) throw new RosterImportError(problems);
  if (people.length === 0) throw fileError('users.csv has no people (for this school)', 'users.csv');
  return { format, people, groups, fileName: [...tables.keys()].join(', ') };
}

/** Files to a checked roster (both steps). */
export function readRoster(files: RosterFile[], opts: ReadRosterOptions = {}): RosterInput {
  return readParsedRoster(parseRosterFiles(files, opts.format), opts);
}
