// A small made-up school for the demo page, so that names in a pasted post are found. Every
// person, number and address here is invented. The page adds the post and sends the whole case.
import type { CaseInput } from '../engine/index.ts';

export type DemoSchool = Omit<CaseInput, 'post'>;

export const DEMO_SCHOOL: DemoSchool = {
  protocol: 'asko-2018',
  organization: {
    name: 'ASKO',
    aliases: ['Amsterdamse Stichting voor Katholiek Onderwijs'],
    disclosure: 'Ik werk bij ASKO.',
    disclaimer: 'Dit is mijn persoonlijke mening en staat los van de officiële standpunten van ASKO.',
  },
  school: {
    name: 'Basisschool De Regenboog',
    aliases: ['De Regenboog', 'OBS Regenboog'],
    contact: { phone: '020 - 555 01 23', email: 'info@deregenboog.example' },
    timezone: 'Europe/Amsterdam',
    // Lesson hours: the default timetable (see CHECK-CASE.md).
    holidays: [['2026-12-19', '2027-01-03']],
  },
  roster: [
    { id: 's1', kind: 'student', givenName: 'Sanne', prefix: 'de', familyName: 'Vries', group: '5b', birthDate: '2017-04-02' },
    { id: 's2', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-09-14' },
    { id: 's3', kind: 'student', givenName: 'Daan', familyName: 'Jansen', group: '7a', nicknames: ['Daantje'] },
    { id: 's4', kind: 'student', givenName: 'Noor', familyName: 'El Idrissi', group: '7a' },
    { id: 's5', kind: 'student', givenName: 'Emma', prefix: 'van den', familyName: 'Berg', group: '3a' },
    { id: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani', function: 'leerkracht', groups: ['5b'] },
    { id: 'e2', kind: 'employee', givenName: 'Marieke', familyName: 'Visser', function: 'leerkracht', groups: ['7a'] },
    { id: 'e3', kind: 'employee', givenName: 'Peter', prefix: 'de', familyName: 'Jong', function: 'directeur' },
    { id: 'g1', kind: 'guardian', givenName: 'Petra', prefix: 'de', familyName: 'Vries', guardianOf: ['s1'] },
    { id: 'g2', kind: 'guardian', givenName: 'Ahmet', familyName: 'Demir', guardianOf: ['s2'] },
  ],
  consents: [
    { personId: 's1', channel: 'school_social_media', media: ['photo', 'video'], validFrom: '2026-08-24', validUntil: '2027-07-16', status: 'granted' },
    { personId: 's2', channel: 'school_social_media', media: ['photo'], validFrom: '2026-08-24', validUntil: '2027-07-16', status: 'granted' },
    { personId: 's3', channel: 'school_social_media', media: ['photo', 'video'], validFrom: '2026-08-24', validUntil: '2027-07-16', status: 'refused' },
  ],
  permissions: [],
};

/** Example posts for the page's "Voorbeeld" button: each shows a different kind of finding. */
export const DEMO_EXAMPLES: readonly string[] = [
  'Wat een feest vandaag! Sanne de Vries uit groep 5b heeft de voorleeswedstrijd van De Regenboog gewonnen.',
  'Bel me gerust over het schoolreisje: 06 12 34 56 78 of mail naar petra.devries@example.com.',
  'De nieuwe directeur van De Regenboog is echt incompetent, het is een puinhoop op school.',
];
