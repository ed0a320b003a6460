// One entry of the breach register (/datalekken?id=<id>): the facts, the 72-hour deadline in Dutch
// time, the FG's assessment and decision, the AP notification, informing the people concerned, and
// the history that stays. The FG gets the forms; the board reads.
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { api, ApiError } from '../../api.ts';
import { Field, FormMessage } from '../../components/Field.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { DeadlineBadge, StatusBadge, useNow } from './shared.tsx';
import { fromLocalInput, moment, toLocalInput } from './time.ts';
import { RISKS } from './types.ts';
import type { BreachDetail as Detail, Risk } from './types.ts';

type Errors = Record<string, string>;
type Send = (method: 'POST' | 'PUT', path: string, body: unknown, onDone?: (result: unknown) => void) => Promise<void>;

function TextArea({ label, hint, value, onChange, error, short }: { label: string; hint?: string; value: string; onChange: (v: string) => void; error?: string | undefined; short?: boolean }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={id} className={short ? 'short' : undefined} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={described} aria-invalid={error ? true : undefined} />
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function BreachDetail({ id }: { id: string }) {
  const t = useT();
  const { lang } = useLang();
  const { school, can } = useSession();
  const schoolId = school!.id;
  const now = useNow();
  const [b, setB] = useState<Detail | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; at: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const manage = can('breaches.manage');

  useEffect(() => {
    let live = true;
    api<Detail>('GET', `/api/v1/schools/${schoolId}/breaches/${id}`)
      .then((r) => live && setB(r))
      .catch((e) => live && setFailed(e instanceof ApiError ? e.message : t('common.error')));
    return () => {
      live = false;
    };
  }, [schoolId, id, t]);

  const send: Send = async (method, path, body, onDone) => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const result = await api<unknown>(method, `/api/v1/schools/${schoolId}/breaches/${id}${path}`, body);
      if (result && typeof result === 'object' && 'history' in result) setB(result as Detail);
      else setB(await api<Detail>('GET', `/api/v1/schools/${schoolId}/breaches/${id}`));
      setMessage({ kind: 'ok', text: t('br.form.saved'), at: path });
      onDone?.(result);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('common.error'), at: path });
    } finally {
      setBusy(false);
    }
  };

  if (failed)
    return (
      <section className="breaches">
        <h1>{t('nav.breaches')}</h1>
        <FormMessage kind="error">{failed}</FormMessage>
        <Link to="/datalekken">{t('br.detail.back')}</Link>
      </section>
    );
  if (!b) return <p>{t('common.loading')}</p>;

  const open = b.status !== 'closed';
  const yesNo = (v: boolean | null) => (v === null ? t('br.detail.none') : v ? t('br.detail.yes') : t('br.detail.no'));
  const msg = (path: string) => (message && message.at === path ? <FormMessage kind={message.kind}>{message.text}</FormMessage> : null);
  return (
    <section className="breaches">
      <p>
        <Link to="/datalekken">{t('br.detail.back')}</Link>
      </p>
      <div className="br-head">
        <h1>{b.title}</h1>
        <StatusBadge status={b.status} />
        <DeadlineBadge breach={b} now={now} />
      </div>

      <h2>{t('br.detail.facts')}</h2>
      <dl className="br-facts">
        <Fact label={t('br.detail.kind')}>{t(`br.kind.${b.kind}`)}</Fact>
        <Fact label={t('br.detail.source')}>{t(`br.source.${b.source}`)}</Fact>
        <Fact label={t('br.detail.discovered')}>{moment(b.discoveredAt, lang, true)}</Fact>
        <Fact label={t('br.detail.deadline')}>{moment(b.deadline.deadlineAt, lang, true)}</Fact>
        <Fact label={t('br.detail.reported')}>{moment(b.reportedAt, lang)}</Fact>
        <Fact label={t('br.detail.description')}>{b.description || t('br.detail.none')}</Fact>
        <Fact label={t('br.detail.categories')}>{b.dataCategories.length ? b.dataCategories.join(', ') : t('br.detail.none')}</Fact>
        <Fact label={t('br.detail.approx')}>{b.approxPeople ?? t('br.detail.none')}</Fact>
        <Fact label={t('br.detail.people')}>{b.people.length ? b.people.map((p) => p.name).join(', ') : t('br.detail.none')}</Fact>
        <Fact label={t('br.detail.consequences')}>{b.consequences || t('br.detail.none')}</Fact>
        <Fact label={t('br.detail.measures')}>{b.measures || t('br.detail.none')}</Fact>
        {b.schoolIds.length > 1 && <Fact label={t('br.detail.schools')}>{b.schoolIds.length}</Fact>}
      </dl>
      {manage && open && <FactsForm b={b} send={send} busy={busy} errors={errors} msg={msg('')} />}

      <h2>{t('br.detail.decision')}</h2>
      {b.assessedAt ? (
        <dl className="br-facts">
          <Fact label={t('br.detail.risk')}>{b.risk ? t(`br.risk.${b.risk}`) : t('br.status.no_breach')}</Fact>
          <Fact label={t('br.detail.rationale')}>{b.assessment}</Fact>
          <Fact label={t('br.detail.notify')}>{yesNo(b.notifyAuthority)}</Fact>
          <Fact label={t('br.detail.inform')}>{yesNo(b.informPeople)}</Fact>
          {b.noInformReason && <Fact label={t('br.detail.noInform')}>{b.noInformReason}</Fact>}
        </dl>
      ) : (
        <p>{t('br.detail.notAssessed')}</p>
      )}
      {manage && open && <AssessForm b={b} send={send} busy={busy} errors={errors} msg={msg('/assessment')} />}

      {(b.notifyAuthority || b.authorityNotifiedAt) && (
        <>
          <h2>{t('br.detail.ap')}</h2>
          {b.authorityNotifiedAt ? (
            <dl className="br-facts">
              <Fact label={t('br.detail.apAt')}>{moment(b.authorityNotifiedAt, lang, true)}</Fact>
              <Fact label={t('br.detail.apRef')}>{b.authorityReference}</Fact>
              {b.lateReason && <Fact label={t('br.detail.late')}>{b.lateReason}</Fact>}
            </dl>
          ) : manage && open ? (
            <AuthorityForm b={b} now={now} send={send} busy={busy} errors={errors} msg={msg('/authority-notification')} />
          ) : (
            <p>
              <DeadlineBadge breach={b} now={now} />
            </p>
          )}
        </>
      )}

      {(b.informPeople || b.peopleInformedAt) && (
        <>
          <h2>{t('br.detail.inform')}</h2>
          {b.peopleInformedAt ? (
            <dl className="br-facts">
              <Fact label={t('br.detail.informed')}>
                {moment(b.peopleInformedAt, lang)} ({b.peopleInformedHow})
              </Fact>
            </dl>
          ) : manage && open ? (
            <InformForm b={b} send={send} busy={busy} errors={errors} msg={msg('/people-notification')} />
          ) : null}
        </>
      )}

      {manage && open && b.status !== 'possible' && <CloseForm send={send} busy={busy} msg={msg('/close')} />}

      <h2>{t('br.detail.history')}</h2>
      <p className="hint">{t('br.detail.historyLead')}</p>
      <ol className="br-history">
        {b.history.map((h) => (
          <li key={h.id}>
            <strong>{t(`br.event.${h.type}`)}</strong> · {moment(h.at, lang)} · {h.actorName ? t('br.event.by', { name: h.actorName }) : t('br.event.system')}
            <HistoryData data={h.data} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Field names of the history, shown with the page's own labels; ids become counts. */
const FIELD_LABEL: Record<string, string> = {
  kind: 'br.detail.kind',
  source: 'br.detail.source',
  title: 'br.report.title',
  discoveredAt: 'br.detail.discovered',
  description: 'br.detail.description',
  dataCategories: 'br.detail.categories',
  approxPeople: 'br.detail.approx',
  peopleIds: 'br.detail.people',
  consequences: 'br.detail.consequences',
  measures: 'br.detail.measures',
  schoolIds: 'br.detail.schools',
  risk: 'br.detail.risk',
  assessment: 'br.detail.rationale',
  notifyAuthority: 'br.detail.notify',
  informPeople: 'br.detail.inform',
  noInformReason: 'br.detail.noInform',
  notifiedAt: 'br.detail.apAt',
  reference: 'br.detail.apRef',
  lateReason: 'br.detail.late',
  reached: 'br.history.reached',
  unreachable: 'br.history.unreachable',
  message: 'br.history.message',
  contact: 'br.form.contact',
  note: 'br.form.closeNote',
};
// reportedBy: the event's actor, shown with the event already.
const HIDDEN = new Set(['status', 'isBreach', 'sourceRef', 'late', 'how', 'at', 'previousStatus', 'demo', 'reportedBy']);

function HistoryData({ data }: { data: Record<string, unknown> }) {
  const t = useT();
  const { lang } = useLang();
  const shown = Object.entries(data).filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  if (!shown.length) return null;
  const value = (k: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('br.detail.yes') : t('br.detail.no');
    if (k === 'kind' || k === 'risk' || k === 'source') return t(`br.${k}.${String(v)}`);
    if ((k === 'discoveredAt' || k === 'notifiedAt') && typeof v === 'string') return moment(v, lang, true);
    // The letter to the people concerned: each part in Dutch and English, shown in the page's language.
    if ((k === 'message' || k === 'consequences' || k === 'measures') && v && typeof v === 'object' && !Array.isArray(v)) return String((v as Record<string, unknown>)[lang] ?? '');
    if (Array.isArray(v)) return k === 'dataCategories' ? v.join(', ') : String(v.length);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return (
    <dl className="br-history-data">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{FIELD_LABEL[k] ? t(FIELD_LABEL[k]) : k}</dt>
          <dd>{value(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

interface FormProps {
  b: Detail;
  send: Send;
  busy: boolean;
  errors: Errors;
  msg: ReactNode;
}

function FactsForm({ b, send, busy, errors, msg }: FormProps) {
  const t = useT();
  const [description, setDescription] = useState(b.description);
  const [consequences, setConsequences] = useState(b.consequences);
  const [measures, setMeasures] = useState(b.measures);
  const [categories, setCategories] = useState(b.dataCategories.join(', '));
  const [approx, setApprox] = useState(b.approxPeople === null ? '' : String(b.approxPeople));
  const [discovered, setDiscovered] = useState(() => toLocalInput(new Date(b.discoveredAt)));
  const [timeError, setTimeError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(discovered);
    setTimeError(at ? null : t('br.report.badTime'));
    if (!at) return;
    void send('PUT', '', {
      description,
      consequences,
      measures,
      dataCategories: categories
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      approxPeople: approx.trim() ? Number(approx) : null,
      discoveredAt: at,
    });
  };
  return (
    <details className="br-form">
      <summary>{t('br.form.facts')}</summary>
      <form onSubmit={submit} noValidate>
        <Field label={t('br.report.discovered')} hint={t('br.report.discoveredHint')} type="datetime-local" value={discovered} onChange={(e) => setDiscovered(e.target.value)} error={timeError ?? errors['$.discoveredAt'] ?? null} />
        <TextArea label={t('br.detail.description')} value={description} onChange={setDescription} error={errors['$.description']} />
        <Field label={t('br.detail.categories')} hint={t('br.form.categoriesHint')} value={categories} onChange={(e) => setCategories(e.target.value)} error={errors['$.dataCategories'] ?? null} />
        <Field label={t('br.detail.approx')} type="number" min={0} inputMode="numeric" value={approx} onChange={(e) => setApprox(e.target.value)} error={errors['$.approxPeople'] ?? null} />
        <TextArea short label={t('br.detail.consequences')} value={consequences} onChange={setConsequences} error={errors['$.consequences']} />
        <TextArea short label={t('br.detail.measures')} value={measures} onChange={setMeasures} error={errors['$.measures']} />
        {msg}
        <button type="submit" disabled={busy}>
          {t('br.form.save')}
        </button>
      </form>
    </details>
  );
}

function AssessForm({ b, send, busy, errors, msg }: FormProps) {
  const t = useT();
  const [isBreach, setIsBreach] = useState<boolean>(b.status !== 'no_breach');
  const [risk, setRisk] = useState<Risk | ''>(b.risk ?? '');
  const [rationale, setRationale] = useState(b.assessment ?? '');
  const [notify, setNotify] = useState<boolean>(b.notifyAuthority ?? false);
  const [inform, setInform] = useState<boolean>(b.informPeople ?? false);
  const [noInformReason, setNoInformReason] = useState(b.noInformReason ?? '');
  const mustNotify = isBreach && (risk === 'risk' || risk === 'high');
  const chooseRisk = (r: Risk) => {
    setRisk(r);
    setNotify(r === 'risk' || r === 'high');
    setInform(r === 'high');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(
      'POST',
      '/assessment',
      isBreach
        ? { isBreach, ...(risk ? { risk } : {}), rationale, notifyAuthority: mustNotify || notify, informPeople: inform, ...(risk === 'high' && !inform ? { noInformReason } : {}) }
        : { isBreach, rationale },
    );
  };
  return (
    <details className="br-form" open={b.status === 'possible'}>
      <summary>{t('br.form.assess')}</summary>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('br.form.isBreach')}</legend>
          <label className="choice">
            <input type="radio" name="isBreach" checked={isBreach} onChange={() => setIsBreach(true)} />
            <span>{t('br.form.isBreach.yes')}</span>
          </label>
          <label className="choice">
            <input type="radio" name="isBreach" checked={!isBreach} onChange={() => setIsBreach(false)} />
            <span>{t('br.form.isBreach.no')}</span>
          </label>
        </fieldset>
        {isBreach && (
          <fieldset aria-describedby={errors['$.risk'] ? 'br-risk-error' : undefined}>
            <legend>{t('br.form.risk')}</legend>
            {RISKS.map((r) => (
              <label key={r} className="choice">
                <input type="radio" name="risk" value={r} checked={risk === r} onChange={() => chooseRisk(r)} />
                <span>
                  {t(`br.risk.${r}`)} <span className="hint">{t(`br.risk.${r}.hint`)}</span>
                </span>
              </label>
            ))}
            {errors['$.risk'] && (
              <p className="error" id="br-risk-error">
                {errors['$.risk']}
              </p>
            )}
          </fieldset>
        )}
        <TextArea label={t('br.form.rationale')} hint={t('br.form.rationaleHint')} value={rationale} onChange={setRationale} error={errors['$.rationale']} />
        {isBreach && (
          <>
            <label className="choice">
              <input type="checkbox" checked={mustNotify || notify} disabled={mustNotify} onChange={(e) => setNotify(e.target.checked)} aria-describedby={mustNotify ? 'br-notify-hint' : undefined} />
              <span>
                {t('br.form.notify')}
                {mustNotify && (
                  <span className="hint" id="br-notify-hint">
                    {' '}
                    {t('br.form.notifyRequired')}
                  </span>
                )}
              </span>
            </label>
            <label className="choice">
              <input type="checkbox" checked={inform} onChange={(e) => setInform(e.target.checked)} />
              <span>{t('br.form.inform')}</span>
            </label>
            {risk === 'high' && !inform && <TextArea short label={t('br.form.noInformReason')} value={noInformReason} onChange={setNoInformReason} error={errors['$.noInformReason']} />}
          </>
        )}
        {msg}
        <button type="submit" disabled={busy}>
          {t('br.form.saveAssessment')}
        </button>
      </form>
    </details>
  );
}

function AuthorityForm({ b, now, send, busy, errors, msg }: FormProps & { now: Date }) {
  const t = useT();
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  const [reference, setReference] = useState('');
  const [lateReason, setLateReason] = useState('');
  const [timeError, setTimeError] = useState<string | null>(null);
  const chosen = fromLocalInput(at);
  const late = chosen ? new Date(chosen) > new Date(b.deadline.deadlineAt) : new Date(b.deadline.deadlineAt) < now;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTimeError(chosen ? null : t('br.report.badTime'));
    if (!chosen) return;
    void send('POST', '/authority-notification', { notifiedAt: chosen, reference, ...(late ? { lateReason } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate className="br-form-plain">
      <h3>{t('br.form.ap')}</h3>
      <p className="hint">{t('br.form.apLead')}</p>
      <Field label={t('br.form.apAt')} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} error={timeError ?? errors['$.notifiedAt'] ?? null} />
      <Field label={t('br.form.apRef')} value={reference} onChange={(e) => setReference(e.target.value)} error={errors['$.reference'] ?? null} />
      {late && <TextArea short label={t('br.form.late')} value={lateReason} onChange={setLateReason} error={errors['$.lateReason']} />}
      {msg}
      <button type="submit" disabled={busy}>
        {t('br.form.saveAp')}
      </button>
    </form>
  );
}

function InformForm({ b, send, busy, errors, msg }: FormProps) {
  const t = useT();
  const [nl, setNl] = useState('');
  const [en, setEn] = useState('');
  // Art. 34(2): consequences and measures, written for the people concerned. The Dutch fields start
  // from the register's text for the FG to rewrite (without names of others); nothing is sent unseen.
  const [consNl, setConsNl] = useState(b.consequences);
  const [consEn, setConsEn] = useState('');
  const [measNl, setMeasNl] = useState(b.measures);
  const [measEn, setMeasEn] = useState('');
  const [contact, setContact] = useState('');
  const [result, setResult] = useState<{ sent: unknown[]; unreachable: { personId: string; name: string }[] } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  if (!b.peopleIds.length) return <p>{t('br.form.noPeople')}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send('POST', '/people-notification', { messageNl: nl, messageEn: en, consequencesNl: consNl, consequencesEn: consEn, measuresNl: measNl, measuresEn: measEn, contact }, (r) => setResult(r as typeof result));
  };
  return (
    <>
      {result && (
        <div className="br-result" tabIndex={-1} ref={resultRef}>
          <p>{t('br.form.sent', { n: result.sent.length })}</p>
          {result.unreachable.length > 0 && (
            <>
              <p>{t('br.form.unreachable')}</p>
              <ul>
                {result.unreachable.map((u) => (
                  <li key={u.personId}>{u.name}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate className="br-form-plain">
        <h3>{t('br.form.inform.title')}</h3>
        <p className="hint">{t('br.form.inform.lead')}</p>
        <TextArea short label={t('br.form.messageNl')} value={nl} onChange={setNl} error={errors['$.messageNl']} />
        <TextArea short label={t('br.form.messageEn')} value={en} onChange={setEn} error={errors['$.messageEn']} />
        <TextArea short label={t('br.form.consequencesNl')} value={consNl} onChange={setConsNl} error={errors['$.consequencesNl']} />
        <TextArea short label={t('br.form.consequencesEn')} value={consEn} onChange={setConsEn} error={errors['$.consequencesEn']} />
        <TextArea short label={t('br.form.measuresNl')} value={measNl} onChange={setMeasNl} error={errors['$.measuresNl']} />
        <TextArea short label={t('br.form.measuresEn')} value={measEn} onChange={setMeasEn} error={errors['$.measuresEn']} />
        <Field label={t('br.form.contact')} value={contact} onChange={(e) => setContact(e.target.value)} error={errors['$.contact'] ?? null} />
        {msg}
        <button type="submit" disabled={busy}>
          {t('br.form.send')}
        </button>
      </form>
    </>
  );
}

function CloseForm({ send, busy, msg }: { send: Send; busy: boolean; msg: ReactNode }) {
  const t = useT();
  const [note, setNote] = useState('');
  return (
    <form
      className="br-form-plain"
      onSubmit={(e) => {
        e.preventDefault();
        void send('POST', '/close', { note });
      }}
    >
      <h2>{t('br.form.close')}</h2>
      <TextArea short label={t('br.form.closeNote')} value={note} onChange={setNote} />
      {msg}
      <button type="submit" className="secondary" disabled={busy}>
        {t('br.form.close')}
      </button>
    </form>
  );
}
