// "Bericht schrijven": write a post, add photos and tag the faces, see the findings while typing
// (staff: the engine in this browser; parents and students: the server, after a pause), apply
// fixes, then let the server check it (its result is recorded) and mark it as published.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { applyTextFixes } from '../../../../src/engine/fixes.ts';
import type { Post } from '../../../../src/engine/case.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { Findings } from './Findings.tsx';
import { MediaPanel } from './MediaPanel.tsx';
import { PostFields } from './PostFields.tsx';
import { choiceOf, localMoment, postForServer } from './post.ts';
import { PublishPanel } from './PublishPanel.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { useArticles, useOwnPeople } from './data.ts';
import { useLiveCheck } from './useCheck.ts';
import type { CheckResult, Draft, Finding, MediaItem, StoredPost } from './types.ts';

const MAX_TEXT = 20_000;

export function WritePage() {
  const t = useT();
  const { school, can } = useSession();
  const schoolId = school!.id;
  const staff = can('posts.context');
  const [draft, setDraft] = useState<Draft>(() => ({ text: '', situation: staff ? 'work' : 'private', channel: staff ? 'school_social_media' : 'personal', platform: '', at: '', media: [] }));
  const [postId, setPostId] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<{ result: CheckResult; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const author: Post['author'] = school!.personId ? { personId: school!.personId } : { role: staff ? 'employee' : school!.roles.includes('student') ? 'student' : 'guardian' };
  const live = useLiveCheck(schoolId, staff, author, draft);
  const articles = useArticles();
  const ownPeople = useOwnPeople(schoolId, !staff);
  const people = staff ? (live.roster ?? []) : ownPeople;
  const names = useMemo(() => new Map(people.map((p) => [p.id, p.name])), [people]);

  const change = useCallback((d: Partial<Draft>) => {
    setDraft((old) => ({ ...old, ...d }));
    // A changed post needs a new check before it can be published.
    setSubmitted(null);
    setMessage(null);
  }, []);

  // Continue a draft from "My posts" (/schrijven?concept=<id>).
  useEffect(() => {
    const id = new URLSearchParams(location.search).get('concept');
    if (!id) return;
    (async () => {
      const stored = await api<StoredPost>('GET', `/api/v1/schools/${schoolId}/posts/${id}`);
      const media = await Promise.all(stored.post.media.filter((m) => m.mediaId).map((m) => api<MediaItem>('GET', `/api/v1/schools/${schoolId}/media/${m.mediaId}`)));
      setDraft({ text: stored.post.text, situation: stored.post.situation, ...choiceOf(stored.post.channel), at: stored.post.at ? stored.post.at.slice(0, 16) : '', media });
      setPostId(stored.id);
    })().catch(() => setMessage({ kind: 'error', text: t('write.loadFailed') }));
  }, [schoolId, t]);

  const applyFixes = async (findings: Finding[]) => {
    setBusy(true);
    setMessage(null);
    try {
      let media = draft.media;
      // Blur fixes: one blurred copy per photo, for everyone its fixes name.
      const blur = new Map<number, { people: Set<string>; unidentified: boolean }>();
      for (const f of findings) {
        if (f.fix?.kind !== 'blur') continue;
        const b = blur.get(f.fix.media) ?? { people: new Set<string>(), unidentified: false };
        f.fix.people.forEach((p) => b.people.add(p));
        b.unidentified ||= f.fix.unidentified;
        blur.set(f.fix.media, b);
      }
      for (const [index, b] of blur) {
        const item = media[index];
        if (!item) continue;
        const copy = await api<MediaItem>('POST', `/api/v1/schools/${schoolId}/media/${item.id}/blur`, { people: [...b.people], unidentified: b.unidentified });
        media = media.map((m, i) => (i === index ? copy : m));
      }
      const moment = findings.find((f) => f.fix?.kind === 'reschedule')?.fix;
      change({
        text: applyTextFixes(draft.text, findings),
        media,
        ...(moment?.kind === 'reschedule' ? { at: localMoment(moment.at) } : {}),
      });
      setMessage({ kind: 'ok', text: t('write.fixed', { count: findings.length }) });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const save = async (asDraft: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await api<{ postId: string; status: string; result?: CheckResult }>('POST', `/api/v1/schools/${schoolId}/posts`, { post: postForServer(draft), ...(asDraft ? { draft: true } : {}), ...(postId ? { postId } : {}) });
      setPostId(r.postId);
      if (r.result) setSubmitted({ result: r.result, text: draft.text });
      else setMessage({ kind: 'ok', text: t('write.draftSaved') });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.status === 429 ? t('write.limited') : e instanceof ApiError ? e.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const empty = !draft.text.trim() && draft.media.length === 0;
  const result = live.result;
  return (
    <section className="write">
      <h1>{t('write.title')}</h1>
      <p>{staff ? t('write.introStaff') : t('write.introOther')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <PostFields draft={draft} onChange={change} maxLength={MAX_TEXT} />
        <MediaPanel schoolId={schoolId} media={draft.media} people={people} search={staff} onChange={(media) => change({ media })} />

        <section className="live" aria-labelledby="live-title">
          <h2 id="live-title">{t('write.check.title')}</h2>
          <p className="hint">{live.where === 'browser' ? t('write.check.browser') : t('write.check.server')}</p>
          <div aria-live="polite">
            {live.problem === 'limited' && <p className="error">{t('write.limited')}</p>}
            {live.problem === 'error' && <p className="error">{t('common.error')}</p>}
            {!result && !empty && live.busy && <p>{t('write.check.busy')}</p>}
            {empty && <p>{t('write.check.empty')}</p>}
          </div>
          {result && !empty && <Findings result={result} text={live.forText ?? draft.text} articles={articles} canFix={live.forText === draft.text} busy={busy} onFix={(f) => void applyFixes(f)} names={names} />}
        </section>

        {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
        <div className="actions">
          <button type="submit" disabled={busy || empty}>
            {t('write.submit')}
          </button>
          <button type="button" className="secondary" disabled={busy || empty} onClick={() => void save(true)}>
            {t('write.saveDraft')}
          </button>
        </div>
      </form>
      {submitted && postId && <PublishPanel key={postId + submitted.text} schoolId={schoolId} postId={postId} result={submitted.result} text={submitted.text} articles={articles} />}
      {can('supervision.ask') && (
        <ReviewPanel
          schoolId={schoolId}
          postId={postId}
          post={postForServer(draft)}
          text={draft.text}
          empty={empty}
          articles={articles}
          onStored={(id) => {
            setPostId(id);
            setSubmitted(null);
          }}
        />
      )}
    </section>
  );
}
