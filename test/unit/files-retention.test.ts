// Retention dates of file entries (docs/files.md), the letter templates, and names outside the
// PDF font on a letter.
import { describe, expect, it } from 'vitest';
import { dutchDay } from '../../src/modules/files/dutch-time.ts';
import { addYears, retainUntil, RETENTION, ruleFor } from '../../src/modules/files/retention.ts';
import { blanksLeft, LETTER_TEMPLATES, letterPdf, letterText, paragraphs, prefill } from '../../src/modules/files/letters.ts';
import { renderPdf } from '../../src/pdf/document.ts';
import { pdfText } from '../support/pdf-text.ts';

describe('retention', () => {
  it('keeps everything while the person is at the school', () => {
    expect(retainUntil('personnel', 'letter', { active: true, leftAt: null })).toBeNull();
    // Active again after leaving (re-hired): kept as long as they are there.
    expect(retainUntil('student', 'decision', { active: true, leftAt: new Date('2020-07-15T10:00:00Z') })).toBeNull();
  });

  it('counts two years from the Dutch calendar day of leaving', () => {
    // 23:30 UTC on 31 July is 1 August in Amsterdam (summer time).
    expect(dutchDay(new Date('2024-07-31T23:30:00Z'))).toBe('2024-08-01');
    expect(retainUntil('personnel', 'decision', { active: false, leftAt: new Date('2024-07-31T23:30:00Z') })).toBe('2026-08-01');
    expect(retainUntil('student', 'email', { active: false, leftAt: new Date('2024-12-31T22:59:00Z') })).toBe('2026-12-31');
    expect(retainUntil('student', 'email', { active: false, leftAt: new Date('2024-12-31T23:00:00Z') })).toBe('2027-01-01');
  });

  it('moves 29 February to 28 February in a year without it', () => {
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-12-31', 2)).toBe('2025-12-31');
  });

  it('has a rule for every file kind and entry type, and a fallback for an unknown type', () => {
    for (const kind of ['personnel', 'student'] as const) {
      for (const [type, rule] of Object.entries(RETENTION[kind])) {
        expect(rule.id).toBe(`${kind}.after_leaving.${rule.yearsAfterLeaving}y`);
        expect(ruleFor(kind, type)).toBe(rule);
      }
      expect(ruleFor(kind, 'something_new').yearsAfterLeaving).toBe(2);
    }
  });
});

const facts = (kind: string) => ({
  schoolName: 'De Regenboog',
  person: { kind, givenName: kind === 'student' ? 'Lotte' : 'Karim', name: kind === 'student' ? 'Lotte Peters' : 'Karim El Amrani' },
  reference: 'Melding 1234abcd',
  measure: { decidedOn: '2026-03-05', days: 2, rationale: 'Een kwetsende reactie.' },
  sender: 'M. Maas',
});

describe('letter templates', () => {
  it('fill in the case for each template and person kind, in Dutch, with the article', () => {
    for (const template of LETTER_TEMPLATES) {
      for (const kind of ['employee', 'student', 'guardian']) {
        const l = prefill(template, facts(kind));
        expect(l.subject.length).toBeGreaterThan(5);
        expect(l.closing).toBe('Met vriendelijke groet,\n\nM. Maas\nnamens De Regenboog');
        expect(paragraphs(l.body).length).toBeGreaterThanOrEqual(3);
        if (template !== 'hearing_invitation') {
          expect(l.body).toContain('5 maart 2026');
          expect(l.body).toContain('Waarom: Een kwetsende reactie.');
          expect(l.body).toMatch(/D\.[35]/);
        } else expect(l.body).toContain('[datum]');
      }
    }
    expect(prefill('warning', facts('student')).salutation).toBe('Beste ouders of verzorgers van Lotte,');
    expect(prefill('suspension', facts('employee')).body).toContain('2 werkdagen');
    expect(prefill('suspension', facts('student')).body).toContain('2 schooldagen');
    // The Inspectie is told of a suspension of more than one day only.
    expect(prefill('suspension', facts('student')).body).toContain('meldt de school haar bij de Inspectie van het Onderwijs');
    const oneDay = { ...facts('student'), measure: { ...facts('student').measure, days: 1 } };
    expect(prefill('suspension', oneDay).body).toContain('1 schooldag,');
    expect(prefill('suspension', oneDay).body).not.toContain('Inspectie');
  });

  it('find the blanks left, each once, in every part of the letter', () => {
    expect(blanksLeft(prefill('suspension', facts('employee')))).toEqual(['[eerste dag]']);
    expect(blanksLeft(prefill('hearing_invitation', facts('guardian')))).toEqual(['[datum]', '[tijd]', '[namen]']);
    expect(blanksLeft({ subject: 'Gesprek [onderwerp]', salutation: 'Beste [naam],', body: 'Op [datum] en [datum].', closing: 'Groet [] [x' })).toEqual(['[onderwerp]', '[naam]', '[datum]']);
    expect(blanksLeft(prefill('warning', facts('employee')))).toEqual([]);
  });

  it('split the body on blank lines and keep the whole letter as text', () => {
    expect(paragraphs('een\n\n\ntwee\r\n \r\ndrie\nvier')).toEqual(['een', 'twee', 'drie\nvier']);
    expect(letterText({ subject: 'S', salutation: 'Beste A,', body: 'x\n\ny', closing: 'Groet' })).toBe('Beste A,\n\nx\n\ny\n\nGroet');
  });
});

describe('names on a letter outside the PDF font', () => {
  it('lose only their accent (ş, ğ, ı, ć, ł), keep Latin-1 (ö, ç, é), and never break the document', async () => {
    const l = prefill('warning', { ...facts('employee'), person: { kind: 'employee', givenName: 'Şükrü', name: 'Şükrü Yılmaz-Dağ' } });
    const text = await pdfText(
      await renderPdf(letterPdf({ ...l, schoolName: 'De Regenboog', addressee: 'Şükrü Yılmaz-Dağ, Ćosić, Łukasz, Özgür Koç, René', date: new Date('2026-03-05T10:00:00Z'), reference: 'Melding 1', footer: 'Vertrouwelijk' })),
    );
    expect(text).toContain('Beste Sükrü Yilmaz-Dag,');
    expect(text).toContain('Sükrü Yilmaz-Dag, Cosic, Lukasz, Özgür Koç, René');
    // A decomposed é (e + combining accent) is the same letter.
    expect(await pdfText(await renderPdf({ title: 'x', lang: 'nl', blocks: [{ kind: 'paragraph', text: 'Rene\u0301 en 漢' }] }))).toContain('René en ?');
  });
});
