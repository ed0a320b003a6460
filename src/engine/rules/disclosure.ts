// B.1 (work) and C.3 (private): an employee who writes about the board or the school on a
// personal channel says that they work there. On the school's own channel the school speaks.
import type { Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { EMPLOYMENT_STATEMENT } from '../text/lexicon.ts';
import { foldString } from '../text/normalize.ts';
import { finding } from './finding.ts';

export function hasStatement(ctx: PostContext, set: typeof EMPLOYMENT_STATEMENT, ownSentence: string): boolean {
  const own = foldString(ownSentence).replace(/[\s.!]+$/, '');
  if (own && ctx.folded.text.includes(own)) return true;
  const { tokens } = ctx.tk;
  for (let i = 0; i < tokens.length; i++) if (set.longestAt(tokens, i)) return true;
  return false;
}

export function disclosureRule(ctx: PostContext): Finding[] {
  const rule = ctx.post.situation === 'work' ? ctx.articles.disclosureWork : ctx.articles.disclosurePrivate;
  if (!rule || !ctx.isEmployee || !ctx.isPersonalChannel || ctx.orgMentions.length === 0) return [];
  const sentence = ctx.school.organization.disclosure;
  if (hasStatement(ctx, EMPLOYMENT_STATEMENT, sentence) || staffOfOrg(ctx)) return [];
  return [
    finding(
      rule,
      'fix',
      'disclosure.missing',
      {
        nl: `Je schrijft over ${ctx.school.organization.name} of je school. Vermeld dat je er werkt, dan weet iedereen wie er spreekt. Voeg toe: "${sentence}"`,
        en: `You write about ${ctx.school.organization.name} or your school. Say that you work there, so readers know who is speaking. Add: "${sentence}"`,
      },
      { fix: { kind: 'append', text: sentence, role: 'disclosure' } },
    ),
  ];
}

/** "medewerker ASKO", "medewerkster De Regenboog". */
function staffOfOrg(ctx: PostContext): boolean {
  return ctx.orgMentions.some((m) => {
    const before = ctx.tk.tokens[m.from - 1];
    return before !== undefined && (before.word === 'medewerker' || before.word === 'medewerkster');
  });
}
