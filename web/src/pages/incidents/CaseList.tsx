// "Meldingen" (/meldingen): the school's cases for those who handle them (incidents.read): status,
// age, deadline and handler, filtered by status or "assigned to me"; a case opens at ?id=<id>.
import { useEffect, useId, useState } from 'react';
import { api } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { ScrollTable } from '../../components/Table.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { daysBetween, shortDate } from './nav.ts';
import type { ListItem, Status } from './types.ts';
import { STATUSES } from './types.ts';

export function CaseList() {
  const t = useT();
  const { lang } = useLang();
  const { school } = useSession();
  const schoolId = school!.id;
  const ids = useId();
  const [status, setStatus] = useState<Status | ''>('');
  const [mine, setMine] = useState(false);
  const [items, setItems] = useState<ListItem[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (mine) q.set('mine', 'true');
    let live = true;
    api<{ incidents: ListItem[] }>('GET', `/api/v1/schools/${schoolId}/incidents${q.size ? `?${q}` : ''}`)
      .then((r) => live && (setItems(r.incidents), setFailed(false)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [schoolId, status, mine]);

  const now = new Date();
  const publicUrl = `${location.origin}/melden/${schoolId}`;
  return (
    <section className="incidents inc-case-list-page">
      <h1>{t('nav.incidents')}</h1>
      <p>{t('inc.list.lead')}</p>
      <div className="inc-filters">
        <div className="field">
          <label htmlFor={`${ids}-status`}>{t('inc.list.filter.status')}</label>
          <select id={`${ids}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('inc.list.filter.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`inc.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          <span>{t('inc.list.filter.mine')}</span>
        </label>
      </div>
      {failed && <FormMessage kind="error">{t('common.error')}</FormMessage>}
      {!items && !failed && <p>{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('inc.list.empty')}</p>}
      {items && items.length > 0 && (
        <ScrollTable caption={t('inc.list.caption', { n: items.length })} className="inc-case-list">
          <thead>
            <tr>
              <th scope="col">{t('inc.list.col.report')}</th>
              <th scope="col">{t('inc.list.col.status')}</th>
              <th scope="col">{t('inc.list.col.age')}</th>
              <th scope="col">{t('inc.list.col.due')}</th>
              <th scope="col">{t('inc.list.col.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => {
              const age = daysBetween(c.createdAt, now);
              const overdue = c.dueAt !== null && c.status !== 'closed' && new Date(c.dueAt) < now;
              return (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/meldingen?id=${c.id}`}>{t(`inc.report.cat.${c.category}`)}</Link>
                    <span className="inc-summary">{c.summary}</span>
                    {(c.source === 'public' || c.policeDecisionRequired) && (
                      <span className="hint inc-tags">
                        {[c.source === 'public' ? t('inc.list.public') : '', c.policeDecisionRequired ? t('inc.list.police') : ''].filter(Boolean).join(' · ')}
                      </span>
                    )}
                  </th>
                  <td>
                    <span className={`inc-status ${c.status}`}>{t(`inc.status.${c.status}`)}</span>
                  </td>
                  <td className="inc-nowrap">{age === 0 ? t('inc.common.today') : age === 1 ? t('inc.common.day') : t('inc.common.days', { n: age })}</td>
                  <td className="inc-nowrap">
                    {c.dueAt ? shortDate(c.dueAt, lang) : '–'}
                    {overdue && <span className="inc-overdue"> ({t('inc.list.overdue')})</span>}
                  </td>
                  <td>{c.assignedName ?? <span className="hint">{t('inc.list.nobody')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      )}
      <p className="hint inc-public-link">
        {t('inc.list.publicLink')} <a href={publicUrl}>{publicUrl}</a>
      </p>
    </section>
  );
}
