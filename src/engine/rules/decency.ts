// A.7: decency. Abuse aimed at a person of the roster (named, or by a bare given name) or at
// "you" is targeted; other abuse is still abuse. Threats, accusations of a crime, sextortion and
// doxxing also get a D.6 note: the school may report them to the police.
import type { DecencyCategory, Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { tokenSpan } from '../context.ts';
import type { AbuseCategory, AbuseHit } from '../text/abuse.ts';
import { finding } from './finding.ts';

const CATEGORY_NL: Record<AbuseCategory, string> = {
  insult: 'een belediging',
  slur: 'een scheldwoord voor een groep mensen',
  curse: 'een grove vloek of verwensing',
  dehumanising: 'een vergelijking die mensen ontmenselijkt',
  death_wish: 'iemand de dood toewensen',
  threat: 'een bedreiging',
  sexual: 'seksuele intimidatie',
  sextortion: 'afpersing met seksuele beelden',
  humiliation: 'iemand vernederen',
  exclusion: 'iemand buitensluiten',
  defamation: 'iemand beschuldigen van een misdrijf',
  doxxing: 'iemands adres verspreiden',
  stalking: 'iemand achtervolgen of in de gaten houden',
};
const CATEGORY_EN: Record<AbuseCategory, string> = {
  insult: 'an insult',
  slur: 'a slur against a group of people',
  curse: 'a gross curse',
  dehumanising: 'a dehumanising comparison',
  death_wish: 'wishing someone dead',
  threat: 'a threat',
  sexual: 'sexual harassment',
  sextortion: 'sexual extortion',
  humiliation: 'humiliating someone',
  exclusion: 'excluding someone',
  defamation: 'accusing someone of a crime',
  doxxing: "spreading someone's address",
  stalking: 'stalking someone',
};

/**
 * The category a finding carries: the eight, from the detector's finer ones. A curse is an
 * insult; a dehumanising comparison is a slur when aimed at a group, else an insult; a death wish
 * and stalking are threats; sextortion is sexual.
 */
const FINDING_CATEGORY: Record<AbuseCategory, DecencyCategory | 'by_target'> = {
  insult: 'insult',
  slur: 'slur',
  curse: 'insult',
  dehumanising: 'by_target',
  death_wish: 'threat',
  threat: 'threat',
  stalking: 'threat',
  sexual: 'sexual',
  sextortion: 'sexual',
  humiliation: 'humiliation',
  exclusion: 'exclusion',
  defamation: 'defamation',
  doxxing: 'doxxing',
};
export function findingCategory(h: Pick<AbuseHit, 'category' | 'group'>): DecencyCategory {
  const c = FINDING_CATEGORY[h.category];
  return c === 'by_target' ? (h.group ? 'slur' : 'insult') : c;
}

export function decencyRule(ctx: PostContext): Finding[] {
  const rule = ctx.articles.decency;
  if (!rule) return [];
  const hits = ctx.abuse();
  if (hits.length === 0) return [];
  const mentionSpans = ctx.mentions.map((m) => ({ span: tokenSpan(ctx, m.from, m.to), m }));
  const out: Finding[] = [];
  let criminal = false;
  for (const h of hits) {
    const target = mentionSpans.find(({ span }) => span[0] >= h.sentence[0] && span[1] <= h.sentence[1]);
    const targeted = target !== undefined || h.secondPerson;
    criminal ||= h.criminal;
    const personId = target?.m.people[0]?.id;
    const f = finding(
      rule,
      'block',
      targeted ? 'decency.targeted' : 'decency.abuse',
      {
        nl: `Dit is ${CATEGORY_NL[h.category]}${targeted ? ', gericht op een persoon' : ''}. Zo gaan we niet met elkaar om: plaats dit niet.`,
        en: `This is ${CATEGORY_EN[h.category]}${targeted ? ' aimed at a person' : ''}. That is not how we treat each other: do not post this.`,
      },
      { span: [h.start, h.end], ...(personId ? { personId } : {}) },
    );
    f.category = findingCategory(h);
    out.push(f);
  }
  if (criminal && ctx.articles.criminal) {
    out.push(
      finding(ctx.articles.criminal, 'info', 'decency.possible_crime', {
        nl: 'Dit kan strafbaar zijn (bedreiging, beschuldiging van een misdrijf, afpersing of iemands adres verspreiden). De school kan hiervan aangifte doen bij de politie.',
        en: 'This may be a crime (a threat, an accusation of a crime, extortion or spreading an address). The school can report it to the police.',
      }),
    );
  }
  return out;
}
