// Small reads the write page and "My posts" share: the protocol's article titles, and for
// parents and students the people they may tag (themselves and their own children).
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { Article, PersonOption } from './types.ts';
import { fullName } from './useCheck.ts';

let articlesCache: Promise<Map<string, Article>> | null = null;

export function useArticles(protocol = 'asko-2018'): Map<string, Article> {
  const [articles, setArticles] = useState<Map<string, Article>>(new Map());
  useEffect(() => {
    articlesCache ??= api<{ articles: Article[] }>('GET', `/api/v1/protocols/${protocol}`).then((p) => new Map(p.articles.map((a) => [a.id, a])));
    articlesCache.then(setArticles).catch(() => {
      articlesCache = null;
    });
  }, [protocol]);
  return articles;
}

interface PersonRow {
  id: string;
  kind: string;
  givenName: string;
  prefix: string | null;
  familyName: string;
  group: string | null;
}

export function useOwnPeople(schoolId: string, wanted: boolean): PersonOption[] {
  const [people, setPeople] = useState<PersonOption[]>([]);
  useEffect(() => {
    if (!wanted) return;
    api<{ self: PersonRow | null; children: PersonRow[] }>('GET', `/api/v1/schools/${schoolId}/my-people`)
      .then((r) => setPeople([...(r.self ? [r.self] : []), ...r.children].map((p) => ({ id: p.id, kind: p.kind, name: fullName(p), ...(p.group ? { group: p.group } : {}) }))))
      .catch(() => setPeople([]));
  }, [schoolId, wanted]);
  return people;
}
