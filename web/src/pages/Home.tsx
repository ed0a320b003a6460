// The start page after sign-in: a welcome and the pages the person's roles allow.
import { useT } from '../i18n.tsx';
import { groupPages } from '../Nav.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { PAGES } from './registry.tsx';
import { ProtocolPrompt } from './protocol/Prompt.tsx';

export function Home() {
  const t = useT();
  const { me, school, can } = useSession();
  // In the order of the menu's groups.
  const pages = groupPages(PAGES.filter((p) => p.allowed(can, school))).flatMap((g) => g.pages);
  return (
    <section>
      <h1>{t('home.title', { name: me?.account.displayName ?? '' })}</h1>
      {school ? (
        <>
          <ProtocolPrompt />
          <p>{t('home.intro')}</p>
          <ul className="tiles">
            {pages.map((p) => (
              <li key={p.path}>
                <Link to={p.path}>{t(p.label)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('home.noSchool')}</p>
      )}
    </section>
  );
}
