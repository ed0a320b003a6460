// The app's pages behind the sign-in, with the permission each needs at the chosen school. The
// navigation and the router both read this list, so a page nobody may open is never linked.
import type { ReactNode } from 'react';
import type { SchoolAccess } from '../session.tsx';

export interface PageEntry {
  path: string;
  /** The i18n key of its name in the navigation. */
  label: string;
  allowed: (can: (permission: string) => boolean, school: SchoolAccess | null) => boolean;
  render: () => ReactNode;
}

export const PAGES: PageEntry[] = [];

/** Called by each page module (see pages/index.ts). */
export function registerPage(entry: PageEntry): void {
  PAGES.push(entry);
}
