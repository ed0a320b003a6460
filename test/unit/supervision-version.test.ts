// The write page's comparison of the post in the form with the version the supervisor approved
// (web/src/pages/write/version.ts): any change the check is about counts, not only the text.
import { describe, expect, it } from 'vitest';
import { versionKey } from '../../web/src/pages/write/version.ts';

const reviewed = {
  author: { personId: '00000000-0000-4000-8000-000000000001' },
  situation: 'work',
  channel: { kind: 'school', platform: 'social' },
  at: '2026-11-26T16:30:00+01:00',
  text: 'Fijne ouderavond gehad.',
  media: [{ mediaId: 'm1', kind: 'photo', people: ['p1'], unidentifiedPeople: 0 }],
};
const form = { situation: 'work', channel: { kind: 'school', platform: 'social' }, at: '2026-11-26T16:30', text: 'Fijne ouderavond gehad.', media: [{ mediaId: 'm1', kind: 'photo' }] };

describe('the version an approval covers', () => {
  it('is the same for the form and the stored post when nothing changed (the server adds author and tags)', () => {
    expect(versionKey(form)).toBe(versionKey(reviewed));
  });

  it('differs when a photo, the channel, the situation, the time or the text changes', () => {
    const changes: Record<string, unknown>[] = [
      { media: [] },
      { media: [{ mediaId: 'm2', kind: 'photo' }] },
      { channel: { kind: 'personal', platform: 'facebook' } },
      { channel: { kind: 'school', platform: 'website' } },
      { situation: 'private' },
      { at: '2026-11-27T16:30' },
      { text: 'Fijne ouderavond gehad!' },
    ];
    for (const change of changes) expect(versionKey({ ...form, ...change }), JSON.stringify(change)).not.toBe(versionKey(reviewed));
  });
});
