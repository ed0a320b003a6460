// Registers the incident pages: "Iets melden" (/iets-melden, everyone at the school), "Meldingen"
// (/meldingen, those who handle cases; a case at /meldingen?id=<id>) and "Mijn meldingen"
// (/mijn-meldingen). The public pages without sign-in (/melden/<schoolId>, /melding-volgen) are
// exported for App.tsx. Every page loads on first use (its own chunk, components/LazyPage.tsx).
import { lazyPage, withLoading as wrap } from '../../components/LazyPage.tsx';
import { registerPage } from '../registry.tsx';
import { useQuery } from './nav.ts';
import './texts.ts';
import './incidents.css';

const ReportPage = lazyPage(() => import('./ReportForm.tsx').then((m) => m.ReportPage));
const PublicReportPage = lazyPage(() => import('./ReportForm.tsx').then((m) => m.PublicReportPage));
const CaseList = lazyPage(() => import('./CaseList.tsx').then((m) => m.CaseList));
const CaseDetail = lazyPage(() => import('./CaseDetail.tsx').then((m) => m.CaseDetail));
const MyReports = lazyPage(() => import('./MyReports.tsx').then((m) => m.MyReports));
const ReceiptLookup = lazyPage(() => import('./MyReports.tsx').then((m) => m.ReceiptLookup));

/** /meldingen: the list, or one case when the query names it. */
function Cases() {
  const id = useQuery().get('id');
  return id ? <CaseDetail key={id} id={id} /> : <CaseList />;
}

registerPage({ path: '/iets-melden', label: 'nav.report', allowed: (can) => can('incidents.report'), render: () => wrap(<ReportPage />) });
registerPage({ path: '/meldingen', label: 'nav.incidents', allowed: (can) => can('incidents.read'), render: () => wrap(<Cases />) });
registerPage({ path: '/mijn-meldingen', label: 'nav.myReports', allowed: (can) => can('incidents.mine'), render: () => wrap(<MyReports />) });

/** For App.tsx: the pages anyone can open. */
export const publicReport = () => wrap(<PublicReportPage />);
export const receiptLookup = () => wrap(<ReceiptLookup />);
