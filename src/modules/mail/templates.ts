// The e-mails Postwijzer sends, in Dutch first with the English text below it: plain text, and the
// same text as simple HTML. Links carry their token in the fragment (#token=...), so it is never
// sent to a server in a Referer header or written to an access log.
import { ROLE_NAMES } from '../../policies/roles.ts';
import type { Role } from '../../policies/roles.ts';
import { linkBase } from './config.ts';
import type { ProtocolTemplate } from '../protocol/mail.ts';
import type { SupervisionTemplate } from '../supervision/mail.ts';
import type { IncidentTemplate } from '../incidents/mail.ts';
import type { BreachTemplate } from '../breaches/mail.ts';
import type { FilesTemplate } from '../files/mail.ts';

export interface MailContent {
  /** Which template, kept in the outbox after sending (the rest is removed then). */
  template: 'invitation' | 'role_granted' | 'password_reset' | 'consent_round' | 'consent_reminder' | ProtocolTemplate | SupervisionTemplate | IncidentTemplate | BreachTemplate | FilesTemplate;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link in the mail stops working then: a mail still unsent by then is not sent at all. */
  expiresAt?: string;
}

/** The pages of the web app that take a token (the pages themselves are a later issue). */
export const INVITATION_PAGE = 'uitnodiging';
export const PASSWORD_RESET_PAGE = 'wachtwoord-herstellen';
/** The consent page (served by the consent module). */
export const CONSENT_PAGE = 'toestemming';

export function tokenLink(publicUrl: string, page: string, token: string): string {
  return `${linkBase(publicUrl)}/${page}#token=${encodeURIComponent(token)}`;
}

