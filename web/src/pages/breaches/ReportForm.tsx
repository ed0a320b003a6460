// "Mogelijk datalek melden" (/datalek-melden): anyone on the staff tells the FG about a possible
// breach. The moment it was noticed starts the 72 hours; the FG assesses it.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { Field, FormMessage } from '../../components/Field.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { fromLocalInput, toLocalInput } from './time.ts';
import { KINDS } from './types.ts';
import type { Kind } from './types.ts';

export function ReportBreach() {
  const t = useT();
  const { school } = useSession();
  const ids = useId();
  const [kind, setKind] = useState<Kind>('email_wrong_address');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [discovered, setDiscovered] = useState(() => toLocalInput(new Date()));
  const [approx, setApprox] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(discovered);
    if (!at) {
      setErrors({ '$.discoveredAt': t('br.report.badTime') });
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await api('POST', `/api/v1/schools/${school!.id}/breaches`, { kind, title, description, discoveredAt: at, ...(approx.trim() ? { approxPeople: Number(approx) } : {}) });
      setDone(true);
      setMessage({ kind: 'ok', text: t('br.report.done') });
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="breaches narrow-form">
        <h1>{t('nav.reportBreach')}</h1>
        <FormMessage kind="ok">{message?.text ?? null}</FormMessage>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDone(false);
            setTitle('');
            setDescription('');
            setApprox('');
            setMessage(null);
            setDiscovered(toLocalInput(new Date()));
          }}
        >
          {t('br.report.again')}
        </button>
      </section>
    );
  }

  return (
    <section className="breaches narrow-form">
      <h1>{t('nav.reportBreach')}</h1>
      <p>{t('br.report.lead')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('br.report.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{t(`br.kind.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <Field label={t('br.report.title')} hint={t('br.report.titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} error={errors['$.title'] ?? null} />
        <div className="field">
          <label htmlFor={`${ids}-desc`}>{t('br.report.description')}</label>
          <p className="hint" id={`${ids}-desc-hint`}>
            {t('br.report.descriptionHint')}
          </p>
          <textarea
            id={`${ids}-desc`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            required
            aria-describedby={`${ids}-desc-hint${errors['$.description'] ? ` ${ids}-desc-error` : ''}`}
            aria-invalid={errors['$.description'] ? true : undefined}
          />
          {errors['$.description'] && (
            <p className="error" id={`${ids}-desc-error`}>
              {errors['$.description']}
            </p>
          )}
        </div>
        <Field label={t('br.report.discovered')} hint={t('br.report.discoveredHint')} type="datetime-local" value={discovered} onChange={(e) => setDiscovered(e.target.value)} required error={errors['$.discoveredAt'] ?? null} />
        <Field label={t('br.report.approx')} type="number" min={0} inputMode="numeric" value={approx} onChange={(e) => setApprox(e.target.value)} error={errors['$.approxPeople'] ?? null} />
        {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
        <button type="submit" disabled={busy}>
          {t('br.report.submit')}
        </button>
      </form>
    </section>
  );
}
