// C.1 / U.4: an explicit negative judgement of the school, the board, its staff or its policy.
// From an employee: ask the supervisor first (B.3 at work, C.1 in private). From anyone else:
// for their awareness (A.2). Mild regret ("jammer", "saai") is no judgement.
import type { Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { tokenSpan } from '../context.ts';
import { NEGATIVE_JUDGEMENT, NEGATORS, POSITIVE_AFTER, SCHOOL_TARGET } from '../text/lexicon.ts';
import { finding } from './finding.ts';

export function reputationRule(ctx: PostContext): Finding[] {
  const a = ctx.articles;
  const rule = ctx.isEmployee
    ? ctx.post.situation === 'work'
      ? a.reputationEmployeeWork
      : a.reputationEmployeePrivate
    : a.reputationOther;
  if (!rule) return [];
  const { tokens } = ctx.tk;
  // Most posts judge nothing: then there is no need to cut them into clauses.
  if (!NEGATIVE_JUDGEMENT.mayMatch(tokens)) return [];
  for (const s of clauses(ctx)) {
    const judgements = NEGATIVE_JUDGEMENT.match(tokens, s.from, s.to).filter((m) => {
      const before = tokens[m.from - 1];
      if (before && before.sentence === tokens[m.from]!.sentence && NEGATORS.has(before.word)) return false;
      const after = tokens[m.to];
      return !(after && after.joined && POSITIVE_AFTER.has(after.word));
    });
    if (judgements.length === 0) continue;
    const inClause = (i: number) => i >= s.from && i < s.to;
    const target =
      ctx.orgMentions.some((m) => inClause(m.from)) ||
      ctx.mentions.some((m) => inClause(m.from) && m.people.some((p) => p.kind === 'employee') && m.kind !== 'bare') ||
      SCHOOL_TARGET.match(tokens, s.from, s.to).length > 0 ||
      judgements.some((j) => j.to - j.from > 1 && /school|onderwijs|juf|meester|leerkracht|leraar|directie|beleid/.test(tokens[j.to - 1]!.word));
    if (!target) continue;
    const j = judgements[0]!;
    const employee = ctx.isEmployee;
    return [
      finding(
        rule,
        employee ? 'review' : 'info',
        'reputation',
        employee
          ? {
              nl: 'Je oordeelt hier negatief over de school, het bestuur, collega’s of het beleid. Dat kan de goede naam van de school schaden. Overleg eerst met je leidinggevende voordat je dit plaatst.',
              en: 'This is a negative judgement of the school, the board, colleagues or the policy, which can harm the school’s good name. Check with your supervisor before you post it.',
            }
          : {
              nl: 'Je oordeelt hier negatief over de school of de mensen die er werken. Kritiek mag, maar bedenk of een gesprek met de school niet beter helpt.',
              en: 'This is a negative judgement of the school or its staff. Criticism is allowed, but a conversation with the school may help more.',
            },
        { span: tokenSpan(ctx, j.from, j.to) },
      ),
    ];
  }
  return [];
}

const CLAUSE_BREAK = new Set(['maar', 'want', 'terwijl', 'omdat', 'but', 'because']);

/** Sentences cut at "maar", "want" and the like: a judgement is about what stands in its own clause. */
function clauses(ctx: PostContext): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const s of ctx.tk.sentences) {
    let from = s.from;
    for (let i = s.from; i < s.to; i++) {
      if (CLAUSE_BREAK.has(ctx.tk.tokens[i]!.word) && i > from) {
        out.push({ from, to: i });
        from = i;
      }
    }
    out.push({ from, to: s.to });
  }
  return out;
}
