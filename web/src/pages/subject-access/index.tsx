// Registers "Inzage en wissen" (/inzage) for the data-protection officer: find a person, download
// everything Postwijzer holds about them (JSON, PDF; AVG art. 15), see whether they may be erased
// and erase them (art. 17). The page loads on first use (its own chunk).
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';
import './texts.ts';

const SubjectAccessPage = lazy(() => import('./SubjectAccessPage.tsx').then((m) => ({ default: m.SubjectAccessPage })));

function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

registerPage({
  path: '/inzage',
  label: 'nav.subjectAccess',
  allowed: (can) => can('subjectAccess.export'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <SubjectAccessPage />
    </Suspense>
  ),
});
