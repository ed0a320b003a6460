import { describe, expect, it } from 'vitest';
import { parseCase } from '../case.ts';
import { check, findings, SCHOOL } from '../testing/factories.ts';
import { findingCategory } from './decency.ts';

const parent = { author: { personId: 'g1' } };

describe('decency (A.7, D.6)', () => {
  it('blocks an insult aimed at a named student as targeted', () => {
    const r = check({ ...parent, text: 'Lotte uit groep 3 is echt een dom wicht' });
    expect(r.verdict).toBe('not_allowed');
    expect(findings(r, 'decency.targeted')[0]).toMatchObject({ rule: 'A.7', severity: 'block', personId: 's3' });
  });

  it('counts a bare given name and "you" as a target', () => {
    expect(findings(check({ ...parent, text: 'Yusuf is een sukkel, zegt de hele klas' }), 'decency.targeted')).toHaveLength(1);
    expect(findings(check({ ...parent, text: 'Jij bent een idioot, juf' }), 'decency.targeted')).toHaveLength(1);
  });

  it('gives abuse without a target its own code', () => {
    const r = check({ ...parent, text: 'Die kankerschool van ons ook altijd' });
    expect(findings(r, 'decency.abuse').length + findings(r, 'decency.targeted').length).toBeGreaterThan(0);
    expect(r.verdict).toBe('not_allowed');
  });

  it('adds a D.6 note to a threat', () => {
    const r = check({ ...parent, text: 'Yusuf, ik weet waar je woont. Pas maar op na school.' });
    expect(r.verdict).toBe('not_allowed');
    expect(findings(r, 'D.6')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it.each([
    'Ik ben het niet eens met de keuze van de school voor deze methode.',
    'Wat was ik dom vandaag, mijn gymtas vergeten op school!',
    'In groep 8 leerden we over de pest in de middeleeuwen.',
    'Op school zeggen we nooit "idioot" tegen elkaar.',
  ])('no finding for civil criticism, self-mockery, history or condemnation: %s', (text) => {
    expect(findings(check({ ...parent, text }), 'A.7')).toHaveLength(0);
  });

  it.each([
    ['Jij bent een idioot, juf', 'insult'],
    ['Wat een kankerweer', 'insult'],
    ['Vuile jood', 'slur'],
    ['Moslims zijn ratten.', 'slur'],
    ['Jij bent een rat.', 'insult'],
    ['Ik hoop dat je doodgaat', 'threat'],
    ['Ik steek je neer', 'threat'],
    ['Ik volg je overal.', 'threat'],
    ["Stuur me naakt foto's", 'sexual'],
    ["Anders verspreid ik je naaktfoto's.", 'sexual'],
    ['Niemand wil met jou spelen.', 'exclusion'],
    ['Iedereen lacht je uit.', 'humiliation'],
    ['Meester Karim is een pedo', 'defamation'],
    ['Hij woont op de Dorpsstraat 12, ga daar maar langs.', 'doxxing'],
  ] as const)('gives each decency finding a category: %s -> %s', (text, category) => {
    // On a school channel, so that every post is in scope.
    const r = check({ ...parent, channel: { kind: 'school' }, text });
    const a7 = findings(r, 'A.7');
    expect(a7.length).toBeGreaterThan(0);
    expect(a7.map((f) => f.category)).toContain(category);
    // The short Dutch explanation stays in the message; other findings carry no category.
    for (const f of a7) expect(f.message.nl).toMatch(/^Dit is /);
    for (const f of r.findings.filter((x) => x.rule !== 'A.7')) expect(f.category).toBeUndefined();
  });

  it('maps the finer categories onto the eight of a finding', () => {
    expect(findingCategory({ category: 'curse', group: false })).toBe('insult');
    expect(findingCategory({ category: 'dehumanising', group: true })).toBe('slur');
    expect(findingCategory({ category: 'dehumanising', group: false })).toBe('insult');
    expect(findingCategory({ category: 'death_wish', group: false })).toBe('threat');
    expect(findingCategory({ category: 'stalking', group: false })).toBe('threat');
    expect(findingCategory({ category: 'sextortion', group: false })).toBe('sexual');
  });

  it("uses the school's own terms from the case (school.decency)", () => {
    const school = { ...SCHOOL, decency: { add: [{ term: 'kaaskop', category: 'insult' as const, note: 'local' }], remove: ['mietje'] } };
    const withTerms = check({ ...parent, text: 'Yusuf is een kaaskop, zegt de hele klas' }, { school });
    expect(findings(withTerms, 'decency.targeted')[0]).toMatchObject({ category: 'insult', personId: expect.any(String) });
    expect(findings(check({ ...parent, text: 'Yusuf is een kaaskop, zegt de hele klas' }), 'A.7')).toHaveLength(0);
    const onSchool = { ...parent, channel: { kind: 'school' as const }, text: 'Jij bent een mietje' };
    expect(findings(check(onSchool, { school }), 'A.7')).toHaveLength(0);
    expect(findings(check(onSchool), 'A.7')).toHaveLength(1);
  });

  it('rejects a school term with an unknown category', () => {
    const input = { school: { ...SCHOOL, decency: { add: [{ term: 'x', category: 'rude' }] } }, post: { author: { role: 'guardian' }, channel: { kind: 'personal' }, text: '' } };
    expect(() => parseCase(input)).toThrow(/school\.decency\.add\[0\]\.category/);
  });
});

