import { describe, expect, it } from 'vitest';
import { applyTextFixes } from '../fixes.ts';
import { check, findings, spanText } from '../testing/factories.ts';

const onSchool = { channel: { kind: 'school' as const, platform: 'instagram' }, author: { personId: 'e1' }, situation: 'work' as const, at: '2026-11-26T16:00:00+01:00' };

function names(text: string, extra = {}) {
  const r = check({ ...onSchool, text, ...extra });
  return { r, f: findings(r, 'personal.name'), fixed: applyTextFixes(text, r) };
}

describe('names (A.2)', () => {
  it('replaces a full name with its group phrase by the given name', () => {
    const { r, f, fixed } = names('Yusuf Demir uit groep 5b won de rekenquiz!');
    expect(r.verdict).toBe('allowed_with_changes');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'A.2', severity: 'fix', personId: 's2' });
    expect(fixed).toBe('Yusuf won de rekenquiz!');
  });

  it('finds full names in any case, without diacritics, with or without tussenvoegsel', () => {
    for (const text of ['Bravo SANNE DE VRIES!', 'Bravo sanne vries!', 'Bravo Zoe Celik!', 'Bravo Zoë Çelik!', 'Bravo Daan van der Berg!', 'Bravo Danny Berg!']) {
      expect(names(text).f, text).toHaveLength(1);
    }
  });

  it('finds possessives and keeps them in the fix', () => {
    const a = names('Sanne de Vries’s tekening hangt in de hal.');
    expect(a.f).toHaveLength(1);
    const b = names('Yusuf Demirs tekening hangt in de hal.');
    expect(b.fixed).toBe('Yusufs tekening hangt in de hal.');
    const c = names("Yusuf Demir's tekening hangt in de hal.");
    expect(c.fixed).toBe("Yusuf's tekening hangt in de hal.");
  });

  it('finds a given name or nickname with the student’s group in the sentence', () => {
    expect(names('Sanne uit groep 5b heeft gewonnen').fixed).toBe('Sanne heeft gewonnen');
    expect(names('Sanna uit 5b heeft gewonnen').f).toHaveLength(1);
    expect(names('In klas 5b heeft Yusuf de quiz gewonnen').f).toHaveLength(1);
    // Another group: not this Yusuf.
    expect(names('Yusuf uit groep 7a heeft gewonnen').f).toHaveLength(0);
  });

  it('replaces a name whose group stands elsewhere in the sentence so that a second check is clean', () => {
    const { fixed } = names('Groep 5b heeft gewonnen en Yusuf Demir was de beste.');
    expect(fixed).toBe('Groep 5b heeft gewonnen en een leerling was de beste.');
    expect(findings(check({ ...onSchool, text: fixed }), 'personal.name')).toHaveLength(0);
  });

  it('does not treat a bare given name, an employee’s name or a guardian’s given name as naming', () => {
    expect(names('Sanne heeft vandaag gewonnen!').f).toHaveLength(0);
    expect(names('Karim El Amrani gaf een mooie les.').f).toHaveLength(0);
    expect(names('Dank aan juf Anouk!').f).toHaveLength(0);
  });

  it('flags a guardian’s full name', () => {
    const { f, fixed } = names('Dank aan Petra de Vries voor de taart.');
    expect(f[0]?.personId).toBe('g1');
    expect(fixed).toBe('Dank aan Petra voor de taart.');
  });

  it('does not match a name across a sentence end', () => {
    expect(names('Dat was Yusuf. Demir is een mooie achternaam.').f).toHaveLength(0);
  });
});

describe('identifiers (A.2)', () => {
  const text = 'Bel mij op 06-12345678 of mail sanne.ouder@example.nl. BSN 111222333, rekening NL91 ABNA 0417 1643 00.';
  it('redacts phone, e-mail, BSN and IBAN, whoever they belong to', () => {
    const r = check({ ...onSchool, text });
    expect(r.findings.filter((f) => f.code.startsWith('personal.')).map((f) => f.code)).toEqual([
      'personal.phone',
      'personal.email',
      'personal.bsn',
      'personal.iban',
    ]);
    const fixed = applyTextFixes(text, r);
    expect(fixed).not.toMatch(/12345678|example\.nl|111222333|0417/);
    expect(check({ ...onSchool, text: fixed }).findings.filter((f) => f.severity === 'fix')).toHaveLength(0);
  });

  it('leaves the school’s own public contact details alone, in any writing', () => {
    const r = check({ ...onSchool, text: 'Vragen? Bel 020-5550123 of mail INFO@deregenboog.example' });
    expect(r.findings.filter((f) => f.code.startsWith('personal.'))).toHaveLength(0);
  });

  it('leaves service numbers alone', () => {
    const r = check({ ...onSchool, text: 'Bel bij nood 112, of de inspectie op 0900 - 1113111.' });
    expect(r.findings.filter((f) => f.code === 'personal.phone')).toHaveLength(0);
  });

  it('flags a birth date said to be one, or equal to a roster birth date, and no other date', () => {
    expect(findings(check({ ...onSchool, text: 'Onze nieuwe leerling is geboren op 3 maart 2018.' }), 'personal.birthdate')).toHaveLength(1);
    expect(findings(check({ ...onSchool, text: 'Feest op 2-4-2017 in de klas!' }), 'personal.birthdate')).toHaveLength(1);
    expect(findings(check({ ...onSchool, text: 'De ouderavond is op 3 maart 2027.' }), 'personal.birthdate')).toHaveLength(0);
  });
});

