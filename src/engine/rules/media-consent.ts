// A.5: every person seen or heard needs explicit consent for this channel and media kind, valid
// on the day of posting. Faces nobody tagged count as people without consent. A photo can be
// fixed by blurring; film and sound cannot (yet), so they block.
import type { Consent, Finding, MediaKind, Post } from '../case.ts';
import type { PostContext } from '../context.ts';
import { finding } from './finding.ts';

const KIND_NL: Record<MediaKind, string> = { photo: 'de foto', video: 'de video', audio: 'de geluidsopname' };
const KIND_EN: Record<MediaKind, string> = { photo: 'the photo', video: 'the video', audio: 'the audio recording' };

/**
 * The consent channel a post needs (contract: "Channels for consent"); a school channel of the
 * school's own when the post's platform names one.
 */
export function consentChannel(post: Post, schoolChannels: readonly string[] = []): string {
  if (post.channel.kind === 'personal') return 'personal_social_media';
  const platform = post.channel.platform?.toLowerCase();
  if (platform && schoolChannels.includes(platform)) return platform;
  if (platform === 'website') return 'school_website';
  if (platform === 'newsletter') return 'newsletter';
  return 'school_social_media';
}

export type ConsentState = 'granted' | 'refused' | 'revoked' | 'expired' | 'missing';

/** The consent state of one person for a channel, media kind and date. A refusal or revocation valid that day outweighs a grant. */
export function consentState(consents: readonly Consent[] | undefined, channel: string, kind: MediaKind, date: string): ConsentState {
  let granted = false;
  let expired = false;
  let denied: ConsentState | null = null;
  for (const c of consents ?? []) {
    if (c.channel !== channel || !c.media.includes(kind)) continue;
    const valid = (!c.validFrom || date >= c.validFrom) && (!c.validUntil || date <= c.validUntil);
    if (!valid) {
      if (c.status === 'granted') expired = true;
      continue;
    }
    if (c.status === 'granted') granted = true;
    else denied = c.status;
  }
  if (denied) return denied;
  if (granted) return 'granted';
  return expired ? 'expired' : 'missing';
}

const STATE_NL: Record<Exclude<ConsentState, 'granted'>, string> = {
  refused: 'heeft geen toestemming gegeven',
  revoked: 'heeft de toestemming ingetrokken',
  expired: 'heeft een toestemming die niet meer geldig is',
  missing: 'heeft (nog) geen toestemming gegeven',
};
const STATE_EN: Record<Exclude<ConsentState, 'granted'>, string> = {
  refused: 'refused consent',
  revoked: 'withdrew consent',
  expired: 'has a consent that is no longer valid',
  missing: 'has not given consent',
};

export function mediaConsentRule(ctx: PostContext): Finding[] {
  const rule = ctx.articles.mediaConsent;
  if (!rule) return [];
  const channel = consentChannel(ctx.post, ctx.school.school.consentChannels);
  const date = ctx.local.date;
  const author = ctx.author.person;
  const out: Finding[] = [];
  ctx.post.media.forEach((item, index) => {
    const fixable = item.kind === 'photo';
    const severity = fixable ? 'fix' : 'block';
    const n = index + 1;
    for (const id of new Set(item.people)) {
      if (author && (id === author.id || author.guardianOf?.includes(id))) continue;
      const state = consentState(ctx.school.consents.get(id), channel, item.kind, date);
      if (state === 'granted') continue;
      const person = ctx.school.roster.people.get(id);
      const who = person ? person.givenName : id;
      out.push(
        finding(
          rule,
          severity,
          'media.consent_missing',
          {
            nl: `${cap(who)} staat op ${KIND_NL[item.kind]} (${n}) maar ${STATE_NL[state]} voor dit kanaal.${fixable ? ' Maak het gezicht onherkenbaar.' : ' Laat deze opname weg.'}`,
            en: `${cap(who)} appears in ${KIND_EN[item.kind]} (${n}) but ${STATE_EN[state]} for this channel.${fixable ? ' Blur their face.' : ' Leave this recording out.'}`,
          },
          { personId: id, ...(fixable ? { fix: { kind: 'blur', media: index, people: [id], unidentified: false } } : {}) },
        ),
      );
    }
    if (item.unidentifiedPeople > 0) {
      out.push(
        finding(
          rule,
          severity,
          'media.consent_missing',
          {
            nl: `Op ${KIND_NL[item.kind]} (${n}) ${item.unidentifiedPeople === 1 ? 'staat iemand' : `staan ${item.unidentifiedPeople} mensen`} van wie we niet weten of er toestemming is.${fixable ? ' Maak die gezichten onherkenbaar, of geef aan wie het zijn.' : ' Laat deze opname weg, of geef aan wie erop staan.'}`,
            en: `${cap(KIND_EN[item.kind])} (${n}) shows ${item.unidentifiedPeople === 1 ? 'someone' : `${item.unidentifiedPeople} people`} whose consent is unknown.${fixable ? ' Blur those faces, or tag who they are.' : ' Leave it out, or tag who appears in it.'}`,
          },
          fixable ? { fix: { kind: 'blur', media: index, people: [], unidentified: true } } : {},
        ),
      );
    }
  });
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
