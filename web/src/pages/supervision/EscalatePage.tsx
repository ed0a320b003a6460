// "Escaleren" (B.2): paste the conversation, give the link, add screenshots (uploaded through the
// media pipeline, which strips their metadata), and the supervisor is told at once. Below: one's
// own escalations with their status and how soon they were answered.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { EscalationCard } from './Cards.tsx';
import type { Escalation } from './shared.ts';

export function EscalatePage() {
  const t = useT();
  const { school } = useSession();
  const schoolId = school!.id;
  const id = useId();
  const [thread, setThread] = useState('');
  const [link, setLink] = useState('');
  const [note, setNote] = useState('');
  const [shots, setShots] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [mine, setMine] = useState<Escalation[] | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api<{ escalations: Escalation[] }>('GET', `/api/v1/schools/${schoolId}/escalations/mine`)
      .then((r) => setMine(r.escalations))
      .catch(() => setMine([]));
  }, [schoolId]);
  useEffect(load, [load]);

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setUploading(true);
    setMessage(null);
    try {
      const ids: string[] = [];
      for (const f of Array.from(files)) ids.push((await api<{ id: string }>('POST', `/api/v1/schools/${schoolId}/media`, undefined, { raw: f, contentType: f.type || 'application/octet-stream' })).id);
      setShots((s) => [...s, ...ids]);
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : t('common.error') });
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const send = async (ev: React.FormEvent) => {
    ev.preventDefault();
    if (!thread.trim() && !link.trim() && !shots.length) {
      setMessage({ kind: 'error', text: t('escalate.needsSomething') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const r = await api<{ supervisor: { name: string } }>('POST', `/api/v1/schools/${schoolId}/escalations`, {
        ...(thread.trim() ? { threadText: thread } : {}),
        ...(link.trim() ? { link: link.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(shots.length ? { screenshots: shots } : {}),
      });
      setThread('');
      setLink('');
      setNote('');
      setShots([]);
      setMessage({ kind: 'ok', text: t('escalate.sent', { name: r.supervisor.name }) });
      load();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="escalate">
      <h1>{t('escalate.title')}</h1>
      <p>{t('escalate.intro')}</p>
      <form onSubmit={send} noValidate>
        <div className="field">
          <label htmlFor={`${id}-thread`}>{t('escalate.thread')}</label>
          <p className="hint" id={`${id}-thread-hint`}>
            {t('escalate.threadHint')}
          </p>
          <textarea id={`${id}-thread`} aria-describedby={`${id}-thread-hint`} value={thread} maxLength={50_000} onChange={(e) => setThread(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-link`}>{t('escalate.link')}</label>
          <input id={`${id}-link`} type="url" inputMode="url" placeholder="https://" value={link} onChange={(e) => setLink(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-shots`}>{t('escalate.screenshots')}</label>
          <p className="hint" id={`${id}-shots-hint`}>
            {t('escalate.screenshotsHint')}
          </p>
          <input ref={fileInput} id={`${id}-shots`} type="file" accept="image/*" multiple aria-describedby={`${id}-shots-hint ${id}-shots-status`} onChange={(e) => void upload(e.target.files)} />
          <p id={`${id}-shots-status`} aria-live="polite" className="hint">
            {uploading ? t('escalate.uploading') : shots.length ? t('escalate.uploaded', { count: shots.length }) : ''}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('escalate.note')}</label>
          <textarea id={`${id}-note`} rows={3} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </div>
        {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
        <div className="actions">
          <button type="submit" disabled={busy || uploading}>
            {t('escalate.send')}
          </button>
        </div>
      </form>
      <section aria-labelledby={`${id}-mine`}>
        <h2 id={`${id}-mine`}>{t('escalate.mine')}</h2>
        {mine && mine.length === 0 && <p className="hint">{t('escalate.none')}</p>}
        {mine?.map((e) => <EscalationCard key={e.id} schoolId={schoolId} e={e} />)}
      </section>
    </section>
  );
}
