// The table behind each chart, as the CSV export writes it (docs/dashboards.md). Headers in Dutch
// (the people who open these files work in Dutch); codes (categories, channels, media kinds,
// article ids) as the API gives them, so that a file can be matched with the JSON.
import type { Cell } from './csv.ts';
import { toCsv } from './csv.ts';
import type { Dashboard } from './service.ts';

export const TABLES = ['maanden', 'artikelen', 'categorieen', 'scholen', 'open-per-leeftijd', 'toestemming', 'reactietijden', 'bevestigingen'] as const;
export type TableName = (typeof TABLES)[number];

interface Table {
  header: string[];
  rows: Cell[][];
}

export function tableOf(d: Dashboard, name: TableName): Table {
  switch (name) {
    case 'maanden':
      return { header: ['maand', 'gemeld', 'nog open', 'afgesloten'], rows: d.months.map((m) => [m.month, m.reported, m.open, m.closed]) };
    case 'artikelen':
      return { header: ['artikel', 'zaken'], rows: d.articles.map((a) => [a.article, a.cases]) };
    case 'categorieen':
      return { header: ['categorie', 'zaken'], rows: d.categories.map((c) => [c.category, c.cases]) };
    case 'scholen':
      return { header: ['school', 'gemeld', 'nog open', 'afgesloten'], rows: d.perSchool.map((s) => [s.school, s.reported, s.open, s.closed]) };
    case 'open-per-leeftijd':
      return { header: ['leeftijd', 'vanaf dagen', 'tot dagen', 'open zaken'], rows: d.openByAge.map((b) => [b.bucket, b.fromDays, b.untilDays, b.cases]) };
    case 'toestemming':
      return {
        header: ['school', 'groep', 'kanaal', 'soort', 'leerlingen', 'met toestemming', 'aandeel'],
        rows: d.consent.rows.map((r) => [r.school, r.group, r.channel, r.media, r.students, r.granted, r.share]),
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
        rows: d.responseTimes.schools.map((s) => [
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
        rows: d.acknowledgements.schools.map((s) => [s.school, s.employees, s.acknowledged, s.rate]),
      };
  }
}

/** The CSV file of one table and its download name. */
export function csvOf(d: Dashboard, name: TableName): { fileName: string; body: string } {
  const t = tableOf(d, name);
  const day = d.generatedAt.slice(0, 10);
  return { fileName: `postwijzer-${d.view === 'board' ? 'bestuur' : 'school'}-${name}-${day}.csv`, body: toCsv(t.header, t.rows) };
}
