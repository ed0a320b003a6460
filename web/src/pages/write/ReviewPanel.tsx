// "Vraag mijn leidinggevende" (B.3) on the write page: send the post with the server's check and a
// question; then the request's status, the supervisor's comment and the history. After "changes
// asked" the author changes the post above and sends it again (same request); after an approval
// of exactly this version, the publish panel appears (a needs_review verdict included).
import { useCallback, useEffect, useId, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useT } from '../../i18n.tsx';
import { History } from '../supervision/Cards.tsx';
import type { Review } from '../supervision/shared.ts';
import '../supervision/texts.ts';
import '../supervision/supervision.css';
import { PublishPanel } from './PublishPanel.tsx';
import type { Article, CheckResult } from './types.ts';
import { versionKey } from './version.ts';

interface Props {
  schoolId: string;
  postId: string | null;
  /** The post as the form has it now (postForServer), and its text. */
  post: unknown;
  text: string;
  empty: boolean;
  articles: Map<string, Article>;
  /** The server stored the post (a new one gets its id). */
  onStored: (postId: string, result: CheckResult) => void;
}

export function ReviewPanel({ schoolId, postId, post, empty, articles, onStored }: Props) {
  const t = useT();
  const id = useId();
  const [review, setReview] = useState<Review | null>(null);
  const [asking, setAsking] = useState(false);
  const [question, setQuestion] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(
    async (pid: string) => {
      const r = await api<{ reviews: Review[] }>('GET', `/api/v1/schools/${schoolId}/reviews/mine?postId=${encodeURIComponent(pid)}`);
      setReview(r.reviews[0] ?? null);
    },
    [schoolId],
  );
  useEffect(() => {
    if (postId) void load(postId).catch(() => setReview(null));
  }, [postId, load]);

  const ask = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!question.trim()) {
      setMessage({ kind: 'error', text: t('ask.needsQuestion') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const r = await api<{ postId: string; result: CheckResult; supervisor: { name: string } }>('POST', `/api/v1/schools/${schoolId}/reviews`, { post, ...(postId ? { postId } : {}), question: question.trim() });
      onStored(r.postId, r.result);
      setQuestion('');
      setAsking(false);
      setMessage({ kind: 'ok', text: t('ask.sent', { name: r.supervisor.name }) });
      await load(r.postId);
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const resubmit = async () => {
    if (!review) return;
    setBusy(true);
    setMessage(null);
    try {
      const r = await api<{ postId: string; result: CheckResult }>('POST', `/api/v1/schools/${schoolId}/reviews/${review.id}/resubmit`, { post, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      onStored(r.postId, r.result);
      setComment('');
      setMessage({ kind: 'ok', text: t('ask.sent', { name: review.supervisor ?? '' }) });
      await load(r.postId);
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (!review) return;
    setBusy(true);
    setMessage(null);
    try {
      await api('POST', `/api/v1/schools/${schoolId}/reviews/${review.id}/withdraw`);
      await load(review.postId);
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  // The form differs from the version the supervisor saw: text, photos and videos, channel, situation or time.
  const edited = review?.post ? versionKey(review.post) !== versionKey(post) : false;
  const closed = !review || review.status === 'rejected' || review.status === 'withdrawn' || (review.status === 'approved' && (!review.approvalCovers || edited));
  return (
    <section className="ask" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('ask.title')}</h2>
      {review && (
        <div className="review-status">
          <p>
            <span className={`status ${review.status}`}>{t(`review.status.${review.status}`)}</span> {review.supervisor && t('ask.to', { name: review.supervisor })}
          </p>
          {review.comment && (
            <>
              <h3>{t('ask.lastComment')}</h3>
              <p className="note">{review.comment}</p>
            </>
          )}
          <h3>{t('review.history')}</h3>
          <History events={review.history} />
          {review.status === 'approved' && review.approvalCovers && !edited && review.check && review.post && (
            <>
              <p className="form-message ok">{t('ask.approvedPublish')}</p>
              <PublishPanel schoolId={schoolId} postId={review.postId} result={review.check.result} text={review.post.text} articles={articles} approved checkId={review.check.id} />
            </>
          )}
          {review.status === 'approved' && (!review.approvalCovers || edited) && !review.published && <p className="hint">{t('ask.approvedChanged')}</p>}
          {(review.status === 'open' || review.status === 'changes_requested') && (
            <p>
              <button type="button" className="link" disabled={busy} onClick={() => void withdraw()}>
                {t('ask.withdraw')}
              </button>
            </p>
          )}
          {review.status === 'changes_requested' && (
            <div>
              <p>{t('ask.resubmitIntro')}</p>
              <div className="field">
                <label htmlFor={`${id}-comment`}>{t('ask.resubmitComment')}</label>
                <textarea id={`${id}-comment`} rows={2} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
              </div>
              <div className="actions">
                <button type="button" disabled={busy || empty} onClick={() => void resubmit()}>
                  {t('ask.resubmit')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {closed && !asking && (
        <>
          <p className="hint">{t('ask.intro')}</p>
          <button type="button" className="secondary" disabled={empty} onClick={() => setAsking(true)}>
            {t('ask.open')}
          </button>
        </>
      )}
      {closed && asking && (
        <form onSubmit={ask} noValidate>
          <p className="hint">{t('ask.intro')}</p>
          <div className="field">
            <label htmlFor={`${id}-question`}>{t('ask.question')}</label>
            <textarea id={`${id}-question`} rows={3} value={question} maxLength={2000} autoFocus onChange={(e) => setQuestion(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" disabled={busy || empty}>
              {t('ask.send')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>
              {t('ask.cancel')}
            </button>
          </div>
        </form>
      )}
      {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
    </section>
  );
}
