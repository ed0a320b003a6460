// A labelled form field with its hint and error, wired for screen readers (aria-describedby,
// aria-invalid).
import type { InputHTMLAttributes } from 'react';
import { useId } from 'react';

export function Field({ label, hint, error, ...input }: { label: string; hint?: string; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
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
      <input id={id} aria-describedby={described} aria-invalid={error ? true : undefined} {...input} />
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A message for the whole form, read out when it appears. */
export function FormMessage({ kind, children }: { kind: 'error' | 'ok'; children: string | null }) {
  return (
    <p role={kind === 'error' ? 'alert' : 'status'} className={`form-message ${kind}`}>
      {children}
    </p>
  );
}
