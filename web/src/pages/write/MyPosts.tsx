// "Mijn berichten": the person's own posts in three groups — drafts, checked (submitted) and
// published — each with the verdict of its recorded check; open one to read that check, or
// continue a draft.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { VERDICT_LABEL } from '../../../../src/engine/labels.ts';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { useArticles } from './data.ts';
import { Findings } from './Findings.tsx';
import type { Article, OwnPost, StoredPost } from './types.ts';
import type { Review } from '../supervision/shared.ts';
import '../supervision/texts.ts';
import '../supervision/supervision.css';

const GROUPS: { status: OwnPost['status']; key: string }[] = [
  { status: 'draft', key: 'posts.drafts' },
  { status: 'submitted', key: 'posts.submitted' },
  { status: 'published', key: 'posts.published' },
];

/** Dates as the school sees them (the demo schools and the engine's default: Amsterdam). */
const TIME_ZONE = 'Europe/Amsterdam';

function RecordedCheck({ schoolId, id, articles }: { schoolId: string; id: string; articles: Map<string, Article> }) {
  const t = useT();
  const { lang } = useLang();
  const [post, setPost] = useState<StoredPost | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api<StoredPost>('GET', `/api/v1/schools/${schoolId}/posts/${id}`)
      .then(setPost)
      .catch(() => setFailed(true));
  }, [schoolId, id]);
  if (failed) return <p className="error">{t('common.error')}</p>;
  if (!post) return <p>{t('common.loading')}</p>;
  return (
    <div className="recorded">
      <h4>{t('posts.text')}</h4>
      <p className="post-text">{post.post.text}</p>
      {post.check ? (
        <>
          <h4>{t('posts.check', { date: new Date(post.check.checkedAt).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }) })}</h4>
          <Findings result={post.check.result} text={post.post.text} articles={articles} canFix={false} />
        </>
      ) : (
        <p>{t('posts.notChecked')}</p>
      )}
    </div>
  );
}

/** The latest "ask my supervisor" request of a post: its status and the supervisor's comment. */
function ReviewLine({ r }: { r: Review }) {
  const t = useT();
  return (
    <div className="review-status">
      <p>
        {t('ask.title')}: <span className={`status ${r.status}`}>{t(`review.status.${r.status}`)}</span>
        {r.supervisor ? ` · ${t('ask.to', { name: r.supervisor })}` : ''}
      </p>
      {r.comment && <p className="note">{r.comment}</p>}
    </div>
  );
}

function PostItem({ schoolId, p, articles, review }: { schoolId: string; p: OwnPost; articles: Map<string, Article>; review?: Review | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const date = (s: string) => new Date(s).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
  const channel = p.channel.kind === 'personal' ? t('posts.channel.personal', { platform: p.channel.platform ?? '' }).trim() : t(`write.channel.${p.channel.platform === 'website' ? 'school_website' : p.channel.platform === 'newsletter' ? 'newsletter' : 'school_social_media'}`);
  return (
    <li className="own-post">
      <p className="first-words">{p.firstWords || t('posts.noText')}</p>
      <p className="meta">
        {channel} · {p.status === 'published' && p.publishedAt ? t('posts.publishedAt', { date: date(p.publishedAt) }) : t('posts.changedAt', { date: date(p.updatedAt) })}
        {p.media > 0 && <> · {t('posts.media', { count: p.media })}</>}
      </p>
      {p.verdict && <p className={`verdict small ${p.verdict}`}>{VERDICT_LABEL[p.verdict][lang]}</p>}
      {review && <ReviewLine r={review} />}
      <div className="actions">
        {p.status === 'draft' ? (
          <Link className="button secondary" to={`/schrijven?concept=${p.id}`}>
            {t('posts.continue')}
          </Link>
        ) : (
          <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('posts.close') : t('posts.open')}
          </button>
        )}
        {p.status === 'submitted' && review && (review.status === 'changes_requested' || review.status === 'approved') && (
          <Link className="button" to={`/schrijven?concept=${p.id}`}>
            {review.status === 'approved' && review.approvalCovers ? t('ask.toPublish') : t('ask.edit')}
          </Link>
        )}
      </div>
      {open && <RecordedCheck schoolId={schoolId} id={p.id} articles={articles} />}
    </li>
  );
}

export function MyPosts() {
  const t = useT();
  const { school } = useSession();
  const schoolId = school!.id;
  const articles = useArticles();
  const [posts, setPosts] = useState<OwnPost[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [reviews, setReviews] = useState<Map<string, Review>>(new Map());
  const { can } = useSession();
  const asks = can('supervision.mine');
  useEffect(() => {
    if (!asks) return;
    // Newest first: the first request per post is its latest.
    api<{ reviews: Review[] }>('GET', `/api/v1/schools/${schoolId}/reviews/mine`)
      .then((r) => setReviews(new Map([...r.reviews].reverse().map((x) => [x.postId, x]))))
      .catch(() => setReviews(new Map()));
  }, [schoolId, asks]);
  useEffect(() => {
    api<{ posts: OwnPost[] }>('GET', `/api/v1/schools/${schoolId}/posts/mine`)
      .then((r) => setPosts(r.posts))
      .catch(() => setFailed(true));
  }, [schoolId]);
  return (
    <section className="my-posts">
      <h1>{t('nav.posts')}</h1>
      {failed && <p className="error">{t('common.error')}</p>}
      {!posts && !failed && <p>{t('common.loading')}</p>}
      {posts && posts.length === 0 && (
        <p>
          {t('posts.none')} <Link to="/schrijven">{t('nav.write')}</Link>
        </p>
      )}
      {posts &&
        posts.length > 0 &&
        GROUPS.map((g) => {
          const list = posts.filter((p) => p.status === g.status);
          return (
            <section key={g.status} aria-labelledby={`group-${g.status}`}>
              <h2 id={`group-${g.status}`}>
                {t(g.key)} <span className="count">({list.length})</span>
              </h2>
              {list.length === 0 ? (
                <p className="hint">{t('posts.emptyGroup')}</p>
              ) : (
                <ul className="own-posts">
                  {list.map((p) => (
                    <PostItem key={p.id} schoolId={schoolId} p={p} articles={articles} review={reviews.get(p.id)} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </section>
  );
}
