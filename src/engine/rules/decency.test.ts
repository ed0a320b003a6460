import { describe, expect, it } from 'vitest';
import { check, findings } from '../testing/factories.ts';

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
});
