// The e-mail that goes with a letter: a notice that the school wrote, naming the subject only. The
// letter itself is not attached (the outbox keeps mails as JSON until they are sent, and a letter
// about a measure does not belong in a mail queue): it is handed over in person or sent by post,
// and it is in the file. Dutch first, English below.
import type { MailContent } from '../mail/templates.ts';
import { render } from '../mail/templates.ts';

export type FilesTemplate = 'letter_notice';

export function letterNoticeMail(m: { to: string; name: string; schoolName: string; subject: string; aboutChild: string | null }): MailContent {
  const about = m.aboutChild ? ` over ${m.aboutChild}` : '';
  const aboutEn = m.aboutChild ? ` about ${m.aboutChild}` : '';
  const { text, html } = render(
    [
      `Beste ${m.name},`,
      `${m.schoolName} heeft u een brief geschreven${about}: “${m.subject}”.`,
      'U krijgt de brief van de school op papier: persoonlijk of per post. Hebt u vragen, neem dan contact op met de school.',
    ],
    [`Dear ${m.name},`, `${m.schoolName} has written you a letter${aboutEn} (“${m.subject}”).`, 'The school gives you the letter on paper, in person or by post. If you have questions, please contact the school.'],
  );
  return { template: 'letter_notice', to: m.to, subject: `Brief van ${m.schoolName} / A letter from ${m.schoolName}`, text, html };
}
