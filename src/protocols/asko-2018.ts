// The ASKO social media protocol (2018), as data. Titles and summaries are Postwijzer's own short
// wording; the board's document is cited by article id, not quoted.
import type { ProtocolDefinition } from './types.ts';

export const asko2018: ProtocolDefinition = {
  id: 'asko-2018',
  name: 'Protocol Sociale Media ASKO',
  adopted: '2018-03-26',
  organization: { name: 'ASKO', aliases: ['Amsterdamse Stichting voor Katholiek Onderwijs'] },
  sentences: {
    disclosure: { nl: 'Ik werk bij {org}.', en: 'I work at {org}.' },
    disclaimer: {
      nl: 'Dit is mijn persoonlijke mening en staat los van de officiële standpunten van {org}.',
      en: 'These views are my own and not the official position of {org}.',
    },
  },
  rules: {
    scope: 'R.2',
    lessonTime: 'A.1',
    personalData: 'A.2',
    personalDataPrivateEmployee: 'C.1',
    permanence: 'A.4',
    mediaConsent: 'A.5',
    connections: 'A.6',
    decency: 'A.7',
    criminal: 'D.6',
    disclosureWork: 'B.1',
    disclosurePrivate: 'C.3',
    disclaimer: 'C.4',
    reputationEmployeeWork: 'B.3',
    reputationEmployeePrivate: 'C.1',
    reputationOther: 'A.2',
  },
  measures: {
    employee: ['warning', 'suspension', 'reprimand', 'dismissal', 'summary_dismissal'],
    studentOrGuardian: ['warning', 'suspension', 'removal'],
  },
  inspectorPhone: '0900 - 1113111',
  articles: [
    a('U.1', 'U', 'shown', ['Sociale media doen ertoe', 'Social media matter'], ['De school ziet wat sociale media kunnen betekenen.', 'The school sees what social media can do.']),
    a('U.2', 'U', 'shown', ['Een veilig schoolklimaat', 'A safe school climate'], ['De afspraken helpen een veilige school te zijn.', 'The rules help keep the school a safe place.']),
    a('U.3', 'U', 'shown', ['Respect', 'Respect'], ['Online gaan we net zo respectvol met elkaar om als op school.', 'Online we treat each other with the same respect as at school.']),
    a('U.4', 'U', 'shown', ['De goede naam van de school', "The school's good name"], ['Let op de goede naam van de school en van iedereen die erbij hoort.', 'Mind the good name of the school and of everyone in it.']),
    a('U.5', 'U', 'shown', ['Bescherming', 'Protection'], ['De afspraken beschermen iedereen tegen de schaduwkanten van sociale media.', 'The rules protect everyone against the harm social media can do.']),
    a('R.1', 'R', 'record', ['Voor wie', 'Who it is for'], ['Voor medewerkers, leerlingen, ouders en verzorgers en anderen die bij de school horen.', 'For staff, students, parents and guardians and others tied to the school.']),
    a('R.2', 'R', 'check', ['Alleen over school', 'School-related only'], ['Het protocol gaat over berichten die met school te maken hebben, of waar school, werk en privé elkaar raken.', 'The protocol covers posts about school, or where school, work and private life meet.']),
    a('A.1', 'A', 'check', ['Niet tijdens de les', 'Not during lessons'], ['Medewerkers en leerlingen zitten tijdens de les niet op sociale media, tenzij de directie of de leerkracht het toestaat.', 'Staff and students stay off social media during lessons unless management or the teacher allows it.']),
    a('A.2', 'A', 'check', ['Geen vertrouwelijke of persoonlijke informatie', 'No confidential or personal information'], ['Deel gerust nieuws over school, maar geen vertrouwelijke of persoonlijke gegevens en niets wat anderen schaadt.', 'Share school news freely, but no confidential or personal details and nothing that harms others.']),
    a('A.3', 'A', 'record', ['Je bent zelf verantwoordelijk', 'You are responsible'], ['Wie iets plaatst, is zelf verantwoordelijk voor wat er staat.', 'Whoever posts is personally responsible for the content.']),
    a('A.4', 'A', 'check', ['Het internet vergeet niets', 'The internet never forgets'], ['Wat je plaatst, blijft vindbaar, ook als je het later weghaalt.', 'What you post stays findable, even after you delete it.']),
    a('A.5', 'A', 'check', ['Toestemming voor beeld en geluid', 'Consent for images and sound'], ['Foto’s, film en geluid van schoolsituaties alleen met uitdrukkelijke toestemming van wie te zien of te horen is.', 'Photos, film and sound of school situations only with explicit consent of everyone seen or heard.']),
    a('A.6', 'A', 'check', ['Geen privévriendschap met leerlingen', 'No private friendships with students'], ['Medewerkers worden met hun privéaccount geen ‘vrienden’ met leerlingen, behalve voor een schoolproject.', 'Staff do not befriend students from a private account, except for a school project.']),
    a('A.7', 'A', 'check', ['Fatsoen', 'Decency'], ['Niet pesten, kwetsen, stalken, bedreigen of zwartmaken. De school grijpt in als dat toch gebeurt.', 'No bullying, hurting, stalking, threatening or smearing. The school acts when it happens.']),
    a('B.1', 'B', 'check', ['Zeg dat je er werkt', 'Say you work there'], ['Praat je als medewerker mee over iets dat met de school of het bestuur te maken heeft, zeg dan dat je er werkt.', 'When staff join a discussion about the school or board, they say they work there.']),
    a('B.2', 'B', 'flow', ['Loopt het uit de hand? Bel je leidinggevende', 'Derailing? Contact your supervisor'], ['Dreigt een online gesprek te ontsporen, neem dan meteen contact op met je leidinggevende.', 'When an online conversation threatens to derail, contact your supervisor at once.']),
    a('B.3', 'B', 'flow', ['Twijfel? Vraag het je leidinggevende', 'In doubt? Ask your supervisor'], ['Twijfel je of een bericht mag, overleg dan eerst met je leidinggevende.', 'In doubt whether a post is allowed, check with your supervisor first.']),
    a('C.1', 'C', 'check', ['Privé: geen vertrouwelijke informatie, geen schade', 'Private: nothing confidential, no harm'], ['Ook privé mag je over school en werk schrijven, maar zonder vertrouwelijke of persoonlijke informatie en zonder de school te schaden.', 'Privately you may write about school and work, but nothing confidential or personal and nothing that harms the school.']),
    a('C.2', 'C', 'none', ['Privé: niet tegen de missie in', 'Private: not against the mission'], ['Medewerkers dragen privé geen standpunten uit die ingaan tegen de missie en visie. Dit beoordelen mensen, geen software.', 'Staff do not promote views against the mission and vision. People judge this, not software.']),
    a('C.3', 'C', 'check', ['Privé: zeg dat je er werkt', 'Private: say you work there'], ['Doe je privé mee aan een discussie over de school, zeg dan dat je er werkt.', 'When you join a discussion about the school privately, say you work there.']),
    a('C.4', 'C', 'check', ['Privé: het is je eigen mening', 'Private: your own opinion'], ['Schrijf je privé over het bestuur of de school, zet er dan bij dat het je eigen mening is en niet die van de school.', 'When you write privately about the board or school, add that these are your own views, not the school’s.']),
    a('D.1', 'D', 'flow', ['Medewerkers: personeelsdossier', 'Staff: personnel file'], ['Overtreedt een medewerker het protocol, dan kan dat plichtsverzuim zijn; alle post hierover gaat in het personeelsdossier.', 'A breach by staff may be dereliction of duty; all correspondence goes into the personnel file.']),
    a('D.2', 'D', 'flow', ['Melding bij de vertrouwensinspecteur', 'Report to the confidential inspector'], ['Noemt het bevoegd gezag het gedrag van een medewerker grensoverschrijdend, dan volgt een telefonische melding bij de landelijke vertrouwensinspecteur.', 'When the board calls a staff member’s conduct a serious transgression, it is reported by phone to the national confidential inspector.']),
    a('D.3', 'D', 'record', ['Maatregelen voor medewerkers', 'Measures for staff'], ['Van licht naar zwaar: waarschuwing, schorsing, berisping, ontslag, ontslag op staande voet.', 'From light to heavy: warning, suspension, reprimand, dismissal, summary dismissal.']),
    a('D.4', 'D', 'flow', ['Leerlingen en ouders: leerlingdossier', 'Students and parents: student file'], ['Overtreden leerlingen of ouders het protocol, dan gaat alle post hierover in het leerlingdossier.', 'For breaches by students or parents, all correspondence goes into the student file.']),
    a('D.5', 'D', 'record', ['Maatregelen voor leerlingen en ouders', 'Measures for students and parents'], ['Van licht naar zwaar: waarschuwing, schorsing, verwijdering van school.', 'From light to heavy: warning, suspension, removal from school.']),
    a('D.6', 'D', 'flow', ['Aangifte bij de politie', 'Police report'], ['Is een uitlating mogelijk strafbaar, dan kan de school aangifte doen.', 'When a statement may be a crime, the school can report it to the police.']),
  ],
};

function a(
  id: string,
  section: ProtocolDefinition['articles'][number]['section'],
  software: ProtocolDefinition['articles'][number]['software'],
  [titleNl, titleEn]: [string, string],
  [sumNl, sumEn]: [string, string],
): ProtocolDefinition['articles'][number] {
  return { id, section, software, title: { nl: titleNl, en: titleEn }, summary: { nl: sumNl, en: sumEn } };
}
