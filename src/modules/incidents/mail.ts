// The one e-mail of incident handling: a signed-in reporter hears that their report has an
// outcome (decided) or was closed. Dutch first, English below; no details of the case, only a
// link to "Mijn meldingen" behind the sign-in.
import { linkBase } from '../mail/config.ts';
import type { MailContent } from '../mail/templates.ts';
import { render } from '../mail/templates.ts';

export type IncidentTemplate = 'incident_update';

/** The reporter's page in the web app. */
export const MY_REPORTS_PAGE = 'mijn-meldingen';

export function incidentUpdateMail(m: { to: string; name: string; schoolName: string; status: 'decided' | 'closed'; publicUrl: string }): MailContent {
  const link = `${linkBase(m.publicUrl)}/${MY_REPORTS_PAGE}`;
  const { text, html } = render(
    [
      `Hallo ${m.name},`,
      m.status === 'decided'
        ? `${m.schoolName} heeft een besluit genomen over je melding. Wat de school met je kan delen, lees je in Postwijzer:`
        : `${m.schoolName} heeft je melding afgesloten. Wat de school met je kan delen, lees je in Postwijzer:`,
      link,
      'Bedankt dat je het hebt gemeld.',
    ],
    [
      `Hello ${m.name},`,
      m.status === 'decided' ? `${m.schoolName} has decided about your report. What the school can share with you is in Postwijzer:` : `${m.schoolName} has closed your report. What the school can share with you is in Postwijzer:`,
      link,
      'Thank you for reporting it.',
    ],
  );
  return { template: 'incident_update', to: m.to, subject: `Nieuws over je melding / News about your report (${m.schoolName})`, text, html };
}
