// A page that loads on first use, in a chunk of its own, so that the entry bundle does not grow.
// While the chunk loads: "Even geduld…". When the chunk is gone (a new version was deployed while
// the page was open, so the old file names no longer exist): a short message and a reload button,
// instead of a blank page.
//   const CaseList = lazyPage(() => import('./CaseList.tsx').then((m) => m.CaseList));
//   registerPage({ …, render: () => withLoading(<CaseList />) });
import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { addTexts, useT } from '../i18n.tsx';

addTexts({
  'page.outdated': { nl: 'Postwijzer is net bijgewerkt.', en: 'Postwijzer has just been updated.' },
  'page.reload': { nl: 'Laad de pagina opnieuw', en: 'Reload the page' },
});

/** A chunk that no longer exists (a new version was deployed meanwhile): ask for a reload. */
export function Outdated() {
  const t = useT();
  return (
    <p role="alert">
      {t('page.outdated')}{' '}
      <button type="button" className="link" onClick={() => location.reload()}>
        {t('page.reload')}
      </button>
    </p>
  );
}

export function Loading() {
  const t = useT();
  return <p>{t('common.loading')}</p>;
}

/** A component loaded on first use; Outdated when its chunk cannot be loaded. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component, whatever its props (as React.lazy)
export function lazyPage<C extends ComponentType<any>>(load: () => Promise<C>) {
  return lazy(() => load().then((component) => ({ default: component }), () => ({ default: Outdated as unknown as C })));
}

/** A lazy page with "Even geduld…" while it loads. */
export function withLoading(node: ReactNode) {
  return <Suspense fallback={<Loading />}>{node}</Suspense>;
}
