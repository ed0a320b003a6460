// Registers "Dossiers" (/dossiers): personnel files for HR and the board, student files for the
// director and the internal supervisor (a file at /dossiers?kind=<kind>&id=<personId>). Loads on
// first use (its own chunk). The letters section of a case is in Letters.tsx (CaseDetail uses it).
import { lazyPage, withLoading } from '../../components/LazyPage.tsx';
import { registerPage } from '../registry.tsx';
import { useQuery } from '../incidents/nav.ts';
import './texts.ts';

const FilesPage = lazyPage(() => import('./Files.tsx').then((m) => m.FilesPage));

function Files() {
  const q = useQuery();
  return withLoading(<FilesPage kind={q.get('kind')} personId={q.get('id')} />);
}

registerPage({ path: '/dossiers', label: 'nav.files', allowed: (can) => can('files.read_personnel') || can('files.read_student'), render: () => <Files /> });
