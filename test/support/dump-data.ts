// Data and a fingerprint for backup and restore tests (operations*.test.ts).
import type { Database } from '../../src/db/connection.ts';

/** A few rows with the awkward values a dump must carry: quotes, backslashes, tabs, newlines, emoji, arrays, jsonb, nulls. */
export async function seed(d: Database): Promise<void> {
  const [board] = await d.query<{ id: string }>(`insert into boards (name, aliases) values ($1, $2) returning id`, ['Stichting "ASKO" \\ O\'Brien', ['a', 'b "c"', 'd,e', '']]);
  const [school] = await d.query<{ id: string }>(`insert into schools (board_id, brin, name, timetable) values ($1, '12AB', 'De Regenboog', $2) returning id`, [
    board!.id,
    { '1': [['08:30', '12:00']] },
  ]);
  const [group] = await d.query<{ id: string }>(`insert into groups (school_id, code) values ($1, '5b') returning id`, [school!.id]);
  const [child] = await d.query<{ id: string }>(
    `insert into people (school_id, external_id, kind, given_name, family_name, nicknames, birth_date, group_id) values ($1, 's1', 'student', 'Zoë', $2, $3, '2016-03-01', $4) returning id`,
    [school!.id, "O'Brien\tvan der\\Berg", ['Zo\në', '🎉'], group!.id],
  );
  await d.query(`insert into people (school_id, external_id, kind, given_name, family_name) values ($1, 'e1', 'employee', 'Anna', 'de Vries')`, [school!.id]);
  for (const status of ['granted', 'revoked']) {
    await d.query(
      `insert into consent_events (school_id, person_id, channel, media, school_year, valid_from, valid_until, status, method, note) values ($1, $2, 'school_social_media', 'photo', '2026-2027', '2026-08-24', '2027-07-16', $3, 'form', $4)`,
      [school!.id, child!.id, status, status === 'granted' ? null : 'line 1\nline 2\\.\n\\.'],
    );
  }
  await d.query(`insert into posts (school_id, content) values ($1, $2)`, [school!.id, { text: 'Regel 1\nRegel 2\t"quote" \\ 🎉', channel: { kind: 'school' } }]);
  await d.query(`insert into audit_events (school_id, seq, actor, action, subject_type, fields, occurred_at, prev_hash, hash) values ($1, 1, 'system', 'create', 'school', $2, '2026-11-26 16:05:00.123456+01', '', 'h1')`, [
    school!.id,
    ['name', 'brin'],
  ]);
}

/** Row counts and a digest of every table's rows (timestamps in UTC), plus sequence positions. */
export async function fingerprint(d: Database): Promise<Record<string, string>> {
  await d.query(`set timezone to 'UTC'`);
  const tables = await d.query<{ name: string }>(`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await d.query<{ n: number; digest: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text collate "C"), '')) as digest from ${name} t`,
    );
    out[name] = `${row!.n} ${row!.digest}`;
  }
  for (const s of await d.query<{ name: string; v: string | null }>(`select schemaname || '.' || sequencename as name, last_value::text as v from pg_sequences order by 1`)) {
    out[`sequence ${s.name}`] = String(s.v);
  }
  return out;
}
