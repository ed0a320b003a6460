// From the page's state to the post the engine and the server check. The browser check (staff)
// needs the tagged people of each photo; the server resolves { mediaId } to the same people from
// the tags it stored, so both see the same post.
import type { Post } from '../../../../src/engine/case.ts';
import type { ChannelChoice, Draft, MediaItem, StoredPost } from './types.ts';

const ENGINE_KIND = { image: 'photo', video: 'video', audio: 'audio' } as const;

export function channelOf(choice: ChannelChoice, platform: string): Post['channel'] {
  if (choice === 'personal') return { kind: 'personal', ...(platform.trim() ? { platform: platform.trim() } : {}) };
  return { kind: 'school', platform: choice === 'school_website' ? 'website' : choice === 'newsletter' ? 'newsletter' : 'social' };
}

export function choiceOf(channel: StoredPost['post']['channel']): { channel: ChannelChoice; platform: string } {
  if (channel.kind === 'personal') return { channel: 'personal', platform: channel.platform ?? '' };
  return { channel: channel.platform === 'website' ? 'school_website' : channel.platform === 'newsletter' ? 'newsletter' : 'school_social_media', platform: '' };
}

/** The people a media item shows for the check: its tags (and nobody twice), untagged faces counted. */
export function mediaForCheck(m: MediaItem): Post['media'][number] {
  const people = [...new Set(m.faces.flatMap((f) => (f.personId ? [f.personId] : [])))];
  return { mediaId: m.id, kind: ENGINE_KIND[m.kind], people, unidentifiedPeople: m.faces.filter((f) => !f.personId).length };
}

/** The post for the browser's own check. */
export function postForCheck(d: Draft, author: Post['author']): Post {
  return {
    author,
    situation: d.situation,
    channel: channelOf(d.channel, d.platform),
    ...(d.at ? { at: d.at } : {}),
    text: d.text,
    media: d.media.map(mediaForCheck),
  };
}

/** The post as the server takes it: uploads by id (the server fills in who they show), no author (the sign-in is the author). */
export function postForServer(d: Draft): Record<string, unknown> {
  return {
    situation: d.situation,
    channel: channelOf(d.channel, d.platform),
    ...(d.at ? { at: d.at } : {}),
    text: d.text,
    media: d.media.map((m) => ({ mediaId: m.id, kind: ENGINE_KIND[m.kind] })),
  };
}

/** A moment from a fix ("2026-11-26T14:30:00+01:00", already in the school's time zone) as a datetime-local value. */
export const localMoment = (at: string): string => at.slice(0, 16);
