// Demo data for incidents (docs/incidents.md): two cases at the first demo school, so that
// `npm start` shows the list, a case in investigation with its hearing, and an anonymous public
// report. Written in the seeding transaction; no audit events (the seed is not a person's act).
import type { DbOrTx } from '../../db/connection.ts';
import { incidentEvents, incidentPeople, incidents, incidentSteps } from '../../db/schema/index.ts';
import type { DemoPlan } from '../demo/seed.ts';
import { dueAfter } from './domain/state.ts';

export async function seedDemoIncidents(tx: DbOrTx, plan: DemoPlan): Promise<void> {
  const school = plan.schools[0];
  if (!school) return;
  const teacher = school.people.find((p) => p.kind === 'employee' && p !== school.people[0]);
  const student = school.people.find((p) => p.kind === 'student');
  if (!teacher || !student) return;
  const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour));

  const [open] = await tx
    .insert(incidents)
    .values({
      schoolId: school.school.id,
      status: 'investigating',
      category: 'bullying',
      articles: ['A.7', 'A.2'],
      summary: 'Onder een foto van de schoolreis staat een spottende reactie van een leerkracht over een leerling.',
      description: 'Onder een foto van de schoolreis staat een spottende reactie van een leerkracht over een leerling uit groep 7. Andere ouders reageren er ook op.',
      link: 'https://social.example/p/schoolreis',
      source: 'public',
      anonymous: false,
      reporterName: 'Een ouder van groep 7',
      reporterContact: 'ouder7@example.org',
      dueAt: dueAfter('investigating', at(20, 9)),
      createdAt: at(18, 19),
      updatedAt: at(20, 9),
    })
    .returning({ id: incidents.id });
  await tx.insert(incidentPeople).values([
    { incidentId: open!.id, personId: teacher.id, role: 'subject' },
    { incidentId: open!.id, personId: student.id, role: 'affected' },
  ]);
  await tx.insert(incidentSteps).values({ incidentId: open!.id, personId: teacher.id, kind: 'hearing', on: '2026-11-20', note: 'Gesprek gevoerd; de leerkracht heeft de reactie verwijderd.' });
  await tx.insert(incidentEvents).values([
    { incidentId: open!.id, type: 'reported', payload: { category: 'bullying', source: 'public', people: 0 }, visibility: 'shareable', createdAt: at(18, 19) },
    { incidentId: open!.id, type: 'status_changed', payload: { from: 'reported', to: 'triage', event: 'triage' }, visibility: 'shareable', createdAt: at(19, 8) },
    { incidentId: open!.id, type: 'person_added', payload: { personId: teacher.id, role: 'subject' }, createdAt: at(19, 8) },
    { incidentId: open!.id, type: 'person_added', payload: { personId: student.id, role: 'affected' }, createdAt: at(19, 8) },
    { incidentId: open!.id, type: 'status_changed', payload: { from: 'triage', to: 'investigating', event: 'investigate' }, visibility: 'shareable', createdAt: at(19, 9) },
    { incidentId: open!.id, type: 'step_recorded', payload: { personId: teacher.id, kind: 'hearing', on: '2026-11-20' }, createdAt: at(20, 9) },
  ]);

  const [reported] = await tx
    .insert(incidents)
    .values({
      schoolId: school.school.id,
      status: 'reported',
      category: 'privacy',
      articles: ['A.7', 'A.5'],
      summary: 'Een filmpje van de gymles staat op een openbaar account, met leerlingen herkenbaar in beeld.',
      description: 'Een filmpje van de gymles staat op een openbaar account, met leerlingen herkenbaar in beeld.',
      source: 'public',
      anonymous: true,
      dueAt: dueAfter('reported', at(24, 7)),
      createdAt: at(24, 7),
      updatedAt: at(24, 7),
    })
    .returning({ id: incidents.id });
  await tx.insert(incidentEvents).values({ incidentId: reported!.id, type: 'reported', payload: { category: 'privacy', source: 'public', people: 0 }, visibility: 'shareable', createdAt: at(24, 7) });
}