describe('special categories (A.2)', () => {
  it('blocks health information about a person called by a bare given name', () => {
    const text = 'Sanne heeft autisme, dus de drukte van het schoolfeest is lastig voor haar.';
    const r = check({ ...onSchool, text });
    expect(r.verdict).toBe('not_allowed');
    const [f] = findings(r, 'personal.sensitive');
    expect(f).toMatchObject({ rule: 'A.2', severity: 'block', personId: 's1' });
    expect(spanText(text, f!)).toBe('autisme');
  });

  it.each([
    ['Juf Anouk is al weken ziek thuis.'],
    ['De ouders van Yusuf zijn gescheiden.'],
    ['Lotte had een 4 voor rekenen.'],
    ['Yusuf is geschorst na de ruzie.'],
    ['Yusuf doet mee aan de ramadan.'],
    ['Ik sprak Sanne vandaag. Ze heeft ADHD, zei ze.'],
  ])('blocks: %s', (text) => {
    expect(findings(check({ ...onSchool, text }), 'personal.sensitive').length).toBeGreaterThan(0);
  });

  it.each([
    ['Vandaag leerden we in groep 7 over autisme en dyslexie.'],
    ['Veel kinderen zijn ziek deze week, denk aan handen wassen.'],
    ['Het bestuur is de Amsterdamse Stichting voor Katholiek Onderwijs, Sanne vond het mooi.'],
  ])('no finding without a person: %s', (text) => {
    expect(findings(check({ ...onSchool, text }), 'personal.sensitive')).toHaveLength(0);
  });

  it('cites C.1 for an employee in a private situation', () => {
    const r = check({ author: { personId: 'e1' }, situation: 'private', text: 'Sanne uit 5b heeft dyslexie, ik werk bij De Regenboog, persoonlijke mening.' });
    expect(findings(r, 'personal.sensitive')[0]?.rule).toBe('C.1');
  });
});

describe('confidential matters (A.2)', () => {
  it.each([
    ['Vertrouwelijk: we gaan volgend jaar fuseren met De Zonnebloem.'],
    ['Er komt een reorganisatie op school, maar dat mag nog niemand weten.'],
    ['Er loopt een klacht tegen de directeur van school.'],
  ])('blocks: %s', (text) => {
    const r = check({ ...onSchool, text });
    expect(r.verdict).toBe('not_allowed');
    expect(findings(r, 'confidential').length).toBeGreaterThan(0);
  });

  it.each([
    ['Geen klachten: het schoolfeest was top!'],
    ['Onze intern begeleider helpt graag.'],
    ['Zoals aangekondigd in de nieuwsbrief gaan we fuseren met De Zonnebloem.'],
  ])('no finding: %s', (text) => {
    expect(findings(check({ ...onSchool, text }), 'confidential')).toHaveLength(0);
  });
});

describe('several names with groups in one sentence', () => {
  it('gives each name its own group phrase, so that the fixed text checks clean', () => {
    for (const text of ['Yusuf Demir uit groep 5b Yusuf Demir uit groep 5b', 'Yusuf uit groep 5b en Sanne de Vries uit groep 5b wonnen.']) {
      const r = check({ ...onSchool, text });
      const fixed = applyTextFixes(text, r);
      expect(findings(check({ ...onSchool, text: fixed }), 'personal.name'), fixed).toHaveLength(0);
    }
    const text = 'Yusuf uit groep 5b en Sanne de Vries uit groep 5b wonnen.';
    expect(applyTextFixes(text, check({ ...onSchool, text }))).toBe('Yusuf en Sanne wonnen.');
  });
});
