// A.6: an employee's private connections may not include students, unless for a school project.
// The list is only read here, never stored.
import type { Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { fold } from '../text/normalize.ts';
import { tokenize } from '../text/tokens.ts';
import { finding } from './finding.ts';

export function connectionsRule(ctx: PostContext): Finding[] {
  const rule = ctx.articles.connections;
  const list = ctx.post.connections;
  if (!rule || !list?.length || !ctx.isEmployee) return [];
  const employeeId = ctx.author.person?.id;
  const projects = employeeId ? ctx.school.projects.get(employeeId) ?? [] : [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    const { tokens } = tokenize(fold(entry).text);
    for (let i = 0; i < tokens.length; i++) {
      const m = ctx.school.roster.fullNames.longestAt(tokens, i);
      if (!m || m.to - m.from < 2) continue;
      i = m.to - 1;
      for (const p of m.people) {
        if (p.kind !== 'student' || seen.has(p.id)) continue;
        const covered = projects.some((pr) => pr.students.has(p.id) && ctx.local.date >= pr.from && ctx.local.date <= pr.until);
        if (covered) continue;
        seen.add(p.id);
        out.push(
          finding(
            rule,
            'block',
            'connection.student',
            {
              nl: `Je bent met je privéaccount verbonden met een leerling (${entry.trim()}). Dat mag alleen voor een schoolproject. Verbreek de verbinding of vraag een schoolproject aan.`,
              en: `Your private account is connected to a student (${entry.trim()}). That is only allowed for a school project. Remove the connection or ask for a school project.`,
            },
            { personId: p.id },
          ),
        );
      }
    }
  }
  return out;
}
