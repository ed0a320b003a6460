import { describe, expect, it } from 'vitest';
import { check, findings } from '../testing/factories.ts';

const base = { author: { personId: 'e1' }, text: 'Mooie dag op De Regenboog. Ik werk er als leerkracht; persoonlijke mening.' };

describe('connections (A.6)', () => {
  it('blocks a private connection with a student', () => {
    const r = check({ ...base, connections: ['Sanne de Vries', 'Piet Jansen'] });
    expect(r.verdict).toBe('not_allowed');
    expect(findings(r, 'connection.student')).toEqual([expect.objectContaining({ rule: 'A.6', severity: 'block', personId: 's1' })]);
  });

  it('matches names whatever their case, diacritics or tussenvoegsel', () => {
    const r = check({ ...base, connections: ['ZOE CELIK', 'daan berg'] });
    expect(findings(r, 'connection.student').map((f) => f.personId).sort()).toEqual(['s4', 's5']);
  });

  it('does not flag colleagues, parents or a bare given name', () => {
    const r = check({ ...base, connections: ['Anouk Vermeulen', 'Petra de Vries', 'Sanne'] });
    expect(findings(r, 'connection.student')).toHaveLength(0);
  });

  it('allows students covered by a school project on that date only', () => {
    const permissions = [{ kind: 'school_project' as const, personId: 'e1', studentIds: ['s1'], project: 'Klassenvlog', from: '2026-09-01', until: '2026-12-01' }];
    expect(findings(check({ ...base, connections: ['Sanne de Vries'] }, { permissions }), 'connection.student')).toHaveLength(0);
    expect(findings(check({ ...base, connections: ['Sanne de Vries'], at: '2026-12-02T19:00:00+01:00' }, { permissions }), 'connection.student')).toHaveLength(1);
    expect(findings(check({ ...base, connections: ['Yusuf Demir'] }, { permissions }), 'connection.student')).toHaveLength(1);
  });

  it('only concerns employees', () => {
    expect(findings(check({ ...base, author: { personId: 'g1' }, connections: ['Sanne de Vries'] }), 'connection.student')).toHaveLength(0);
  });
});
