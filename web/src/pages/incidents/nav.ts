// The query string of the current page (?id=..., ?school=...), kept in step with the app's router:
// a click from the list to a case changes only the query, which the path-based router ignores.
import { useEffect, useState } from 'react';

export function useQuery(): URLSearchParams {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const onPop = () => setSearch(location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return new URLSearchParams(search);
}

/** "3 dagen" / "3 days" from an ISO moment until now (or until `to`). */
export function daysBetween(from: string, to: Date = new Date()): number {
  return Math.max(0, Math.floor((to.getTime() - new Date(from).getTime()) / 86_400_000));
}

export function shortDate(iso: string, lang: 'nl' | 'en'): string {
  return new Date(iso).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' });
}

export function dateTime(iso: string, lang: 'nl' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
}
