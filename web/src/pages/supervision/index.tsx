// Registers "Wachtrij" (/wachtrij, the leading roles' queue) and "Escaleren" (/escaleren, every
// employee). Both load on first use (their own chunk).
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';
import './texts.ts';
import './supervision.css';

const QueuePage = lazy(() => import('./QueuePage.tsx').then((m) => ({ default: m.QueuePage })));
const EscalatePage = lazy(() => import('./EscalatePage.tsx').then((m) => ({ default: m.EscalatePage })));

function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

registerPage({
  path: '/wachtrij',
  label: 'nav.queue',
  allowed: (can) => can('supervision.queue'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <QueuePage />
    </Suspense>
  ),
});

registerPage({
  path: '/escaleren',
  label: 'nav.escalate',
  allowed: (can) => can('supervision.escalate'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <EscalatePage />
    </Suspense>
  ),
});
