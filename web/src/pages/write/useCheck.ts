// Checking while the post is written. Staff: the engine runs in this browser on the school's
// roster (GET check-context), on every change, without a round trip. Parents and students never
// receive the roster: their draft is checked on the server after a pause in typing (the preview
// route, limited per account).
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import type { Post } from '../../../../src/engine/case.ts';
import type * as EngineModule from './engine.ts';
import type { PreparedSchool } from './engine.ts';
import { postForCheck, postForServer } from './post.ts';
import type { CheckResult, Draft, PersonOption } from './types.ts';

type Engine = typeof EngineModule;

export interface LiveCheck {
  result: CheckResult | null;
  /** The text the result belongs to: fixes apply only while the text is still this one. */
  forText: string | null;
  /** Staff: the roster from the check context, for tagging faces. */
  roster: PersonOption[] | null;
  /** Where the shown result comes from. */
  where: 'browser' | 'server';
  busy: boolean;
  /** 'limited': too many checks in a short time (429); 'error': the check failed. */
  problem: 'limited' | 'error' | null;
}

const SERVER_DELAY_MS = 800;

export function useLiveCheck(schoolId: string, staff: boolean, author: Post['author'], draft: Draft): LiveCheck {
  const [engine, setEngine] = useState<{ mod: Engine; school: PreparedSchool; roster: PersonOption[] } | null>(null);
  const [engineFailed, setEngineFailed] = useState(!staff);

  useEffect(() => {
    if (!staff) return;
    let live = true;
    Promise.all([import('./engine.ts'), api<unknown>('GET', `/api/v1/schools/${schoolId}/check-context`)])
      .then(([mod, input]) => {
        if (live) setEngine({ mod, school: mod.prepare(input), roster: rosterOptions(input as { roster: RosterPerson[] }) });
      })
      .catch(() => {
        if (live) setEngineFailed(true);
      });
    return () => {
      live = false;
    };
  }, [schoolId, staff]);

  const authorKey = JSON.stringify(author);
  const local = useMemo(() => {
    if (!engine) return null;
    try {
      return { result: engine.mod.check(engine.school, postForCheck(draft, JSON.parse(authorKey) as Post['author'])), forText: draft.text };
    } catch {
      return null;
    }
  }, [engine, draft, authorKey]);

  // The server's check, for those without the roster (or when the engine could not start).
  const [remote, setRemote] = useState<{ result: CheckResult | null; forText: string | null; busy: boolean; problem: LiveCheck['problem'] }>({ result: null, forText: null, busy: false, problem: null });
  const seq = useRef(0);
  const serverBody = JSON.stringify(postForServer(draft));
  useEffect(() => {
    if (!engineFailed) return;
    const n = ++seq.current;
    const sent = JSON.parse(serverBody) as { text: string; media: unknown[] };
    if (!sent.text.trim() && sent.media.length === 0) {
      setRemote({ result: null, forText: null, busy: false, problem: null });
      return;
    }
    setRemote((r) => ({ ...r, busy: true }));
    const timer = setTimeout(() => {
      api<CheckResult>('POST', `/api/v1/schools/${schoolId}/checks`, { post: sent })
        .then((result) => n === seq.current && setRemote({ result, forText: sent.text, busy: false, problem: null }))
        .catch((e: unknown) => n === seq.current && setRemote((r) => ({ ...r, busy: false, problem: e instanceof ApiError && e.status === 429 ? 'limited' : 'error' })));
    }, SERVER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [engineFailed, serverBody, schoolId]);

  if (!engineFailed) return { result: local?.result ?? null, forText: local?.forText ?? null, roster: engine?.roster ?? null, where: 'browser', busy: engine === null, problem: null };
  return { ...remote, roster: null, where: 'server' };
}

interface RosterPerson {
  id: string;
  kind: string;
  givenName: string;
  prefix?: string;
  familyName: string;
  group?: string;
  function?: string;
}

export const fullName = (p: { givenName: string; prefix?: string | null; familyName: string }): string => [p.givenName, p.prefix, p.familyName].filter(Boolean).join(' ');

function rosterOptions(input: { roster: RosterPerson[] }): PersonOption[] {
  return input.roster
    .map((p) => ({ id: p.id, kind: p.kind, name: fullName(p), ...(p.group ? { group: p.group } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
