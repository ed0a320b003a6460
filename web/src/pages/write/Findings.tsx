// The check's answer in plain words: the verdict, each finding with its article of the protocol,
// the found spans marked in the text, and a button per fix plus "apply all".
import type { ReactNode } from 'react';
import { SEVERITY_LABEL, VERDICT_LABEL } from '../../../../src/engine/labels.ts';
import { useLang, useT } from '../../i18n.tsx';
import type { Article, CheckResult, Finding } from './types.ts';

export function VerdictBanner({ result }: { result: CheckResult }) {
  const { lang } = useLang();
  return <p className={`verdict ${result.verdict}`}>{VERDICT_LABEL[result.verdict][lang]}</p>;
}

/** What a fix does, in words, for its button. */
export function fixLabel(f: Finding, text: string, t: ReturnType<typeof useT>, names: ReadonlyMap<string, string> = new Map()): string {
  const fix = f.fix!;
  switch (fix.kind) {
    case 'replace': {
      const from = text.slice(fix.span[0], fix.span[1]);
      return fix.text ? t('write.fix.replace', { from, to: fix.text }) : t('write.fix.remove', { from });
    }
    case 'append':
      return t(fix.role === 'disclaimer' ? 'write.fix.disclaimer' : fix.role === 'disclosure' ? 'write.fix.disclosure' : 'write.fix.append');
    case 'reschedule':
      return t('write.fix.reschedule', { at: fix.at.slice(11, 16) });
    case 'blur':
      if (fix.people.length) return t('write.fix.blurPeople', { who: fix.people.map((p) => names.get(p) ?? t('write.fix.someone')).join(', '), n: fix.media + 1 });
      return t('write.fix.blur', { n: fix.media + 1 });
  }
}

/** The text with every finding's span marked, numbered like the list. */
export function MarkedText({ text, findings }: { text: string; findings: Finding[] }) {
  const spans = findings
    .map((f, i) => ({ n: i + 1, span: f.span }))
    .filter((x): x is { n: number; span: [number, number] } => !!x.span && x.span[1] > x.span[0] && x.span[1] <= text.length)
    .sort((a, b) => a.span[0] - b.span[0]);
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.span[0] < at) continue; // overlapping: the first one is marked
    out.push(text.slice(at, s.span[0]));
    out.push(
      <mark key={s.n}>
        {text.slice(s.span[0], s.span[1])}
        <sup>{s.n}</sup>
      </mark>,
    );
    at = s.span[1];
  }
  out.push(text.slice(at));
  return <p className="marked">{out}</p>;
}

interface FindingsProps {
  result: CheckResult;
  text: string;
  articles: Map<string, Article>;
  /** Fixes can be applied (the result belongs to the text as it is now). */
  canFix: boolean;
  busy?: boolean;
  onFix?: (findings: Finding[]) => void;
  /** Names of the people a blur fix is about (the people the author may tag). */
  names?: ReadonlyMap<string, string>;
}

export function Findings({ result, text, articles, canFix, busy, onFix, names }: FindingsProps) {
  const t = useT();
  const { lang } = useLang();
  const fixable = result.findings.filter((f) => f.fix);
  return (
    <div className="findings">
      <VerdictBanner result={result} />
      {result.findings.some((f) => f.span) && (
        <>
          <h3>{t('write.findings.marked')}</h3>
          <MarkedText text={text} findings={result.findings} />
        </>
      )}
      <ol className="finding-list">
        {result.findings.map((f, i) => {
          const article = articles.get(f.rule);
          return (
            <li key={`${f.code}-${i}`} className={`finding ${f.severity}`}>
              <p className="finding-head">
                <span className="badge">{SEVERITY_LABEL[f.severity][lang]}</span>{' '}
                <span className="article">
                  {t('write.findings.article', { id: f.rule })}
                  {article ? `: ${article.title[lang]}` : ''}
                </span>
              </p>
              <p>{f.message[lang]}</p>
              {f.fix && onFix && (
                <button type="button" className="secondary" disabled={!canFix || busy} onClick={() => onFix([f])}>
                  {fixLabel(f, text, t, names)}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {onFix && fixable.length > 1 && (
        <button type="button" disabled={!canFix || busy} onClick={() => onFix(fixable)}>
          {t('write.fix.all', { count: fixable.length })}
        </button>
      )}
    </div>
  );
}
