// Registers "Dashboard" (/dashboard) for the director and the board (docs/dashboards.md). The page
// and its charts load on first use, in a chunk of their own (components/LazyPage.tsx): the other
// pages do not grow.
import { lazyPage, withLoading } from '../../components/LazyPage.tsx';
import { addTexts } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';

addTexts({ 'nav.dashboard': { nl: 'Dashboard', en: 'Dashboard' } });

const DashboardPage = lazyPage(() => import('./Dashboard.tsx').then((m) => m.DashboardPage));

registerPage({
  path: '/dashboard',
  label: 'nav.dashboard',
  allowed: (can) => can('dashboards.school') || can('dashboards.board'),
  render: () => withLoading(<DashboardPage />),
});
