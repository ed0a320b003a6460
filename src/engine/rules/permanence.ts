// A.4: what is published stays public, even after deletion. Every in-scope post gets this reminder.
import type { Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { finding } from './finding.ts';

export function permanenceRule(ctx: PostContext): Finding[] {
  const rule = ctx.articles.permanence;
  if (!rule) return [];
  return [
    finding(rule, 'info', 'permanence', {
      nl: 'Let op: wat je plaatst, blijft openbaar, ook als je het later verwijdert.',
      en: 'Keep in mind: what you post stays public, even if you delete it later.',
    }),
  ];
}
