// Words for people: verdicts and severities in Dutch and English, shared by the CLI's text
// output and the web pages.
import type { Message, Severity, Verdict } from './case.ts';

export const VERDICT_LABEL: Record<Verdict, Message> = {
  out_of_scope: { nl: 'Niet van toepassing: dit bericht gaat niet over school', en: 'Not applicable: this post is not about school' },
  allowed: { nl: 'Mag geplaatst worden', en: 'Allowed' },
  allowed_with_changes: { nl: 'Mag geplaatst worden na een paar aanpassingen', en: 'Allowed after a few changes' },
  needs_review: { nl: 'Vraag het eerst aan je leidinggevende', en: 'Ask your supervisor first' },
  not_allowed: { nl: 'Niet plaatsen', en: 'Do not post' },
};

export const SEVERITY_LABEL: Record<Severity, Message> = {
  block: { nl: 'mag niet', en: 'not allowed' },
  fix: { nl: 'aanpassen', en: 'change' },
  review: { nl: 'overleg', en: 'ask' },
  info: { nl: 'goed om te weten', en: 'good to know' },
};
