// Registers "Toestemmingen lestijd" (/toestemming-lestijd) and "Schoolprojecten" (/schoolprojecten),
// each a chunk of its own loaded on first use.
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';
import './texts.ts';

const LessonPermissions = lazy(() => import('./LessonPermissions.tsx').then((m) => ({ default: m.LessonPermissions })));
const SchoolProjects = lazy(() => import('./SchoolProjects.tsx').then((m) => ({ default: m.SchoolProjects })));

function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

registerPage({
  path: '/toestemming-lestijd',
  label: 'nav.lessonPermissions',
  allowed: (can) => can('grants.lessonList'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <LessonPermissions />
    </Suspense>
  ),
});

registerPage({
  path: '/schoolprojecten',
  label: 'nav.projects',
  allowed: (can) => can('grants.projectList'),
  render: () => (
    <Suspense fallback={<Loading />}>
      <SchoolProjects />
    </Suspense>
  ),
});
