// Sign-in: e-mail and password (or the school's identity provider), then — for the board, HR and
// the data-protection officer — the code from an authenticator app, set up on first use.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Field, FormMessage } from '../components/Field.tsx';
import { useT } from '../i18n.tsx';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';

type Step = 'password' | 'code' | 'enrol';

export function SignIn() {
  const t = useT();
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<{ id: string; name: string; startUrl: string }[]>([]);

  useEffect(() => {
    api<{ providers: { id: string; name: string; startUrl: string }[] }>('GET', '/api/v1/auth/oidc')
      .then((r) => setProviders(r.providers))
      .catch(() => setProviders([]));
  }, []);

  const done = async (status: string) => {
    await refresh();
    if (status === 'signed_in') navigate('/', true);
    else if (status === 'second_factor_required') setStep('code');
    else {
      setEnrolment(await api<{ secret: string; otpauthUrl: string }>('POST', '/api/v1/auth/totp/enrol'));
      setStep('enrol');
    }
  };

  const submitPassword = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ status: string }>('POST', '/api/v1/auth/sign-in', { email, password });
      await done(r.status);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('signIn.throttled') : err instanceof ApiError && err.status === 401 ? t('signIn.wrong') : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ status: string }>('POST', '/api/v1/auth/totp/verify', { code });
      await done(r.status);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('totp.wrong') : err instanceof ApiError && err.status === 429 ? t('signIn.throttled') : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  if (step !== 'password') {
    return (
      <section className="narrow">
        <h1>{t('totp.title')}</h1>
        <p>{step === 'enrol' ? t('totp.enrolIntro') : t('totp.intro')}</p>
        {step === 'enrol' && enrolment && (
          <div className="secret">
            <p>
              {t('totp.key')}: <code>{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </p>
            <p>
              <a href={enrolment.otpauthUrl}>{t('totp.openApp')}</a>
            </p>
          </div>
        )}
        <form onSubmit={submitCode} noValidate>
          <Field label={t('totp.code')} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} required autoFocus />
          <FormMessage kind="error">{error}</FormMessage>
          <button type="submit" disabled={busy}>
            {t('totp.submit')}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submitPassword} noValidate>
        <Field label={t('signIn.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <Field label={t('signIn.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <FormMessage kind="error">{error}</FormMessage>
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/wachtwoord-vergeten">{t('signIn.forgot')}</Link>
      </p>
      {providers.length > 0 && (
        <>
          <p className="or">{t('signIn.or')}</p>
          {providers.map((p) => (
            <p key={p.id}>
              <a className="button secondary" href={p.startUrl}>
                {t('signIn.with', { name: p.name })}
              </a>
            </p>
          ))}
        </>
      )}
    </section>
  );
}
