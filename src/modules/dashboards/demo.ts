// Demo data for the dashboards (docs/dashboards.md): earlier cases at both demo schools, spread
// over the months before the incidents demo's two November cases, most of them closed and two
// still open (so every age bucket has something), and a few answered escalations at the first
// school for the response times. Fixed dates and texts: the same every time. Written in the
// seeding transaction; no audit events (the seed is not a person's act). Consents and protocol
// confirmations come from the demo roster and the protocol demo.
import type { DbOrTx } from '../../db/connection.ts';
import { escalations, incidentEvents, incidents } from '../../db/schema/index.ts';
import type { Category } from '../incidents/domain/categories.ts';
import type { DemoPlan } from '../demo/seed.ts';

interface DemoCase {
  school: 0 | 1;
  category: Category;
  articles: string[];
  summary: string;
  /** Reported (UTC); closed after `closedAfterDays`, or still open with this status. */
  at: string;
  closedAfterDays?: number;
  openStatus?: 'triage' | 'investigating';
}

const CASES: readonly DemoCase[] = [
  { school: 0, category: 'bullying', articles: ['A.7'], at: '2025-12-09T15:20:00Z', closedAfterDays: 12, summary: 'Een leerling is in een groepsapp van de klas uitgescholden.' },
  { school: 1, category: 'privacy', articles: ['A.7', 'A.5'], at: '2026-01-20T08:10:00Z', closedAfterDays: 5, summary: 'Een ouder zette een klassenfoto met alle gezichten op een openbaar account.' },
  { school: 0, category: 'defamation', articles: ['A.7', 'C.1'], at: '2026-02-03T19:45:00Z', closedAfterDays: 21, summary: 'Op een buurtforum staat een onware bewering over een leerkracht.' },
  { school: 0, category: 'privacy', articles: ['A.7', 'A.2'], at: '2026-03-12T11:00:00Z', closedAfterDays: 9, summary: 'Een cijferlijst was zichtbaar op een foto in een bericht van de school.' },
  { school: 1, category: 'bullying', articles: ['A.7'], at: '2026-03-30T13:30:00Z', closedAfterDays: 14, summary: 'Leerlingen maakten een spotaccount over een klasgenoot.' },
  { school: 0, category: 'threat', articles: ['A.7', 'D.6'], at: '2026-04-16T20:05:00Z', closedAfterDays: 30, summary: 'Een dreigend bericht aan een leerkracht onder een schoolbericht.' },
  { school: 1, category: 'discrimination', articles: ['A.7', 'C.1'], at: '2026-05-26T07:55:00Z', closedAfterDays: 18, summary: 'Een discriminerende reactie op de pagina van de school.' },
  { school: 0, category: 'other', articles: ['A.1'], at: '2026-06-08T09:40:00Z', closedAfterDays: 3, summary: 'Een medewerker plaatste tijdens de les iets op een eigen account.' },
  { school: 0, category: 'bullying', articles: ['A.7', 'A.6'], at: '2026-06-24T16:15:00Z', closedAfterDays: 20, summary: 'Een medewerker volgde leerlingen op een privéaccount en reageerde op hun berichten.' },
  { school: 1, category: 'privacy', articles: ['A.7', 'A.5'], at: '2026-08-31T10:00:00Z', openStatus: 'investigating', summary: 'Een filmpje van het schoolplein met herkenbare kinderen staat online.' },
  { school: 0, category: 'bullying', articles: ['A.7'], at: '2026-09-17T14:25:00Z', closedAfterDays: 10, summary: 'Kwetsende opmerkingen over een leerling in een reactie op een sportfoto.' },
  { school: 1, category: 'defamation', articles: ['A.7', 'B.3'], at: '2026-10-06T12:00:00Z', openStatus: 'triage', summary: 'Een medewerker schreef negatief over de school in een openbare discussie.' },
  { school: 0, category: 'privacy', articles: ['A.7', 'A.2', 'A.5'], at: '2026-10-27T08:30:00Z', closedAfterDays: 2, summary: 'Een nieuwsbrief noemde de naam en het adres van een gezin.' },
];

/** Answered escalations at the first school: reported (UTC), first answer after minutes, resolved after minutes. */
const ESCALATIONS: readonly { at: string; ackMinutes: number; resolveMinutes: number }[] = [
  { at: '2026-09-08T12:10:00Z', ackMinutes: 45, resolveMinutes: 300 },
  { at: '2026-10-01T18:30:00Z', ackMinutes: 900, resolveMinutes: 1500 },
  { at: '2026-10-20T09:05:00Z', ackMinutes: 90, resolveMinutes: 240 },
  { at: '2026-11-10T14:40:00Z', ackMinutes: 180, resolveMinutes: 2880 },
];

const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

export async function seedDemoDashboards(tx: DbOrTx, plan: DemoPlan): Promise<void> {
  for (const c of CASES) {
    const school = plan.schools[c.school];
    if (!school) continue;
    const at = new Date(c.at);
    const closedAt = c.closedAfterDays === undefined ? null : plus(c.at, c.closedAfterDays * 1440);
    const [row] = await tx
      .insert(incidents)
      .values({
        schoolId: school.school.id,
        status: closedAt ? 'closed' : c.openStatus!,
        category: c.category,
        articles: c.articles,
        summary: c.summary,
        description: c.summary,
        source: 'public',
        anonymous: true,
        policeDecisionRequired: false,
        createdAt: at,
        updatedAt: closedAt ?? at,
        closedAt,
      })
      .returning({ id: incidents.id });
    await tx.insert(incidentEvents).values([
      { incidentId: row!.id, type: 'reported', payload: { category: c.category, source: 'public', people: 0 }, visibility: 'shareable', createdAt: at },
      ...(closedAt
        ? [{ incidentId: row!.id, type: 'status_changed', payload: { from: 'reported', to: 'closed', event: 'dismiss', reason: 'Besproken en opgelost.' }, visibility: 'shareable' as const, createdAt: closedAt }]
        : [{ incidentId: row!.id, type: 'status_changed', payload: { from: 'reported', to: 'triage', event: 'triage' }, visibility: 'shareable' as const, createdAt: plus(c.at, 1440) }]),
    ]);
  }

  const first = plan.schools[0];
  if (!first) return;
  const fn = new Map(first.employments.map((e) => [e.personId, e.function]));
  const director = first.people.find((p) => fn.get(p.id) === 'directeur');
  // Teachers not behind a demo sign-in (the accounts use the first three).
  const reporters = first.people.filter((p) => p.kind === 'employee' && fn.get(p.id) === 'leerkracht').slice(3);
  if (!director || !reporters.length) return;
  await tx.insert(escalations).values(
    ESCALATIONS.map((e, i) => ({
      schoolId: first.school.id,
      reporterId: reporters[i % reporters.length]!.id,
      supervisorId: director.id,
      threadText: 'Een gesprek onder een bericht van de school liep uit de hand.',
      note: 'Graag even meekijken.',
      status: 'resolved' as const,
      acknowledgedAt: plus(e.at, e.ackMinutes),
      resolvedAt: plus(e.at, e.resolveMinutes),
      response: 'Besproken en afgehandeld.',
      createdAt: new Date(e.at),
    })),
  );
}
