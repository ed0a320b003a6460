// Registers "Connectiecheck" (/connectiecheck) for staff who receive the school's check context.
// The page and the export readers are a chunk of their own, loaded when the page opens (so that
// choosing a file loads nothing more).
import { lazyPage, withLoading } from '../../components/LazyPage.tsx';
import { addTexts } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';

addTexts({ 'nav.connections': { nl: 'Connectiecheck', en: 'Connection check' } });

const ConnectionCheck = lazyPage(() => import('./ConnectionCheck.tsx').then((m) => m.ConnectionCheck));

registerPage({
  path: '/connectiecheck',
  label: 'nav.connections',
  allowed: (can) => can('posts.context'),
  render: () => withLoading(<ConnectionCheck />),
});
