// Registers "Toestemmingen lestijd" (/toestemming-lestijd) and "Schoolprojecten" (/schoolprojecten),
// each a chunk of its own loaded on first use.
import { lazyPage, withLoading } from '../../components/LazyPage.tsx';
import { registerPage } from '../registry.tsx';
import './texts.ts';

const LessonPermissions = lazyPage(() => import('./LessonPermissions.tsx').then((m) => m.LessonPermissions));
const SchoolProjects = lazyPage(() => import('./SchoolProjects.tsx').then((m) => m.SchoolProjects));

registerPage({
  path: '/toestemming-lestijd',
  label: 'nav.lessonPermissions',
  allowed: (can) => can('grants.lessonList'),
  render: () => withLoading(<LessonPermissions />),
});

registerPage({
  path: '/schoolprojecten',
  label: 'nav.projects',
  allowed: (can) => can('grants.projectList'),
  render: () => withLoading(<SchoolProjects />),
});
