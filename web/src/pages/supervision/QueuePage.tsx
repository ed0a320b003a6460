// "Wachtrij": the leading roles' queue — escalations first (oldest first, with how long they have
// been waiting), then the review requests — with the actions on each.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { useArticles } from '../write/data.ts';
import { EscalationCard, ReviewCard } from './Cards.tsx';
import type { QueueItem } from './shared.ts';

export function QueuePage() {
  const t = useT();
  const { school } = useSession();
  const schoolId = school!.id;
  const articles = useArticles();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    api<{ items: QueueItem[] }>('GET', `/api/v1/schools/${schoolId}/supervision/queue`)
      .then((r) => {
        setItems(r.items);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, [schoolId]);
  useEffect(() => {
    load();
    // Escalations must not wait for a reload: look again every minute (and the waiting times move on).
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, [load]);
  const escalations = items?.filter((i) => i.kind === 'escalation') ?? [];
  const reviews = items?.filter((i) => i.kind === 'review') ?? [];
  return (
    <section className="queue">
      <h1>{t('queue.title')}</h1>
      <p>{t('queue.intro')}</p>
      <button type="button" className="secondary" onClick={load}>
        {t('queue.refresh')}
      </button>
      {failed && <p className="error">{t('common.error')}</p>}
      {!items && !failed && <p>{t('common.loading')}</p>}
      {items && items.length === 0 && <p className="form-message ok">{t('queue.empty')}</p>}
      {items && items.length > 0 && (
        <>
          <section aria-labelledby="queue-escalations">
            <h2 id="queue-escalations">
              {t('queue.escalations')} <span className="count">({escalations.length})</span>
            </h2>
            {escalations.length === 0 && <p className="hint">{t('queue.none')}</p>}
            {escalations.map((e) => e.kind === 'escalation' && <EscalationCard key={e.id} schoolId={schoolId} e={e} onChanged={load} />)}
          </section>
          <section aria-labelledby="queue-reviews">
            <h2 id="queue-reviews">
              {t('queue.reviews')} <span className="count">({reviews.length})</span>
            </h2>
            {reviews.length === 0 && <p className="hint">{t('queue.none')}</p>}
            {reviews.map((r) => r.kind === 'review' && <ReviewCard key={r.id} schoolId={schoolId} r={r} articles={articles} onChanged={load} />)}
          </section>
        </>
      )}
    </section>
  );
}
