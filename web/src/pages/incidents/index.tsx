// Registers the incident pages: "Iets melden" (/iets-melden, everyone at the school), "Meldingen"
// (/meldingen, those who handle cases; a case at /meldingen?id=<id>) and "Mijn meldingen"
// (/mijn-meldingen). The public pages without sign-in (/melden/<schoolId>, /melding-volgen) are
// exported for App.tsx. Every page loads on first use (its own chunk).
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../i18n.tsx';
import { registerPage } from '../registry.tsx';
import { useQuery } from './nav.ts';
import './texts.ts';
import './incidents.css';

function Outdated() {
  const t = useT();
  return (
    <p role="alert">
      {t('write.outdated')}{' '}
      <button type="button" className="link" onClick={() => location.reload()}>
        {t('write.reload')}
      </button>
    </p>
  );
}

const fallback = () => ({ default: Outdated });
const ReportPage = lazy(() => import('./ReportForm.tsx').then((m) => ({ default: m.ReportPage }), fallback));
const PublicReportPage = lazy(() => import('./ReportForm.tsx').then((m) => ({ default: m.PublicReportPage }), fallback));
const CaseList = lazy(() => import('./CaseList.tsx').then((m) => ({ default: m.CaseList }), fallback));
const CaseDetail = lazy(() => import('./CaseDetail.tsx').then((m) => ({ default: m.CaseDetail }), fallback));
const MyReports = lazy(() => import('./MyReports.tsx').then((m) => ({ default: m.MyReports }), fallback));
const ReceiptLookup = lazy(() => import('./MyReports.tsx').then((m) => ({ default: m.ReceiptLookup }), fallback));

function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

const wrap = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

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
