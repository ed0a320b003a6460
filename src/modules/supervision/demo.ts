// Demo data for the supervisor flows: the demo teacher (leerkracht@) and the third teacher report
// to the teacher behind the demo supervisor account (leidinggevende@), so that "ask my
// supervisor" and "escalate" from the demo teacher land in that account's queue. Everyone else
// keeps the director as their supervisor.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { employments } from '../../db/schema/index.ts';
import type { DemoPlan } from '../demo/seed.ts';

export async function seedDemoSupervision(tx: DbOrTx, plan: DemoPlan): Promise<void> {
  const first = plan.schools[0];
  if (!first) return;
  // The same order as the demo accounts pick their people (src/modules/demo/accounts.ts).
  const fn = new Map(first.employments.map((e) => [e.personId, e.function]));
  const teachers = first.people.filter((p) => p.kind === 'employee' && fn.get(p.id) === 'leerkracht');
  const [teacher, lead, third] = teachers;
  if (!teacher || !lead || !third) return;
  await tx.update(employments).set({ supervisorId: lead.id }).where(inArray(employments.personId, [teacher.id, third.id]));
}
