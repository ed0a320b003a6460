// Registers "Bericht schrijven" (/schrijven) and "Mijn berichten" (/berichten). Both pages load
// on first use (their own chunk); the check engine is a further chunk that only staff load.
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';
import './texts.ts';
import './write.css';

/** A chunk that no longer exists (a new version was deployed meanwhile): ask for a reload. */
function Outdated() {
  const t = useT();
  return (
    <p role="alert">
      {t('write.outdated')}{' '}
      <button type="button" className="link" onClick={() => location.reload()}>
        {t('write.reload')}
      </button>
    </p>
  );
}

const WritePage = lazy(() => import('./WritePage.tsx').then((m) => ({ default: m.WritePage }), () => ({ default: Outdated })));
const MyPosts = lazy(() => import('./MyPosts.tsx').then((m) => ({ default: m.MyPosts }), () => ({ default: Outdated })));

function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

registerPage({
  path: '/schrijven',
  label: 'nav.write',
  allowed: (can) => can('posts.submit'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <WritePage />
    </Suspense>
  ),
});

registerPage({
  path: '/berichten',
  label: 'nav.posts',
  allowed: (can) => can('posts.mine'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <MyPosts />
    </Suspense>
  ),
});
