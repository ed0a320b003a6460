// Registers "Dashboard" (/dashboard) for the director and the board (docs/dashboards.md). The page
// and its charts load on first use, in a chunk of their own: the other pages do not grow.
import { lazy, Suspense } from 'react';
import { addTexts, useT } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';

addTexts({ 'nav.dashboard': { nl: 'Dashboard', en: 'Dashboard' } });

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

const DashboardPage = lazy(() => import('./Dashboard.tsx').then((m) => ({ default: m.DashboardPage }), () => ({ default: Outdated })));

function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

registerPage({
  path: '/dashboard',
  label: 'nav.dashboard',
  allowed: (can) => can('dashboards.school') || can('dashboards.board'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <DashboardPage />
    </Suspense>
  ),
});
