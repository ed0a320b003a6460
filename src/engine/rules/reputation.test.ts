import { describe, expect, it } from 'vitest';
import { check, findings } from '../testing/factories.ts';

describe('reputation (C.1, B.3, A.2)', () => {
  it('asks an employee to check with the supervisor: C.1 in private, B.3 at work', () => {
    const text = 'Het beleid van De Regenboog is echt een puinhoop. Ik werk er; persoonlijke mening.';
    const priv = findings(check({ author: { personId: 'e1' }, situation: 'private', text }), 'reputation');
    expect(priv).toEqual([expect.objectContaining({ rule: 'C.1', severity: 'review' })]);
    const work = check({ author: { personId: 'e1' }, situation: 'work', text });
    expect(findings(work, 'reputation')[0]).toMatchObject({ rule: 'B.3', severity: 'review' });
    expect(work.verdict).toBe('needs_review');
  });

  it('is information (A.2) when a parent judges the school', () => {
    const r = check({ author: { personId: 'g1' }, text: 'Deze school doet niets tegen pesten.' });
    expect(findings(r, 'reputation')).toEqual([expect.objectContaining({ rule: 'A.2', severity: 'info' })]);
    expect(r.verdict).toBe('allowed');
  });

  it.each([
    'Jammer dat het schoolfeest niet doorging.',
    'De toneelles op school was een beetje saai.',
    'Ik ben het niet eens met het nieuwe beleid van school, laten we erover praten.',
    'De school is helemaal niet waardeloos!',
    'De juf was vreselijk leuk vandaag.',
    'Mijn fiets is waardeloos, maar de juf hielp me.',
  ])('no finding for mild words, negation or judgements of other things: %s', (text) => {
    expect(findings(check({ author: { personId: 'e1' }, text }), 'reputation')).toEqual([]);
  });
});
