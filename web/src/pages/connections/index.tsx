// Registers "Connectiecheck" (/connectiecheck) for staff who receive the school's check context.
// The page and the export readers are a chunk of their own, loaded when the page opens (so that
// choosing a file loads nothing more).
import { lazy, Suspense } from 'react';
import { addTexts, useT } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';

addTexts({ 'nav.connections': { nl: 'Connectiecheck', en: 'Connection check' } });

const ConnectionCheck = lazy(() => import('./ConnectionCheck.tsx').then((m) => ({ default: m.ConnectionCheck })));

function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

registerPage({
  path: '/connectiecheck',
  label: 'nav.connections',
  allowed: (can) => can('posts.context'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <ConnectionCheck />
    </Suspense>
  ),
});
