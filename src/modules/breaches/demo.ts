// Demo data for the breach register (docs/breaches.md): at the first demo school one possible
// breach waiting for the FG (an e-mail to the wrong parent, noticed this morning) and one handled
// breach (a lost USB stick, notified to the AP). Written in the seeding transaction, without
// audit events (the seed is not a person's act). Times are relative to the moment of seeding, so
// the 72-hour badge shows time left.
import type { DbOrTx } from '../../db/connection.ts';
import { breachEvents, breaches } from '../../db/schema/index.ts';
import type { DemoPlan } from '../demo/seed.ts';

export async function seedDemoBreaches(tx: DbOrTx, plan: DemoPlan, now: Date = new Date()): Promise<void> {
  const school = plan.schools[0];
  if (!school) return;
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const students = school.people.filter((p) => p.kind === 'student').slice(0, 2);
  const possibleRow = {
    kind: 'email_wrong_address',
    title: 'Groepslijst met adressen naar verkeerde ouder gemaild',
    description: 'De groepslijst van groep 6 met adressen en telefoonnummers is per ongeluk naar een ouder van een andere school gestuurd. De ouder heeft laten weten de mail te hebben verwijderd.',
    dataCategories: ['naam', 'adres', 'telefoonnummer'],
    approxPeople: 28,
    discoveredAt: hoursAgo(5),
  };
  const [possible] = await tx
    .insert(breaches)
    .values({
      ...possibleRow,
      schoolId: school.school.id,
      schoolIds: [school.school.id],
      source: 'staff',
      reportedAt: hoursAgo(4),
      createdAt: hoursAgo(4),
      updatedAt: hoursAgo(4),
    })
    .returning({ id: breaches.id });
  // The history holds the facts as reported, as the service writes them (docs/breaches.md, History).
  await tx.insert(breachEvents).values({
    breachId: possible!.id,
    type: 'reported',
    actor: 'system',
    at: hoursAgo(4),
    data: { kind: possibleRow.kind, source: 'staff', sourceRef: null, title: possibleRow.title, description: possibleRow.description, discoveredAt: possibleRow.discoveredAt.toISOString(), peopleIds: [], approxPeople: possibleRow.approxPeople, dataCategories: possibleRow.dataCategories, reportedBy: null, demo: true },
  });
  const notifiedAt = hoursAgo(24 * 9);
  const [handled] = await tx
    .insert(breaches)
    .values({
      schoolId: school.school.id,
      schoolIds: [school.school.id],
      status: 'registered',
      kind: 'lost_device',
      source: 'staff',
      title: 'Onversleutelde USB-stick met toetsresultaten kwijt',
      description: 'Een USB-stick met toetsresultaten van twee groepen is in de trein verloren.',
      dataCategories: ['naam', 'toetsresultaten'],
      approxPeople: 52,
      peopleIds: students.map((s) => s.id),
      consequences: 'Een vinder kan de resultaten van leerlingen lezen.',
      measures: 'Gevonden-voorwerpen gebeld; USB-sticks zijn voortaan versleuteld.',
      discoveredAt: hoursAgo(24 * 10),
      reportedAt: hoursAgo(24 * 10),
      risk: 'risk',
      assessment: 'Leerlinggegevens onversleuteld: risico, melden bij de AP. Geen hoog risico: geen gevoelige gegevens.',
      notifyAuthority: true,
      informPeople: false,
      assessedAt: hoursAgo(24 * 9.5),
      authorityNotifiedAt: notifiedAt,
      authorityReference: 'DEMO-2026-0001',
      createdAt: hoursAgo(24 * 10),
      updatedAt: notifiedAt,
    })
    .returning({ id: breaches.id });
  await tx.insert(breachEvents).values([
    {
      breachId: handled!.id,
      type: 'reported',
      actor: 'system',
      at: hoursAgo(24 * 10),
      data: { kind: 'lost_device', source: 'staff', sourceRef: null, title: 'Onversleutelde USB-stick met toetsresultaten kwijt', description: 'Een USB-stick met toetsresultaten van twee groepen is in de trein verloren.', discoveredAt: hoursAgo(24 * 10).toISOString(), peopleIds: [], approxPeople: null, dataCategories: [], reportedBy: null, demo: true },
    },
    {
      breachId: handled!.id,
      type: 'updated',
      actor: 'system',
      at: hoursAgo(24 * 9.75),
      data: { dataCategories: ['naam', 'toetsresultaten'], approxPeople: 52, peopleIds: students.map((s) => s.id), consequences: 'Een vinder kan de resultaten van leerlingen lezen.', measures: 'Gevonden-voorwerpen gebeld; USB-sticks zijn voortaan versleuteld.', demo: true },
    },
    {
      breachId: handled!.id,
      type: 'assessed',
      actor: 'system',
      at: hoursAgo(24 * 9.5),
      data: { isBreach: true, status: 'registered', risk: 'risk', notifyAuthority: true, informPeople: false, noInformReason: null, assessment: 'Leerlinggegevens onversleuteld: risico, melden bij de AP. Geen hoog risico: geen gevoelige gegevens.', demo: true },
    },
    { breachId: handled!.id, type: 'authority_notified', actor: 'system', at: notifiedAt, data: { notifiedAt: notifiedAt.toISOString(), reference: 'DEMO-2026-0001', late: false, demo: true } },
  ]);
}
