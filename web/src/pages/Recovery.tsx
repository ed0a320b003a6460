// The pages behind the e-mail links: accept an invitation (choose a first password), ask for a
// password reset, and choose a new password. The token comes in the URL fragment (#token=...),
// which browsers never send to a server.
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Field, FormMessage } from '../components/Field.tsx';
import { useT } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';

const tokenFromHash = () => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

function PasswordForm({ submitLabel, onSubmit }: { submitLabel: string; onSubmit: (password: string) => Promise<void> }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onSubmit(password);
        } catch (err) {
          setError(err instanceof Error ? err.message : t('common.error'));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field label={t('password.new')} hint={t('invite.intro')} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} />
      <FormMessage kind="error">{error}</FormMessage>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

export function AcceptInvitation() {
  const t = useT();
  const { refresh } = useSession();
  return (
    <section className="narrow">
      <h1>{t('invite.title')}</h1>
      <PasswordForm
        submitLabel={t('invite.submit')}
        onSubmit={async (password) => {
          try {
            const r = await api<{ status: string }>('POST', '/api/v1/auth/invitations/accept', { token: tokenFromHash(), password });
            await refresh();
            navigate(r.status === 'signed_in' ? '/' : '/aanmelden', true);
          } catch (e) {
            if (e instanceof ApiError && e.code === 'invalid_token') throw new Error(t('invite.invalid'));
            if (e instanceof ApiError && e.code === 'weak_password') throw new Error(t('password.weak'));
            throw e;
          }
        }}
      />
    </section>
  );
}

export function ForgotPassword() {
  const t = useT();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="narrow">
      <h1>{t('forgot.title')}</h1>
      <p>{t('forgot.intro')}</p>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await api('POST', '/api/v1/auth/password-reset', { email });
            setSent(true);
          } catch {
            setError(t('common.error'));
          }
        }}
      >
        <Field label={t('signIn.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <FormMessage kind="error">{error}</FormMessage>
        <FormMessage kind="ok">{sent ? t('forgot.sent') : null}</FormMessage>
        <button type="submit">{t('forgot.submit')}</button>
      </form>
    </section>
  );
}

export function ResetPassword() {
  const t = useT();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <section className="narrow">
        <h1>{t('reset.title')}</h1>
        <FormMessage kind="ok">{t('reset.done')}</FormMessage>
        <p>
          <a href="/aanmelden">{t('signIn.title')}</a>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('reset.title')}</h1>
      <PasswordForm
        submitLabel={t('reset.submit')}
        onSubmit={async (password) => {
          try {
            await api('POST', '/api/v1/auth/password-reset/confirm', { token: tokenFromHash(), password });
            setDone(true);
          } catch (e) {
            if (e instanceof ApiError && e.code === 'invalid_token') throw new Error(t('reset.invalid'));
            if (e instanceof ApiError && e.code === 'weak_password') throw new Error(t('password.weak'));
            throw e;
          }
        }}
      />
    </section>
  );
}
