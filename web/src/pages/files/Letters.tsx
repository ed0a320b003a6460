// The "Brieven" section of a case (docs/files.md): pick a person and a template, edit the draft
// (stored on the server, so it survives a reload and a colleague sees it), preview it as PDF, send
// it. Sending files the PDF and queues the notice e-mail; the list below shows what was sent.
// Sending cannot be undone: the page asks for confirmation first (WCAG 3.3.4) and refuses while
// parts in [square brackets] are left. Only who may send a letter sees the button (a warning or
// suspension letter: the director or the board); others see why.
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useLang, useT } from '../../i18n.tsx';
import './texts.ts';
import './files.css';

type Template = 'warning' | 'suspension' | 'hearing_invitation';
interface Draft {
  id: string;
  personId: string;
  template: Template;
  subject: string;
  salutation: string;
  body: string;
  closing: string;
  /** May the signed-in person send this letter (a warning or suspension: the director or the board)? */
  maySend: boolean;
}
interface CaseLetters {
  people: { personId: string; name: string; kind: string; templates: Template[] }[];
  templates: { id: Template }[];
  drafts: Draft[];
  sent: { subject: string; personName: string | null; filed: number; mailed: number; at: string }[];
}

const TEMPLATES: Template[] = ['warning', 'suspension', 'hearing_invitation'];

/** The parts in [square brackets] still to fill in, each once. */
const blanksIn = (texts: string[]): string[] => [...new Set(texts.flatMap((s) => s.match(/\[[^\]]+\]/g) ?? []))];

/** "1 dossier" / "2 dossiers": the key's `.one` or `.many` text with {n}. */
function plural(t: ReturnType<typeof useT>, key: string, n: number): string {
  return t(`${key}.${n === 1 ? 'one' : 'many'}`, { n });
}

function refusal(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.message : fallback;
}

