// Readable output of a check for a terminal: the verdict, then each finding with its article,
// the words it is about, what to do and the proposed fix.
import type { CheckResult, Fix } from '../engine/index.ts';
import { SEVERITY_LABEL, VERDICT_LABEL } from '../engine/labels.ts';

export function formatText(text: string, result: CheckResult, lang: 'nl' | 'en'): string {
  const lines: string[] = [];
  lines.push(`${lang === 'nl' ? 'Oordeel' : 'Verdict'}: ${VERDICT_LABEL[result.verdict][lang]} (${result.verdict})`);
  for (const f of result.findings) {
    lines.push('');
    lines.push(`[${f.rule}] ${SEVERITY_LABEL[f.severity][lang]} · ${f.code}`);
    if (f.span) lines.push(`  "${text.slice(f.span[0], f.span[1])}" (${f.span[0]}–${f.span[1]})`);
    lines.push(`  ${f.message[lang]}`);
    if (f.fix) lines.push(`  ${lang === 'nl' ? 'Verbetering' : 'Fix'}: ${describeFix(f.fix, text, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeFix(fix: Fix, text: string, lang: 'nl' | 'en'): string {
  switch (fix.kind) {
    case 'replace':
      return `"${text.slice(fix.span[0], fix.span[1])}" → "${fix.text}"`;
    case 'append':
      return `${lang === 'nl' ? 'voeg toe' : 'append'}: "${fix.text}"`;
    case 'reschedule':
      return `${lang === 'nl' ? 'plaats om' : 'post at'} ${fix.at}`;
    case 'blur': {
      const who = [...fix.people, ...(fix.unidentified ? [lang === 'nl' ? 'onbekenden' : 'unidentified people'] : [])].join(', ');
      return `${lang === 'nl' ? 'maak onherkenbaar op media' : 'blur on media item'} ${fix.media + 1}: ${who}`;
    }
  }
}
