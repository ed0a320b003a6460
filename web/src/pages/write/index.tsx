// Registers "Bericht schrijven" (/schrijven) and "Mijn berichten" (/berichten). Both pages load
// on first use (their own chunk, components/LazyPage.tsx); the check engine is a further chunk
// that only staff load.
import { lazyPage, withLoading } from '../../components/LazyPage.tsx';
import { registerPage } from '../registry.tsx';
import './texts.ts';
import './write.css';

const WritePage = lazyPage(() => import('./WritePage.tsx').then((m) => m.WritePage));
const MyPosts = lazyPage(() => import('./MyPosts.tsx').then((m) => m.MyPosts));

registerPage({
  path: '/schrijven',
  label: 'nav.write',
  allowed: (can) => can('posts.submit'),
  render: () => withLoading(<WritePage />),
});

registerPage({
  path: '/berichten',
  label: 'nav.posts',
  allowed: (can) => can('posts.mine'),
  render: () => withLoading(<MyPosts />),
});