function DraftEditor({ draft, base, person, onDone }: { draft: Draft; base: string; person: string; onDone: (message: string | null) => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState({ subject: draft.subject, salutation: draft.salutation, body: draft.body, closing: draft.closing });
  const [saved, setSaved] = useState(text);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const dirty = (Object.keys(text) as (keyof typeof text)[]).some((k) => text[k] !== saved[k]);
  const set = (k: keyof typeof text) => (v: string) => setText((x) => ({ ...x, [k]: v }));
  const url = `${base}/${draft.id}`;

  const save = async (): Promise<boolean> => {
    setBusy(true);
    try {
      const d = await api<Draft>('PUT', url, text);
      setSaved({ subject: d.subject, salutation: d.salutation, body: d.body, closing: d.closing });
      setMsg({ kind: 'ok', text: t('letters.saved') });
      return true;
    } catch (e) {
      setMsg({ kind: 'error', text: refusal(e, t('common.error')) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const blanks = blanksIn(Object.values(text));
  const askConfirm = async () => {
    if (dirty && !(await save())) return;
    setMsg(null);
    setConfirming(true);
  };
  const send = async () => {
    setBusy(true);
    try {
      const r = await api<{ filed: number; mailed: number; paperOnly: number }>('POST', `${url}/send`, {});
      const mails = r.mailed === 0 ? t('letters.sentOk.noMail') : plural(t, 'letters.sentOk.mails', r.mailed);
      onDone([t('letters.sentOk', { files: plural(t, 'letters.files', r.filed), mails }), r.paperOnly ? plural(t, 'letters.paperOnly', r.paperOnly) : ''].filter(Boolean).join(' '));
    } catch (e) {
      setConfirming(false);
      setMsg({ kind: 'error', text: refusal(e, t('common.error')) });
      setBusy(false);
    }
  };
  const discard = async () => {
    setBusy(true);
    try {
      await api('DELETE', url);
      onDone(null);
    } catch (e) {
      setMsg({ kind: 'error', text: refusal(e, t('common.error')) });
      setBusy(false);
    }
  };
  return (
    <form
      className="letter-draft"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-h`}>{t('letters.draft', { template: t(`letters.template.${draft.template}`), name: person })}</h3>
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('letters.subject')}</label>
        <input id={`${id}-subject`} value={text.subject} onChange={(e) => set('subject')(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-salutation`}>{t('letters.salutation')}</label>
        <input id={`${id}-salutation`} value={text.salutation} onChange={(e) => set('salutation')(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('letters.body')}</label>
        <p className="hint" id={`${id}-body-hint`}>
          {t('letters.bodyHint')}
        </p>
        <textarea id={`${id}-body`} className="letter-body" aria-describedby={`${id}-body-hint`} value={text.body} onChange={(e) => set('body')(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-closing`}>{t('letters.closing')}</label>
        <textarea id={`${id}-closing`} className="letter-closing" value={text.closing} onChange={(e) => set('closing')(e.target.value)} required />
      </div>
      {blanks.length > 0 && (
        <p className="letter-blanks" id={`${id}-blanks`}>
          {t('letters.brackets', { blanks: blanks.join(', ') })}
        </p>
      )}
      {!draft.maySend && <p className="hint">{t('letters.notYours')}</p>}
      <div className="letter-actions">
        <button type="submit" className="secondary" disabled={busy || !dirty}>
          {t('letters.save')}
        </button>
        {dirty ? (
          <span className="hint">{t('letters.previewUnsaved')}</span>
        ) : (
          <a className="button secondary" href={`${url}/preview`} target="_blank" rel="noopener">
            {t('letters.preview')}
          </a>
        )}
        {draft.maySend && (
          <button type="button" onClick={() => void askConfirm()} disabled={busy || confirming || blanks.length > 0} aria-describedby={blanks.length > 0 ? `${id}-blanks` : undefined}>
            {t('letters.send')}
          </button>
        )}
        <button type="button" className="link" onClick={() => void discard()} disabled={busy}>
          {t('letters.discard')}
        </button>
      </div>
      {confirming && (
        <div className="letter-confirm" ref={confirmRef} tabIndex={-1} role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            <strong>{t('letters.confirm', { template: t(`letters.template.${draft.template}`), name: person })}</strong>
          </p>
          <div className="letter-actions">
            <button type="button" onClick={() => void send()} disabled={busy}>
              {t('letters.confirm.yes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              {t('letters.confirm.no')}
            </button>
          </div>
        </div>
      )}
      {msg && <FormMessage kind={msg.kind}>{msg.text}</FormMessage>}
    </form>
  );
}

/** The letters section of a case; `version` changes when the case changed (a measure was decided). */
export function LettersPanel({ schoolId, incidentId, version }: { schoolId: string; incidentId: string; version: number }) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const base = `/api/v1/schools/${schoolId}/incidents/${incidentId}/letters`;
  const [data, setData] = useState<CaseLetters | null>(null);
  const [reload, setReload] = useState(0);
  const [person, setPerson] = useState('');
  const [template, setTemplate] = useState<Template | ''>('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [sentNote, setSentNote] = useState<{ text: string } | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sentNote) sentRef.current?.focus();
  }, [sentNote]);

  useEffect(() => {
    let live = true;
    api<CaseLetters>('GET', base)
      .then((d) => {
        if (!live) return;
        setData(d);
        setPerson((p) => p || d.people[0]?.personId || '');
      })
      .catch(() => live && setMsg({ kind: 'error', text: t('common.error') }));
    return () => {
      live = false;
    };
  }, [base, reload, version, t]);

  const chosen = data?.people.find((p) => p.personId === person);
  // A new person, or a measure just decided: the first template that fits (the measure's letter first).
  const fitting = chosen?.templates.join(',') ?? '';
  useEffect(() => {
    setTemplate((fitting.split(',')[0] ?? '') as Template | '');
  }, [person, fitting]);

  const create = async () => {
    if (!person || !template) return;
    setBusy(true);
    setMsg(null);
    try {
      await api('POST', base, { template, personId: person });
      setReload((n) => n + 1);
    } catch (e) {
      setMsg({ kind: 'error', text: refusal(e, t('common.error')) });
    } finally {
      setBusy(false);
    }
  };
  const nameOf = (personId: string) => data?.people.find((p) => p.personId === personId)?.name ?? '';

  return (
    <section className="inc-panel letters" aria-labelledby={id}>
      <h2 id={id}>{t('letters.title')}</h2>
      <p className="hint">{t('letters.lead')}</p>
      {data && data.people.length === 0 && <p>{t('letters.noPeople')}</p>}
      {data && data.people.length > 0 && (
        <div className="letter-new">
          <div className="field">
            <label htmlFor={`${id}-person`}>{t('letters.person')}</label>
            <select id={`${id}-person`} value={person} onChange={(e) => setPerson(e.target.value)}>
              {data.people.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-template`}>{t('letters.template')}</label>
            <select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.target.value as Template)}>
              {TEMPLATES.map((tp) => (
                <option key={tp} value={tp} disabled={!chosen?.templates.includes(tp)}>
                  {chosen?.templates.includes(tp) ? t(`letters.template.${tp}`) : t('letters.template.needsMeasure', { name: t(`letters.template.${tp}`) })}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={() => void create()} disabled={busy || !template}>
            {t('letters.create')}
          </button>
        </div>
      )}
      {msg && <FormMessage kind={msg.kind}>{msg.text}</FormMessage>}
      {sentNote && (
        <div ref={sentRef} tabIndex={-1} className="letter-sent-note">
          <FormMessage kind="ok">{sentNote.text}</FormMessage>
        </div>
      )}
      {data?.drafts.map((d) => (
        <DraftEditor
          key={d.id}
          draft={d}
          base={base}
          person={nameOf(d.personId)}
          onDone={(m) => {
            setMsg(null);
            // After sending, focus moves to the confirmation (a new object each time, so it moves again).
            setSentNote(m ? { text: m } : null);
            setReload((n) => n + 1);
          }}
        />
      ))}
      {data && (
        <>
          <h3>{t('letters.sent')}</h3>
          {data.sent.length === 0 ? (
            <p>{t('letters.noneSent')}</p>
          ) : (
            <ul className="letters-sent">
              {data.sent.map((s, i) => (
                <li key={i}>
                  {t('letters.sentItem', {
                    subject: s.subject,
                    name: s.personName ?? '',
                    date: new Date(s.at).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }),
                    files: plural(t, 'letters.files', s.filed),
                  })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
