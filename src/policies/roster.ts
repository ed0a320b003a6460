// The school's roster: the director and HR import it.
import { definePolicy } from './types.ts';

export const rosterPolicy = definePolicy({
  resource: 'roster',
  title: 'Roster',
  rules: {
    import: { who: ['director', 'hr'], summary: 'Import the school’s roster (people, groups, guardians); closes the accounts of people who left.' },
  },
});
