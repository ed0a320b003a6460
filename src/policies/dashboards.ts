// Dashboards (docs/dashboards.md): counts of how the protocol works, never names. The school view
// is for the school's director and the board (both may open every case of the school anyway, and
// the director answers for the school's consent and protocol confirmations). The supervisor is
// left out on purpose: the view shows the school's response times of the supervisors themselves
// (as supervision.stats does, for the director and the board only). The board view adds up the
// schools of the board where the account holds the board role; it is reached through any of them.
import type { Role } from './roles.ts';
import { definePolicy } from './types.ts';

/** Who sees a school's dashboard. */
export const DASHBOARD_READERS: readonly Role[] = ['director', 'board'];

export const dashboardsPolicy = definePolicy({
  resource: 'dashboards',
  title: 'Dashboards',
  rules: {
    school: {
      who: DASHBOARD_READERS,
      summary: 'The school’s dashboard: cases per month, article, category and age, consent coverage per group, response times, protocol confirmations; each table also as CSV.',
    },
    board: {
      who: ['board'],
      summary: 'The board’s dashboard across its schools: the same numbers added up, and per school; each table also as CSV.',
      condition: 'the schools of the same board where the account holds the board role',
    },
  },
});
