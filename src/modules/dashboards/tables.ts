// The table behind each chart, as the CSV export writes it (docs/dashboards.md). Headers in Dutch
// (the people who open these files work in Dutch); codes (categories, channels, media kinds,
// article ids) as the API gives them, so that a file can be matched with the JSON.
// An export computes only the numbers of its own table, not the whole dashboard.
import type { DbOrTx } from '../../db/connection.ts';
import type { Cell } from './csv.ts';
import { toCsv } from './csv.ts';
import type { Scope } from './service.ts';
import { acknowledgementRates, articleCounts, categoryCounts, consentCoverage, monthCounts, openByAge, responseTimesPerSchool, schoolCounts, viewOf } from './service.ts';

export const TABLES = ['maanden', 'artikelen', 'categorieen', 'scholen', 'open-per-leeftijd', 'toestemming', 'reactietijden', 'bevestigingen'] as const;
export type TableName = (typeof TABLES)[number];

interface Table {
  header: string[];
  rows: Cell[][];
}

/** One table, computed on its own: only the statements it needs run. */
export async function tableOf(db: DbOrTx, scope: Scope, now: Date, name: TableName): Promise<Table> {
  const schools = scope.schools;
  switch (name) {
    case 'maanden':
      return { header: ['maand', 'gemeld', 'nog open', 'afgesloten'], rows: (await monthCounts(db, schools, now)).map((m) => [m.month, m.reported, m.open, m.closed]) };
    case 'artikelen':
      return { header: ['artikel', 'zaken'], rows: (await articleCounts(db, schools, now)).map((a) => [a.article, a.cases]) };
    case 'categorieen':
      return { header: ['categorie', 'zaken'], rows: (await categoryCounts(db, schools, now)).map((c) => [c.category, c.cases]) };
    case 'scholen':
      return { header: ['school', 'gemeld', 'nog open', 'afgesloten'], rows: (await schoolCounts(db, schools, now)).map((s) => [s.school, s.reported, s.open, s.closed]) };
    case 'open-per-leeftijd':
      return { header: ['leeftijd', 'vanaf dagen', 'tot dagen', 'open zaken'], rows: (await openByAge(db, schools, now)).map((b) => [b.bucket, b.fromDays, b.untilDays, b.cases]) };
    case 'toestemming':
      return {
        header: ['school', 'groep', 'kanaal', 'soort', 'leerlingen', 'met toestemming', 'aandeel'],
        rows: (await consentCoverage(db, schools, now)).rows.map((r) => [r.school, r.group, r.channel, r.media, r.students, r.granted, r.share]),
      };
    case 'reactietijden':
      return {
        header: [
          'school',
          'escalaties',
          'nu onbeantwoord',
          'oudste onbeantwoord (seconden)',
          'eerste reactie: aantal',
          'eerste reactie: mediaan (seconden)',
          'eerste reactie: 90e percentiel (seconden)',
          'afgehandeld: aantal',
          'afgehandeld: mediaan (seconden)',
          'afgehandeld: 90e percentiel (seconden)',
          'verzoeken besloten',
          'besluit: mediaan (seconden)',
          'besluit: 90e percentiel (seconden)',
        ],
        rows: (await responseTimesPerSchool(db, schools, now)).schools.map((s) => [
          s.school,
          s.escalations.total,
          s.escalations.openNow,
          s.escalations.oldestOpenSeconds,
          s.escalations.acknowledged.count,
          s.escalations.acknowledged.medianSeconds,
          s.escalations.acknowledged.p90Seconds,
          s.escalations.resolved.count,
          s.escalations.resolved.medianSeconds,
          s.escalations.resolved.p90Seconds,
          s.reviews.decided.count,
          s.reviews.decided.medianSeconds,
          s.reviews.decided.p90Seconds,
        ]),
      };
    case 'bevestigingen':
      return {
        header: ['school', 'medewerkers', 'bevestigd', 'aandeel'],
        rows: (await acknowledgementRates(db, schools, scope.boardId)).schools.map((s) => [s.school, s.employees, s.acknowledged, s.rate]),
      };
  }
}

/** The CSV file of one table and its download name. */
export async function csvOf(db: DbOrTx, scope: Scope, nowMs: number, name: TableName): Promise<{ fileName: string; body: string }> {
  const head = viewOf(scope, nowMs);
  const t = await tableOf(db, scope, new Date(nowMs), name);
  const day = head.generatedAt.slice(0, 10);
  return { fileName: `postwijzer-${head.view === 'board' ? 'bestuur' : 'school'}-${name}-${day}.csv`, body: toCsv(t.header, t.rows) };
}
