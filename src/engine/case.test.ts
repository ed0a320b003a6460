import { describe, expect, it } from 'vitest';
import { CaseValidationError, parseCase } from './case.ts';
import { checkCase } from './check.ts';
import { buildCase } from './testing/factories.ts';

function issues(input: unknown) {
  try {
    checkCase(input);
  } catch (e) {
    if (e instanceof CaseValidationError) return e.issues;
    throw e;
  }
  return [];
}

describe('case validation', () => {
  it('accepts a minimal case and fills the defaults', () => {
    const c = parseCase({ post: { author: { role: 'guardian' }, channel: { kind: 'personal' }, text: 'Hoi' } });
    expect(c.protocol).toBe('asko-2018');
    expect(c.school.timezone).toBe('Europe/Amsterdam');
    expect(c.post.situation).toBe('private');
  });

  it('lists every problem with its JSON path', () => {
    const bad = buildCase({ channel: { kind: 'facebook' as never }, media: [{ kind: 'gif' as never, people: [] }] });
    const list = issues(bad);
    expect(list.map((i) => i.path)).toEqual(expect.arrayContaining(['$.post.channel.kind', '$.post.media[0].kind']));
  });

  it('rejects unknown authors, duplicate ids, bad moments, unknown protocols and time zones', () => {
    expect(issues(buildCase({ author: { personId: 'nobody' } }))[0]?.path).toBe('$.post.author.personId');
    const roster = [
      { id: 'x', kind: 'student' as const, givenName: 'A', familyName: 'B' },
      { id: 'x', kind: 'student' as const, givenName: 'C', familyName: 'D' },
    ];
    expect(issues(buildCase({ author: { role: 'other' } }, { roster }))[0]?.message).toMatch(/duplicate/);
    expect(issues(buildCase({ at: '26-11-2026' }))[0]?.path).toBe('$.post.at');
    expect(issues(buildCase({ at: '2026-02-30T10:00:00+01:00' }))[0]?.path).toBe('$.post.at');
    expect(issues({ ...buildCase(), protocol: 'nope' })[0]?.path).toBe('$.protocol');
    expect(issues(buildCase({}, { school: { name: 'X', timezone: 'Mars/Olympus' } }))[0]?.path).toBe('$.school.timezone');
  });

  it('rejects things that are not a case', () => {
    for (const v of [null, 42, 'text', [], {}]) expect(issues(v).length).toBeGreaterThan(0);
  });
});
