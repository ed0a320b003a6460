// The app's shell: header with the navigation the person's roles allow at the chosen school (the
// server's permission flags), a school switcher for staff at several schools, the language switch,
// and the page for the path.
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useLang, useT } from './i18n.tsx';
import { AcceptInvitation, ForgotPassword, ResetPassword } from './pages/Recovery.tsx';
import { Home } from './pages/Home.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { PAGES } from './pages/registry.tsx';
import { publicReport, receiptLookup } from './pages/incidents/index.tsx';
import { MainMenu } from './Nav.tsx';
import { Link, navigate, usePath } from './router.tsx';
import { useSession } from './session.tsx';

/** Pages anyone can open (the e-mail links, sign-in, the public report form; ':id' is one path segment). */
const PUBLIC: Record<string, () => ReactNode> = {
  '/aanmelden': () => <SignIn />,
  '/uitnodiging': () => <AcceptInvitation />,
  '/wachtwoord-vergeten': () => <ForgotPassword />,
  '/wachtwoord-herstellen': () => <ResetPassword />,
  '/melden/:id': publicReport,
  '/melding-volgen': receiptLookup,
};

function Header() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { me, school, setSchool, can, signOut } = useSession();
  const signedIn = me && !me.secondFactor.due;
  const schools = signedIn ? me.schools : [];
  return (
    <header className="top">
      <div className="bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <button type="button" className="link" lang={lang === 'nl' ? 'en' : 'nl'} onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}>
          {t('lang.switch')}
        </button>
      </div>
      {signedIn && (
        <nav aria-label={t('nav.label')} className="bar">
          <MainMenu pages={PAGES.filter((p) => p.allowed(can, school))} />
          <button
            type="button"
            className="link"
            onClick={async () => {
              await signOut();
              navigate('/aanmelden', true);
            }}
          >
            {t('nav.signOut')}
          </button>
          {schools.length > 1 && (
            <label className="school-switch">
              {t('nav.school')}{' '}
              <select value={school?.id ?? ''} onChange={(e) => setSchool(e.target.value)}>
                {schools.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </nav>
      )}
    </header>
  );
}

export function App() {
  const t = useT();
  const path = usePath();
  const { me, loading, can, school } = useSession();
  const signedIn = me !== null && !me.secondFactor.due;
  const publicPage = PUBLIC[path] ?? PUBLIC[path.replace(/\/[^/]+$/, '/:id')];
  // A path may be registered more than once (one name per kind of person): the allowed entry wins.
  const page = PAGES.find((p) => p.path === path && p.allowed(can, school)) ?? PAGES.find((p) => p.path === path);

  useEffect(() => {
    if (!loading && !signedIn && !publicPage) navigate('/aanmelden', true);
  }, [loading, signedIn, publicPage]);

  let content: ReactNode;
  if (publicPage) content = publicPage();
  else if (loading || !signedIn) content = <p>{t('common.loading')}</p>;
  else if (path === '/') content = <Home />;
  else if (page && page.allowed(can, school)) content = page.render();
  else content = <h1>{t('notFound.title')}</h1>;

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}
