import { describe, expect, it } from 'vitest';
import { check, findings } from '../testing/factories.ts';

describe('permanence (A.4)', () => {
  it('reminds every in-scope post, once, as information only', () => {
    const r = check({ text: 'Groep 5b heeft vandaag een echte vulkaan gebouwd! 🌋' });
    expect(findings(r, 'A.4')).toEqual([expect.objectContaining({ severity: 'info', code: 'permanence' })]);
    expect(r.verdict).toBe('allowed');
  });

  it('is absent from out-of-scope posts', () => {
    expect(findings(check({ text: 'Lekker weer vandaag' }), 'A.4')).toHaveLength(0);
  });
});
