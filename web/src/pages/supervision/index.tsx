// Registers "Wachtrij" (/wachtrij, the leading roles' queue) and "Escaleren" (/escaleren, every
// employee). Both load on first use (their own chunk).
import { lazyPage, withLoading } from '../../components/LazyPage.tsx';
import { registerPage } from '../registry.tsx';
import './texts.ts';
import './supervision.css';

const QueuePage = lazyPage(() => import('./QueuePage.tsx').then((m) => m.QueuePage));
const EscalatePage = lazyPage(() => import('./EscalatePage.tsx').then((m) => m.EscalatePage));

registerPage({
  path: '/wachtrij',
  label: 'nav.queue',
  allowed: (can) => can('supervision.queue'),
  render: () => withLoading(<QueuePage />),
});

registerPage({
  path: '/escaleren',
  label: 'nav.escalate',
  allowed: (can) => can('supervision.escalate'),
  render: () => withLoading(<EscalatePage />),
});
