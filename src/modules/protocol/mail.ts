// The reminder to confirm the protocol: Dutch first, English below, plain text and the same as
// simple HTML (the shared renderer). The link goes to the protocol page of the web app (sign-in
// needed, no token in it).
import { linkBase } from '../mail/config.ts';
import type { MailContent } from '../mail/templates.ts';
import { render } from '../mail/templates.ts';

export type ProtocolTemplate = 'protocol_reminder';

/** The protocol page of the web app (web/src/pages/protocol). */
export const PROTOCOL_PAGE = 'protocol';

export function protocolReminderMail(m: { to: string; name: string; schoolName: string; protocolName: string; version: string; publicUrl: string }): MailContent {
  const link = `${linkBase(m.publicUrl)}/${PROTOCOL_PAGE}`;
  const { text, html } = render(
    [
      `Beste ${m.name},`,
      `${m.schoolName} vraagt je het protocol sociale media te lezen (${m.protocolName}, versie ${m.version}) en te bevestigen dat je je eraan houdt. Dat kost een paar minuten:`,
      link,
      'Log in met je Postwijzer-account. Heb je het al bevestigd? Dan kun je deze e-mail negeren.',
    ],
    [
      `Dear ${m.name},`,
      `${m.schoolName} asks you to read the social media protocol (${m.protocolName}, version ${m.version}) and to confirm that you keep to it. It takes a few minutes:`,
      link,
      'Sign in with your Postwijzer account. If you have confirmed it already, you can ignore this e-mail.',
    ],
  );
  return { template: 'protocol_reminder', to: m.to, subject: `Herinnering: protocol sociale media ${m.version} / Reminder: social media protocol`, text, html };
}
