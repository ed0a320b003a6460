// /protocol: the board's social media protocol for everyone signed in at the school: the articles
// by chapter in our own short wording, the current version with its adoption date and official
// document, the earlier versions; staff confirm the current version here (A.3, A.4), and the
// board publishes a new version (protocols.publish).
import type { FormEvent } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { Field, FormMessage } from '../../components/Field.tsx';
import { ScrollTable } from '../../components/Table.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { ProtocolView, Version } from './texts.ts';
import { documentUrl, fileSize, longDate, MAX_DOCUMENT_MB } from './texts.ts';

export function ProtocolPage() {
  const t = useT();
  const { lang } = useLang();
  const { school, can } = useSession();
  const schoolId = school?.id;
  const [view, setView] = useState<ProtocolView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!schoolId) return;
    try {
      setView(await api<ProtocolView>('GET', `/api/v1/schools/${schoolId}/protocol`));
      setError(null);
    } catch {
      setError(t('common.error'));
    }
  }, [schoolId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const current = view?.current ?? null;
  const staff = can('protocols.acknowledge');
  return (
    <section className="protocol-page">
      <h1>{t('protocol.title')}</h1>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {!view && !error && <p>{t('common.loading')}</p>}
      {view && schoolId && (
        <>
          <p>{t('protocol.lead', { board: view.board.name })}</p>
          {current ? (
            <div className="protocol-version">
              <h2>{t('protocol.current', { version: current.version })}</h2>
              {current.adoptedOn && <p>{t('protocol.adopted', { date: longDate(lang, current.adoptedOn) })}</p>}
              {current.summary && (
                <p>
                  <strong>{t('protocol.changed')}</strong> {current.summary}
                </p>
              )}
              {current.document && (
                <p>
                  <a className="button secondary" href={documentUrl(schoolId, current.id)} download={current.document.fileName}>
                    {t('protocol.download', { size: fileSize(lang, current.document.size) })}
                  </a>
                </p>
              )}
            </div>
          ) : (
            <p className="protocol-version">{t('protocol.noVersion')}</p>
          )}
          {current && <Acknowledge schoolId={schoolId} version={current} me={view.me} staff={staff} onDone={load} />}

          <h2>{t('protocol.chapters')}</h2>
          {view.chapters.map((c) => (
            <section key={c.section} className="protocol-chapter" aria-labelledby={`chapter-${c.section}`}>
              <h3 id={`chapter-${c.section}`}>{t('protocol.chapter', { section: c.section, title: c.title[lang] })}</h3>
              <dl>
                {c.articles.map((a) => (
                  <div key={a.id} className="protocol-article">
                    <dt>
                      <span className="article-id">{a.id}</span> {a.title[lang]}
                    </dt>
                    <dd>{a.summary[lang]}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}

          {view.versions.length > 0 && <History schoolId={schoolId} versions={view.versions} />}
          {can('protocols.publish') && <Publish schoolId={schoolId} onDone={load} />}
        </>
      )}
    </section>
  );
}

function Acknowledge({ schoolId, version, me, staff, onDone }: { schoolId: string; version: Version; me: ProtocolView['me']; staff: boolean; onDone: () => Promise<void> }) {
  const t = useT();
  const { lang } = useLang();
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // After confirming, the form is replaced by the answer: focus moves there once it is shown.
  const justConfirmed = useRef(false);
  useEffect(() => {
    if (me.acknowledgedAt && justConfirmed.current) {
      justConfirmed.current = false;
      doneRef.current?.focus();
    }
  }, [me.acknowledgedAt]);

  if (!staff) return <p className="protocol-note">{t('protocol.ack.notStaff')}</p>;
  if (!me.expected) return <p className="protocol-note">{t('protocol.ack.noPerson')}</p>;
  if (me.acknowledgedAt) {
    return (
      <p className="protocol-done" ref={doneRef} tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t('protocol.ack.done', { version: version.version, date: longDate(lang, me.acknowledgedAt) })}
      </p>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!checked) {
      setMessage({ kind: 'error', text: t('protocol.ack.needCheck') });
      return;
    }
    setBusy(true);
    try {
      await api('POST', `/api/v1/schools/${schoolId}/protocol/acknowledgements`, { versionId: version.id });
      setMessage(null);
      justConfirmed.current = true;
      await onDone();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError && err.status < 500 ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="protocol-ack" onSubmit={submit} aria-labelledby="protocol-ack-title">
      <h2 id="protocol-ack-title">{t('protocol.ack.title')}</h2>
      <p>{t('protocol.ack.explain')}</p>
      <label className="check">
        <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} aria-invalid={message?.kind === 'error' && !checked ? true : undefined} />
        {t('protocol.ack.check')}
      </label>
      <button type="submit" disabled={busy}>
        {t('protocol.ack.submit')}
      </button>
      {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
    </form>
  );
}

function History({ schoolId, versions }: { schoolId: string; versions: Version[] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <>
      <h2>{t('protocol.history')}</h2>
      <ScrollTable caption={t('protocol.history.caption')} className="protocol-history">
        <thead>
          <tr>
            <th scope="col">{t('protocol.col.version')}</th>
            <th scope="col">{t('protocol.col.adopted')}</th>
            <th scope="col">{t('protocol.col.summary')}</th>
            <th scope="col">{t('protocol.col.document')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.version} {v.current && <span className="hint">{t('protocol.currentMark')}</span>}
              </th>
              <td>{v.adoptedOn ? longDate(lang, v.adoptedOn) : '–'}</td>
              <td>{v.summary ?? '–'}</td>
              <td>
                {v.document ? (
                  <a href={documentUrl(schoolId, v.id)} download={v.document.fileName}>
                    {t('protocol.pdf', { version: v.version })}
                  </a>
                ) : (
                  t('protocol.none')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

function Publish({ schoolId, onDone }: { schoolId: string; onDone: () => Promise<void> }) {
  const t = useT();
  const [label, setLabel] = useState('');
  const [date, setDate] = useState('');
  const [summary, setSummary] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const fileRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFieldErrors({});
    if (!file) {
      setFieldErrors({ document: t('protocol.publish.noFile') });
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_DOCUMENT_MB * 1024 * 1024) {
      setFieldErrors({ document: t('protocol.publish.tooLarge', { mb: MAX_DOCUMENT_MB }) });
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const q = new URLSearchParams({ version: label.trim(), adoptedOn: date, fileName: file.name, ...(summary.trim() ? { summary: summary.trim() } : {}) });
      const v = await api<Version>('POST', `/api/v1/schools/${schoolId}/protocol/versions?${q}`, undefined, { raw: file, contentType: 'application/pdf' });
      setMessage({ kind: 'ok', text: t('protocol.publish.done', { version: v.version }) });
      setLabel('');
      setDate('');
      setSummary('');
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      await onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) {
        const byPath = Object.fromEntries(err.issues.map((i) => [i.path.replace(/^\$\./, ''), i.message]));
        setFieldErrors(byPath);
        setMessage({ kind: 'error', text: err.message });
      } else setMessage({ kind: 'error', text: t('common.error') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="protocol-publish" onSubmit={submit} aria-labelledby="protocol-publish-title" noValidate>
      <h2 id="protocol-publish-title">{t('protocol.publish.title')}</h2>
      <p>{t('protocol.publish.explain')}</p>
      <Field label={t('protocol.publish.label')} hint={t('protocol.publish.labelHint')} value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={40} error={fieldErrors.version ?? null} />
      <Field label={t('protocol.publish.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} required error={fieldErrors.adoptedOn ?? null} />
      <div className="field">
        <label htmlFor="protocol-summary">{t('protocol.publish.summary')}</label>
        <textarea id="protocol-summary" value={summary} maxLength={1000} onChange={(e) => setSummary(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="protocol-file">{t('protocol.publish.file', { mb: MAX_DOCUMENT_MB })}</label>
        <input
          id="protocol-file"
          ref={fileRef}
          type="file"
          accept="application/pdf,.pdf"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={fieldErrors.document ? true : undefined}
          aria-describedby={fieldErrors.document ? 'protocol-file-error' : undefined}
        />
        {fieldErrors.document && (
          <p className="error" id="protocol-file-error">
            {fieldErrors.document}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {t('protocol.publish.submit')}
      </button>
      {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
    </form>
  );
}
