// The main menu: the pages the person may open at the chosen school, in groups (posts,
// consent, reports, protocol, overview). A group with more than one page is a disclosure button with its
// list of links (one group open at a time; Escape closes it and returns focus to its button; a
// click elsewhere or a new page closes it too). A group with one page is a plain link.
import { useEffect, useId, useRef, useState } from 'react';
import { addTexts, useT } from './i18n.tsx';
import type { PageEntry } from './pages/registry.tsx';
import { Link, usePath } from './router.tsx';

addTexts({
  'nav.group.posts': { nl: 'Berichten', en: 'Posts' },
  'nav.group.consent': { nl: 'Toestemming', en: 'Consent' },
  'nav.group.reports': { nl: 'Meldingen', en: 'Reports' },
  'nav.group.protocol': { nl: 'Protocol', en: 'Protocol' },
  'nav.group.overview': { nl: 'Overzicht', en: 'Overview' },
  'nav.group.other': { nl: 'Meer', en: 'More' },
});

/** The groups and the order of their pages; a page not named here goes under "Meer". */
export const NAV_GROUPS: { id: string; label: string; paths: string[] }[] = [
  { id: 'posts', label: 'nav.group.posts', paths: ['/schrijven', '/berichten', '/escaleren', '/wachtrij'] },
  { id: 'consent', label: 'nav.group.consent', paths: ['/mijn-toestemmingen', '/toestemmingen', '/toestemming-lestijd', '/schoolprojecten', '/connectiecheck'] },
  { id: 'reports', label: 'nav.group.reports', paths: ['/iets-melden', '/mijn-meldingen', '/meldingen', '/dossiers', '/datalek-melden', '/datalekken', '/inzage'] },
  { id: 'protocol', label: 'nav.group.protocol', paths: ['/protocol', '/protocol/bevestigingen'] },
  { id: 'overview', label: 'nav.group.overview', paths: ['/dashboard'] },
];

interface Group {
  id: string;
  label: string;
  pages: PageEntry[];
}

export function groupPages(pages: PageEntry[]): Group[] {
  const placed = new Set<string>();
  const groups: Group[] = NAV_GROUPS.map((g) => {
    const inGroup = g.paths.flatMap((path) => {
      const page = pages.find((p) => p.path === path);
      if (!page) return [];
      placed.add(path);
      return [page];
    });
    return { id: g.id, label: g.label, pages: inGroup };
  });
  groups.push({ id: 'other', label: 'nav.group.other', pages: pages.filter((p) => !placed.has(p.path)) });
  return groups.filter((g) => g.pages.length > 0);
}

export function MainMenu({ pages }: { pages: PageEntry[] }) {
  const t = useT();
  const path = usePath();
  const [open, setOpen] = useState<string | null>(null);
  const ref = useRef<HTMLUListElement>(null);
  const baseId = useId();
  const groups = groupPages(pages);

  useEffect(() => setOpen(null), [path]);
  useEffect(() => {
    if (open === null) return;
    const onPointer = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <ul className="menu" ref={ref}>
      {groups.map((g) => {
        if (g.pages.length === 1) {
          const p = g.pages[0]!;
          return (
            <li key={g.id}>
              <Link to={p.path}>{t(p.label)}</Link>
            </li>
          );
        }
        const listId = `${baseId}-${g.id}`;
        const isOpen = open === g.id;
        const current = g.pages.some((p) => p.path === path);
        return (
          <li
            key={g.id}
            className="menu-group"
            onKeyDown={(e) => {
              if (e.key === 'Escape' && isOpen) {
                setOpen(null);
                (e.currentTarget.querySelector('button') as HTMLButtonElement | null)?.focus();
              }
            }}
          >
            <button type="button" className={current ? 'link menu-button current' : 'link menu-button'} aria-expanded={isOpen} aria-controls={listId} onClick={() => setOpen(isOpen ? null : g.id)}>
              {t(g.label)}
              <span aria-hidden="true" className="menu-caret">
                ▾
              </span>
            </button>
            <ul id={listId} className="menu-list" hidden={!isOpen}>
              {g.pages.map((p) => (
                <li key={p.path}>
                  <Link to={p.path}>{t(p.label)}</Link>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
