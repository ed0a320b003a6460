// Checks of a whole case sent inline (roster and all): nothing is read from or written to the
// database, so they are open, like a calculator.
import { definePolicy } from './types.ts';

export const checksPolicy = definePolicy({
  resource: 'checks',
  title: 'Checks of an inline case',
  rules: {
    check: { who: 'public', summary: 'Check a case that carries its own roster; nothing is stored.' },
  },
});