const TIME_ZONE = 'Europe/Amsterdam';
const when = (d: Date, locale: 'nl-NL' | 'en-GB') =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }).format(d)} (${locale === 'nl-NL' ? 'Nederlandse tijd' : 'Dutch time'})`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Paragraphs of text; a paragraph that is exactly a URL becomes a link in the HTML part. */
type Paragraph = string;

export function render(nl: Paragraph[], en: Paragraph[]): { text: string; html: string } {
  const text = [...nl, '— English below —', ...en].join('\n\n') + '\n';
  const para = (p: string) =>
    /^https?:\/\/\S+$/.test(p) ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>` : `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    ...nl.map(para),
    '<hr>',
    '<div lang="en">',
    ...en.map(para),
    '</div>',
    '</body></html>',
  ].join('\n');
  return { text, html };
}

export function invitationMail(m: { to: string; displayName: string; schoolName: string; role: Role; link: string; expiresAt: Date }): MailContent {
  const role = ROLE_NAMES[m.role];
  const { text, html } = render(
    [
      `Hallo ${m.displayName},`,
      `Je bent uitgenodigd voor Postwijzer op ${m.schoolName}, als ${role.nl}. Met Postwijzer controleer je berichten voor sociale media aan de hand van het social-mediaprotocol van school, voordat je ze plaatst.`,
      'Kies via deze link een wachtwoord; daarmee is je account klaar:',
      m.link,
      `De link werkt één keer en is geldig tot ${when(m.expiresAt, 'nl-NL')}. Is hij verlopen, vraag dan je directeur of HR om een nieuwe uitnodiging. Verwachtte je deze uitnodiging niet? Dan kun je deze e-mail negeren.`,
    ],
    [
      `Hello ${m.displayName},`,
      `You have been invited to Postwijzer at ${m.schoolName}, in the role of ${role.en}. Postwijzer checks social media posts against the school’s social media protocol before you post them.`,
      'Choose a password through this link to set up your account:',
      m.link,
      `The link works once and is valid until ${when(m.expiresAt, 'en-GB')}. If it has expired, ask your director or HR for a new invitation. If you did not expect this invitation, you can ignore this e-mail.`,
    ],
  );
  return {
    template: 'invitation',
    to: m.to,
    subject: `Uitnodiging voor Postwijzer op ${m.schoolName} / Invitation to Postwijzer`,
    text,
    html,
    expiresAt: m.expiresAt.toISOString(),
  };
}

export function roleGrantedMail(m: { to: string; displayName: string; schoolName: string; role: Role; publicUrl: string }): MailContent {
  const role = ROLE_NAMES[m.role];
  const home = linkBase(m.publicUrl);
  const { text, html } = render(
    [
      `Hallo ${m.displayName},`,
      `Je hebt in Postwijzer een rol gekregen op ${m.schoolName}: ${role.nl}. Je logt in met je bestaande account:`,
      home,
      'Klopt dit niet? Neem dan contact op met de directeur of HR van de school.',
    ],
    [
      `Hello ${m.displayName},`,
      `You have been given a role in Postwijzer at ${m.schoolName}: ${role.en}. Sign in with your existing account:`,
      home,
      'If this is not right, please contact the school’s director or HR.',
    ],
  );
  return { template: 'role_granted', to: m.to, subject: `Nieuwe rol in Postwijzer: ${m.schoolName} / New role in Postwijzer`, text, html };
}

export function passwordResetMail(m: { to: string; displayName: string; link: string; expiresAt: Date }): MailContent {
  const { text, html } = render(
    [
      `Hallo ${m.displayName},`,
      'Er is gevraagd om een nieuw wachtwoord voor je Postwijzer-account. Kies via deze link een nieuw wachtwoord:',
      m.link,
      `De link werkt één keer en is geldig tot ${when(m.expiresAt, 'nl-NL')}. Daarna log je overal opnieuw in. Heb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren: je wachtwoord blijft hetzelfde.`,
    ],
    [
      `Hello ${m.displayName},`,
      'Someone asked for a new password for your Postwijzer account. Choose a new password through this link:',
      m.link,
      `The link works once and is valid until ${when(m.expiresAt, 'en-GB')}. Afterwards you sign in again everywhere. If you did not ask for this, you can ignore this e-mail: your password stays the same.`,
    ],
  );
  return { template: 'password_reset', to: m.to, subject: 'Nieuw wachtwoord voor Postwijzer / New password for Postwijzer', text, html, expiresAt: m.expiresAt.toISOString() };
}

/** The yearly consent round: a parent (or a student from 16) chooses per child, per channel and kind. */
export function consentRoundMail(m: { to: string; name: string; schoolName: string; schoolYear: string; children: string[]; link: string; reminder: boolean; expiresAt: Date }): MailContent {
  const kids = m.children.join(', ');
  const { text, html } = render(
    [
      `Beste ${m.name},`,
      m.reminder
        ? `We hebben uw keuze voor foto's, film en geluid op ${m.schoolName} voor schooljaar ${m.schoolYear} nog niet ontvangen. Wilt u die alsnog doorgeven?`
        : `${m.schoolName} vraagt elk schooljaar opnieuw of foto's, film en geluid gebruikt mogen worden, bijvoorbeeld op de sociale media van de school, de website en in de nieuwsbrief. Dit gaat over schooljaar ${m.schoolYear}${kids ? ` en over: ${kids}` : ''}.`,
      'Via deze link geeft u per kanaal aan wat wel en niet mag. U kunt uw keuze later altijd veranderen of intrekken.',
      m.link,
      `De link werkt tot ${when(m.expiresAt, 'nl-NL')}. Geeft u niets door, dan gebruikt de school geen beelden of geluid van uw kind.`,
    ],
    [
      `Dear ${m.name},`,
      m.reminder
        ? `We have not yet received your choice about photos, film and sound at ${m.schoolName} for the ${m.schoolYear} school year. Would you still let us know?`
        : `Every school year ${m.schoolName} asks again whether photos, film and sound may be used, for example on the school's social media, its website and in the newsletter. This is about the ${m.schoolYear} school year${kids ? ` and about: ${kids}` : ''}.`,
      'Through this link you choose per channel what may and may not be used. You can change or withdraw your choice at any time.',
      m.link,
      `The link works until ${when(m.expiresAt, 'en-GB')}. If you do not answer, the school uses no pictures or sound of your child.`,
    ],
  );
  return {
    template: m.reminder ? 'consent_reminder' : 'consent_round',
    to: m.to,
    subject: m.reminder ? `Herinnering: toestemming foto's en film ${m.schoolYear} / Reminder: consent for photos` : `Toestemming voor foto's, film en geluid ${m.schoolYear} / Consent for photos, film and sound`,
    text,
    html,
    expiresAt: m.expiresAt.toISOString(),
  };
}
