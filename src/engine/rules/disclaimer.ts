// C.4: an employee who writes privately about the board or the school adds that these are their
// own views, not the school's official position.
import type { Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { DISCLAIMER_STATEMENT } from '../text/lexicon.ts';
import { hasStatement } from './disclosure.ts';
import { finding } from './finding.ts';

const STANDS_APART = /staa?t\s+los\s+van\b[^.!?\n]{0,80}?standpunt/u;

export function disclaimerRule(ctx: PostContext): Finding[] {
  const rule = ctx.articles.disclaimer;
  if (!rule || !ctx.isEmployee || !ctx.isPersonalChannel || ctx.post.situation !== 'private' || ctx.orgMentions.length === 0) return [];
  const sentence = ctx.school.organization.disclaimer;
  if (hasStatement(ctx, DISCLAIMER_STATEMENT, sentence) || STANDS_APART.test(ctx.folded.text)) return [];
  return [
    finding(
      rule,
      'fix',
      'disclaimer.missing',
      {
        nl: `Schrijf je privé over ${ctx.school.organization.name} of je school, zet er dan bij dat dit je eigen mening is. Voeg toe: "${sentence}"`,
        en: `When you write privately about ${ctx.school.organization.name} or your school, add that these are your own views. Add: "${sentence}"`,
      },
      { fix: { kind: 'append', text: sentence, role: 'disclaimer' } },
    ),
  ];
}
