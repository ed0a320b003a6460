// The e-mail to the people concerned by a data breach (AVG art. 34): what happened in the FG's own
// words, the likely consequences, the measures taken and whom to ask. Dutch first, English below.
// For a child under 16 it goes to their parents or guardians.
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
  consequences: string;
  measures: string;
  contact: string;
}): MailContent {
  const whoNl = m.about.self ? 'u' : `uw kind ${m.about.childName}`;
  const whoEn = m.about.self ? 'you' : `your child ${m.about.childName}`;
  const { text, html } = render(
    [
      `Beste ${m.recipientName},`,
      `Bij ${m.schoolName} is een datalek geweest dat ${whoNl} betreft. Een datalek betekent dat persoonsgegevens bij iemand terecht zijn gekomen die ze niet mocht zien, of zijn kwijtgeraakt. De wet (AVG, artikel 34) vraagt ons u daarover te informeren.`,
      `Wat er is gebeurd:\n${m.message.nl}`,
      ...(m.consequences ? [`Mogelijke gevolgen:\n${m.consequences}`] : []),
      ...(m.measures ? [`Wat wij hebben gedaan:\n${m.measures}`] : []),
      `Heeft u vragen? Neem contact op met de functionaris gegevensbescherming (FG): ${m.contact}`,
    ],
    [
      `Dear ${m.recipientName},`,
      `${m.schoolName} has had a data breach that concerns ${whoEn}. A data breach means that personal data reached someone who should not have seen it, or was lost. The law (GDPR, article 34) asks us to tell you about it.`,
      `What happened:\n${m.message.en}`,
      ...(m.consequences ? [`Possible consequences (in Dutch):\n${m.consequences}`] : []),
      ...(m.measures ? [`What we have done (in Dutch):\n${m.measures}`] : []),
      `Questions? Contact the data-protection officer: ${m.contact}`,
    ],
  );
  return { template: 'breach_people_informed', to: m.to, subject: `Datalek bij ${m.schoolName} / Data breach at ${m.schoolName}`, text, html };
}
