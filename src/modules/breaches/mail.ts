// The e-mail to the people concerned by a data breach (AVG art. 34(2)): what happened, the likely
// consequences and the measures taken, each written by the FG for the people concerned (never the
// register's own text, which may name others), and whom to ask. Dutch first, English below. For a
// child under 16 it goes to their parents or guardians; the subject names only the school.
import type { MailContent } from '../mail/templates.ts';
import { render } from '../mail/templates.ts';

export type BreachTemplate = 'breach_people_informed';

export function breachInformMail(m: {
  to: string;
  recipientName: string;
  /** The person concerned: the recipient themselves, or their child. */
  about: { self: true } | { self: false; childName: string };
  schoolName: string;
  message: { nl: string; en: string };
  consequences: { nl: string; en: string };
  measures: { nl: string; en: string };
  contact: string;
}): MailContent {
  const whoNl = m.about.self ? 'u' : `uw kind ${m.about.childName}`;
  const whoEn = m.about.self ? 'you' : `your child ${m.about.childName}`;
  const { text, html } = render(
    [
      `Beste ${m.recipientName},`,
      `Bij ${m.schoolName} is een datalek geweest dat ${whoNl} betreft. Een datalek betekent dat persoonsgegevens bij iemand terecht zijn gekomen die ze niet mocht zien, of zijn kwijtgeraakt. De wet (AVG, artikel 34) vraagt ons u daarover te informeren.`,
      `Wat er is gebeurd:\n${m.message.nl}`,
      `Mogelijke gevolgen:\n${m.consequences.nl}`,
      `Wat wij hebben gedaan:\n${m.measures.nl}`,
      `Heeft u vragen? Neem contact op met de functionaris gegevensbescherming (FG): ${m.contact}`,
    ],
    [
      `Dear ${m.recipientName},`,
      `${m.schoolName} has had a data breach that concerns ${whoEn}. A data breach means that personal data reached someone who should not have seen it, or was lost. The law (GDPR, article 34) asks us to tell you about it.`,
      `What happened:\n${m.message.en}`,
      `Possible consequences:\n${m.consequences.en}`,
      `What we have done:\n${m.measures.en}`,
      `Questions? Contact the data-protection officer: ${m.contact}`,
    ],
  );
  return { template: 'breach_people_informed', to: m.to, subject: `Datalek bij ${m.schoolName} / Data breach at ${m.schoolName}`, text, html };
}
