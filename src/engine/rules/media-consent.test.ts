import { describe, expect, it } from 'vitest';
import type { CaseInput } from '../case.ts';
import { applyFixes } from '../fixes.ts';
import { buildCase, check, findings } from '../testing/factories.ts';
import { checkCase } from '../check.ts';

const schoolPost = { channel: { kind: 'school' as const, platform: 'instagram' }, author: { personId: 'e1' }, situation: 'work' as const, at: '2026-11-26T16:00:00+01:00', text: 'Herfstknutsels in groep 3' };
const consent = (over: Partial<NonNullable<CaseInput['consents']>[number]> = {}) => ({
  personId: 's3',
  channel: 'school_social_media',
  media: ['photo' as const, 'video' as const],
  validFrom: '2026-08-24',
  validUntil: '2027-07-16',
  status: 'granted' as const,
  ...over,
});

describe('media consent (A.5)', () => {
  it('allows a photo of a student with a valid consent', () => {
    const r = check({ ...schoolPost, media: [{ kind: 'photo', people: ['s3'] }] }, { consents: [consent()] });
    expect(findings(r, 'A.5')).toHaveLength(0);
    expect(r.verdict).toBe('allowed');
  });

  it('asks to blur a student whose consent was revoked, refused, expired or missing', () => {
    for (const consents of [[consent(), consent({ status: 'revoked' })], [consent({ status: 'refused' })], [consent({ validUntil: '2026-07-16' })], []]) {
      const r = check({ ...schoolPost, media: [{ kind: 'photo', people: ['s3'] }] }, { consents });
      expect(findings(r, 'media.consent_missing')).toEqual([
        expect.objectContaining({ rule: 'A.5', severity: 'fix', personId: 's3', fix: { kind: 'blur', media: 0, people: ['s3'], unidentified: false } }),
      ]);
    }
  });

  it('needs consent for the right channel and media kind', () => {
    const photoOnly = [consent({ media: ['photo'] })];
    expect(findings(check({ ...schoolPost, media: [{ kind: 'video', people: ['s3'] }] }, { consents: photoOnly }), 'media.consent_missing')[0]?.severity).toBe('block');
    const website = { ...schoolPost, channel: { kind: 'school' as const, platform: 'website' } };
    expect(findings(check({ ...website, media: [{ kind: 'photo', people: ['s3'] }] }, { consents: photoOnly }), 'media.consent_missing')).toHaveLength(1);
    expect(findings(check({ ...website, media: [{ kind: 'photo', people: ['s3'] }] }, { consents: [consent({ channel: 'school_website' })] }), 'media.consent_missing')).toHaveLength(0);
    const personal = { ...schoolPost, channel: { kind: 'personal' as const } };
    expect(findings(check({ ...personal, media: [{ kind: 'photo', people: ['s3'] }] }, { consents: [consent()] }), 'media.consent_missing')).toHaveLength(1);
  });

  it('needs consent for a channel of the school’s own when the post names it', () => {
    const app = { ...schoolPost, channel: { kind: 'school' as const, platform: 'SchoolApp' }, media: [{ kind: 'photo' as const, people: ['s3'] }] };
    const school = { name: 'Basisschool De Regenboog', consentChannels: ['schoolapp'] };
    // Consent for social media does not cover the school app...
    expect(findings(check(app, { school, consents: [consent()] }), 'media.consent_missing')).toHaveLength(1);
    expect(findings(check(app, { school, consents: [consent({ channel: 'schoolapp' })] }), 'media.consent_missing')).toHaveLength(0);
    // ...and a platform the school did not add counts as its social media.
    expect(findings(check(app, { consents: [consent()] }), 'media.consent_missing')).toHaveLength(0);
  });

  it('counts validity dates inclusively, in the school’s time zone', () => {
    // 23:30 UTC on 16 July is already 17 July in Amsterdam: the consent has ended.
    const r = check({ ...schoolPost, at: '2027-07-16T22:30:00Z', media: [{ kind: 'photo', people: ['s3'] }] }, { consents: [consent()] });
    expect(findings(r, 'media.consent_missing')).toHaveLength(1);
    const ok = check({ ...schoolPost, at: '2027-07-16T20:00:00Z', media: [{ kind: 'photo', people: ['s3'] }] }, { consents: [consent()] });
    expect(findings(ok, 'media.consent_missing')).toHaveLength(0);
  });

  it('treats untagged faces as people without consent, and blocks film and sound', () => {
    const r = check({ ...schoolPost, media: [{ kind: 'photo', people: [], unidentifiedPeople: 2 }, { kind: 'audio', people: ['s3'] }] }, { consents: [consent()] });
    const f = findings(r, 'media.consent_missing');
    expect(f.map((x) => x.severity)).toEqual(['fix', 'block']);
    expect(f[0]?.fix).toEqual({ kind: 'blur', media: 0, people: [], unidentified: true });
    expect(r.verdict).toBe('not_allowed');
  });

  it('exempts the author and a guardian’s own child, but not an author given only by role', () => {
    expect(findings(check({ ...schoolPost, author: { personId: 'g1' }, media: [{ kind: 'photo', people: ['s1', 'g1'] }] }), 'media.consent_missing')).toHaveLength(0);
    expect(findings(check({ ...schoolPost, author: { role: 'guardian' }, media: [{ kind: 'photo', people: ['s1'] }] }), 'media.consent_missing')).toHaveLength(1);
    expect(findings(check({ ...schoolPost, author: { personId: 'g1' }, media: [{ kind: 'photo', people: ['s2'] }] }), 'media.consent_missing')).toHaveLength(1);
  });

  it('gives a fixed case that checks clean: blurred people move to `blurred`', () => {
    const input = buildCase({ ...schoolPost, media: [{ kind: 'photo', people: ['s3', 's1'], unidentifiedPeople: 1 }] }, { consents: [consent({ personId: 's1' })] });
    const r = checkCase(input);
    const fixed = applyFixes(input, r);
    expect(fixed.post.media?.[0]).toMatchObject({ people: ['s1'], blurred: ['s3'], unidentifiedPeople: 0 });
    expect(checkCase(fixed).findings.filter((f) => f.severity === 'fix')).toHaveLength(0);
  });
});
