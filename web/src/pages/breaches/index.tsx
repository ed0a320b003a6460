// Registers the breach pages: "Datalekken" (/datalekken, the register for the FG and the board;
// an entry at /datalekken?id=<id>) and "Mogelijk datalek melden" (/datalek-melden, all staff).
import { registerPage } from '../registry.tsx';
import { BreachDetail } from './BreachDetail.tsx';
import { BreachList } from './BreachList.tsx';
import { ReportBreach } from './ReportForm.tsx';
import { useQuery } from './shared.tsx';
import './texts.ts';
import './breaches.css';

function Register() {
  const id = useQuery().get('id');
  return id ? <BreachDetail key={id} id={id} /> : <BreachList />;
}

registerPage({ path: '/datalek-melden', label: 'nav.reportBreach', allowed: (can) => can('breaches.report'), render: () => <ReportBreach /> });
registerPage({ path: '/datalekken', label: 'nav.breaches', allowed: (can) => can('breaches.read'), render: () => <Register /> });
