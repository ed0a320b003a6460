// The e-mails of the supervisor flows, Dutch first with English below. They carry names and a
// link to the app, never the post's text, the conversation or a supervisor's comment: those stay
// behind the sign-in.
import { linkBase } from '../mail/config.ts';
import type { MailContent } from '../mail/templates.ts';
import { render } from '../mail/templates.ts';

export type SupervisionTemplate = 'review_request' | 'review_decision' | 'escalation';

/** The queue and the author's pages in the web app. */
export const QUEUE_PAGE = 'wachtrij';
export const MY_POSTS_PAGE = 'berichten';
export const ESCALATE_PAGE = 'escaleren';

export type Decision = 'approved' | 'changes_requested' | 'rejected';

const DECISION: Record<Decision, { nl: string; en: string }> = {
  approved: { nl: 'goedgekeurd', en: 'approved' },
  changes_requested: { nl: 'vraagt om aanpassingen', en: 'asks for changes' },
  rejected: { nl: 'afgewezen', en: 'rejected' },
};

export function reviewRequestMail(m: { to: string; supervisorName: string; authorName: string; schoolName: string; resubmitted: boolean; publicUrl: string }): MailContent {
  const link = `${linkBase(m.publicUrl)}/${QUEUE_PAGE}`;
  const { text, html } = render(
    [
      `Hallo ${m.supervisorName},`,
      m.resubmitted
        ? `${m.authorName} heeft een aangepast bericht opnieuw aan je voorgelegd (${m.schoolName}).`
        : `${m.authorName} twijfelt over een bericht voor sociale media en vraagt je om mee te kijken voordat het geplaatst wordt (${m.schoolName}, artikel B.3 van het protocol).`,
      'Je vindt het bericht, de controle en de vraag in je wachtrij. Je kunt het goedkeuren, om aanpassingen vragen of afwijzen, met een toelichting:',
      link,
    ],
    [
      `Hello ${m.supervisorName},`,
      m.resubmitted
        ? `${m.authorName} has sent you a changed post again (${m.schoolName}).`
        : `${m.authorName} is unsure about a social media post and asks you to look at it before it is published (${m.schoolName}, article B.3 of the protocol).`,
      'The post, its check and the question are in your queue. You can approve it, ask for changes or reject it, with a comment:',
      link,
    ],
  );
  return {
    template: 'review_request',
    to: m.to,
    subject: m.resubmitted ? `Opnieuw voorgelegd: bericht van ${m.authorName} / Sent again for review` : `Vraag van ${m.authorName}: wil je naar een bericht kijken? / Review request`,
    text,
    html,
  };
}

/** The decision and a link; the supervisor's comment stays in the app (it may quote the post or name children). */
export function reviewDecisionMail(m: { to: string; authorName: string; deciderName: string; decision: Decision; publicUrl: string }): MailContent {
  const link = `${linkBase(m.publicUrl)}/${MY_POSTS_PAGE}`;
  const d = DECISION[m.decision];
  const next = {
    approved: {
      nl: 'Je mag het bericht plaatsen zoals het is voorgelegd. Pas je het nog aan, vraag dan opnieuw om een beoordeling.',
      en: 'You may publish the post as it was reviewed. If you change it, ask for a review again.',
    },
    changes_requested: { nl: 'Pas het bericht aan en leg het opnieuw voor.', en: 'Change the post and send it again.' },
    rejected: { nl: 'Plaats dit bericht niet.', en: 'Do not publish this post.' },
  }[m.decision];
  const { text, html } = render(
    [`Hallo ${m.authorName},`, `${m.deciderName} heeft naar je bericht gekeken: ${d.nl}.`, next.nl, 'Je leest de toelichting in Postwijzer, bij je bericht:', link],
    [`Hello ${m.authorName},`, `${m.deciderName} has looked at your post: ${d.en}.`, next.en, 'Read the comment in Postwijzer, with your post:', link],
  );
  return { template: 'review_decision', to: m.to, subject: `Je bericht is ${d.nl} / Your post: ${d.en}`, text, html };
}

export function escalationMail(m: { to: string; supervisorName: string; reporterName: string; schoolName: string; derailing: boolean; publicUrl: string }): MailContent {
  const link = `${linkBase(m.publicUrl)}/${QUEUE_PAGE}`;
  const { text, html } = render(
    [
      `Hallo ${m.supervisorName},`,
      `DRINGEND: ${m.reporterName} meldt een online gesprek dat uit de hand dreigt te lopen (${m.schoolName}, artikel B.2 van het protocol).${m.derailing ? ' Postwijzer ziet in de tekst tekenen dat het gesprek ontspoort.' : ''}`,
      'Neem zo snel mogelijk contact op met je collega. Het gesprek, de link en de schermafbeeldingen staan bovenaan je wachtrij; laat daar weten dat je het hebt gezien:',
      link,
    ],
    [
      `Hello ${m.supervisorName},`,
      `URGENT: ${m.reporterName} reports an online conversation that threatens to get out of hand (${m.schoolName}, article B.2 of the protocol).${m.derailing ? ' Postwijzer sees signs in the text that the conversation is derailing.' : ''}`,
      'Please contact your colleague as soon as you can. The conversation, the link and the screenshots are at the top of your queue; mark it as seen there:',
      link,
    ],
  );
  return { template: 'escalation', to: m.to, subject: `DRINGEND: escalatie van ${m.reporterName} / URGENT: escalation`, text, html };
}
