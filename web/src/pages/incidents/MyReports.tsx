// "Mijn meldingen" (/mijn-meldingen): what I reported and how it stands, with the outcome the
// school shares (never names, measures or internal notes); and the public look-up by receipt
// code (/melding-volgen, no sign-in).
import { useId, useEffect, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { shortDate } from './nav.ts';
import { ReporterCase } from './shared.tsx';
import type { MyItem, ReporterView } from './types.ts';

function MyReport({ schoolId, item }: { schoolId: string; item: MyItem }) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<ReporterView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open || view) return;
    api<ReporterView>('GET', `/api/v1/schools/${schoolId}/incidents/${item.id}/reporter-view`)
      .then(setView)
      .catch(() => setFailed(true));
  }, [open, view, schoolId, item.id]);
  const title = t('inc.mine.item', { category: t(`inc.report.cat.${item.category}`), date: shortDate(item.createdAt, lang) });
  return (
    <li>
      <h2 id={`${id}-h`}>{title}</h2>
      <p>
        <span className={`inc-status ${item.status}`}>{t(`inc.status.${item.status}`)}</span>
      </p>
      <button type="button" className="link" aria-expanded={open} aria-controls={`${id}-view`} onClick={() => setOpen(!open)}>
        {open ? t('inc.mine.hide') : t('inc.mine.show')}
        <span className="sr-only">: {title}</span>
      </button>
      <div id={`${id}-view`} hidden={!open}>
        {failed && <p className="error">{t('common.error')}</p>}
        {open && !view && !failed && <p>{t('common.loading')}</p>}
        {view && <ReporterCase view={view} headingLevel={3} showStatus={false} />}
      </div>
    </li>
  );
}

export function MyReports() {
  const t = useT();
  const { school } = useSession();
  const schoolId = school!.id;
  const [items, setItems] = useState<MyItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api<{ incidents: MyItem[] }>('GET', `/api/v1/schools/${schoolId}/incidents/mine`)
      .then((r) => setItems(r.incidents))
      .catch(() => setFailed(true));
  }, [schoolId]);
  return (
    <section className="incidents mine">
      <h1>{t('nav.myReports')}</h1>
      <p>{t('inc.mine.lead')}</p>
      {failed && <FormMessage kind="error">{t('common.error')}</FormMessage>}
      {!items && !failed && <p>{t('common.loading')}</p>}
      {items && items.length === 0 && (
        <p>
          {t('inc.mine.none')} <Link to="/iets-melden">{t('nav.report')}</Link>
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="inc-my-reports">
          {items.map((i) => (
            <MyReport key={i.id} schoolId={schoolId} item={i} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Public: look a report up by its receipt code. */
export function ReceiptLookup() {
  const t = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const [view, setView] = useState<ReporterView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="incidents lookup narrow">
      <h1>{t('inc.lookup.title')}</h1>
      <p>{t('inc.lookup.lead')}</p>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const c = code.trim();
          if (!c) return;
          setBusy(true);
          setError(null);
          setView(null);
          try {
            setView(await api<ReporterView>('POST', '/api/v1/public/incident-receipts', { receipt: c }));
          } catch (err) {
            setError(err instanceof ApiError && err.status === 429 ? t('inc.lookup.limited') : err instanceof ApiError && (err.status === 404 || err.status === 400) ? t('inc.lookup.notFound') : t('common.error'));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t('inc.lookup.code')}</label>
          <input id={id} type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} aria-invalid={error ? true : undefined} />
        </div>
        <FormMessage kind="error">{error}</FormMessage>
        <button type="submit" disabled={busy}>
          {t('inc.lookup.submit')}
        </button>
      </form>
      {view && (
        <div aria-live="polite">
          <ReporterCase view={view} />
        </div>
      )}
    </section>
  );
}
