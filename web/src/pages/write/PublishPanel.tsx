// After the server's check (the recorded one): what it found, and — when the post may go out —
// the reminder that what is online stays online (A.4) and the author's own confirmation (A.3)
// before the post is marked as published.
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { Findings } from './Findings.tsx';
import type { Article, CheckResult } from './types.ts';

interface Props {
  schoolId: string;
  postId: string;
  result: CheckResult;
  text: string;
  articles: Map<string, Article>;
  /** The supervisor approved exactly this version (B.3): a needs_review verdict may be published too. */
  approved?: boolean;
  /** The check of the version shown: the server refuses (409 changed) when the post has a newer one. */
  checkId?: number;
}

export function PublishPanel({ schoolId, postId, result, text, articles, approved = false, checkId }: Props) {
  const t = useT();
  const id = useId();
  const [final, setFinal] = useState(false);
  const [permanent, setPermanent] = useState(false);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const publishable = result.verdict === 'allowed' || result.verdict === 'out_of_scope' || (approved && result.verdict === 'needs_review');

  const publish = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!final || !permanent) {
      setError(t('publish.confirmFirst'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/schools/${schoolId}/posts/${postId}/publish`, { confirmed: true, ...(url.trim() ? { url: url.trim() } : {}), ...(checkId !== undefined ? { checkId } : {}) });
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'bad_request' && url ? t('publish.badUrl') : err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="server-check" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {t('publish.title')}
      </h2>
      <p className="hint">{t('publish.recorded')}</p>
      <Findings result={result} text={text} articles={articles} canFix={false} />
      {done ? (
        <p className="form-message ok" role="status">
          {t('publish.done')} <Link to="/berichten">{t('nav.posts')}</Link>
        </p>
      ) : publishable ? (
        <form onSubmit={publish} noValidate className="publish">
          <div className="reminder">
            <h3>{t('publish.reminderTitle')}</h3>
            <p>{t('publish.reminder')}</p>
          </div>
          <label className="choice">
            <input type="checkbox" checked={final} onChange={(e) => setFinal(e.target.checked)} /> {t('publish.final')}
          </label>
          <label className="choice">
            <input type="checkbox" checked={permanent} onChange={(e) => setPermanent(e.target.checked)} /> {t('publish.permanent')}
          </label>
          <div className="field">
            <label htmlFor={`${id}-url`}>{t('publish.url')}</label>
            <input id={`${id}-url`} type="url" inputMode="url" value={url} placeholder="https://" onChange={(e) => setUrl(e.target.value)} />
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {t('publish.submit')}
          </button>
        </form>
      ) : (
        <p className="form-message error">{t(`publish.not.${result.verdict}`)}</p>
      )}
    </section>
  );
}
