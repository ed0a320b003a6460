// "Iets melden": the report form, signed in (/iets-melden) and public per school
// (/melden/<schoolId>, no sign-in, optionally anonymous). Sexual images of minors are never
// uploaded: the form says so and takes only words. After sending: a receipt (staff also see the
// rules the check engine suggests), and on the public form the code to look up the status later.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { fullName } from '../write/useCheck.ts';
import { useQuery } from './nav.ts';
import { errorText, personName, RosterSearch, SuggestedArticles } from './shared.tsx';
import type { Category, PersonRole, PublicForm, RosterHit } from './types.ts';
import { CATEGORIES, SEXUAL_IMAGES } from './types.ts';

const MAX_TEXT = 10_000;
const ROLES: PersonRole[] = ['subject', 'affected', 'witness'];

interface Receipt {
  /** Only for those who read cases; the public form and other reporters never get them (they would probe the roster). */
  suggestedArticles?: string[] | undefined;
  receipt?: string;
  policeDecisionRequired: boolean;
}

function validLink(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The roster for staff who report: handlers search on the server, other staff in the school's check context. */
function useRosterSearch(schoolId: string | null): ((q: string) => Promise<RosterHit[]>) | null {
  const { can } = useSession();
  const handler = can('incidents.read');
  const staff = can('posts.context');
  const roster = useRef<Promise<RosterHit[]> | null>(null);
  const search = useCallback(
    async (q: string): Promise<RosterHit[]> => {
      if (handler) return (await api<{ people: RosterHit[] }>('GET', `/api/v1/schools/${schoolId}/incidents/people?q=${encodeURIComponent(q)}`)).people;
      roster.current ??= api<{ roster: { id: string; kind: string; givenName: string; prefix?: string; familyName: string; group?: string }[] }>('GET', `/api/v1/schools/${schoolId}/check-context`).then((r) =>
        r.roster.map((p) => ({ id: p.id, kind: p.kind, name: fullName(p), group: p.group ?? null })),
      );
      const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const words = fold(q).split(/\s+/).filter(Boolean);
      return (await roster.current).filter((p) => words.every((w) => fold(`${p.name} ${p.group ?? ''}`).includes(w))).slice(0, 20);
    },
    [handler, schoolId],
  );
  if (!schoolId || (!handler && !staff)) return null;
  return search;
}

function ReportFormBody({ schoolId, publicForm, formLoadedAt = 0, onDone }: { schoolId: string; publicForm: PublicForm | null; formLoadedAt?: number; onDone: (r: Receipt) => void }) {
  const t = useT();
  const { lang } = useLang();
  const ids = useId();
  const [category, setCategory] = useState<Category | ''>('');
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [people, setPeople] = useState<(RosterHit & { role: PersonRole })[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useRosterSearch(publicForm ? null : schoolId);
  // The school's categories (the public form names them), each in this page's own words.
  const categories = (publicForm ? publicForm.categories : CATEGORIES.map((c) => ({ code: c, label: null }))).map((c) => {
    const key = `inc.report.cat.${c.code}`;
    const own = t(key);
    return { code: c.code, label: own === key && c.label ? c.label[lang] : own };
  });
  const firstError = useRef<HTMLDivElement>(null);

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!category) problems.category = t('inc.report.category.missing');
    if (!text.trim()) problems.text = t('inc.report.text.missing');
    if (link.trim() && !validLink(link.trim())) problems.link = t('inc.report.link.bad');
    if (publicForm && !anonymous && (!name.trim() || !contact.trim())) problems.contact = t('inc.report.nameContact.missing');
    setErrors(problems);
    setMessage(null);
    if (Object.values(problems).some(Boolean)) {
      setTimeout(() => firstError.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const base = { category, text: text.trim(), ...(link.trim() ? { link: link.trim() } : {}) };
      if (publicForm) {
        const send = async (form: { formToken: string; minSeconds: number }, issuedAt: number) => {
          // The server refuses a form sent within minSeconds of handing it out (scripts are that fast): wait the rest.
          const wait = form.minSeconds * 1000 + 500 - (performance.now() - issuedAt);
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          return api<{ receipt: string }>('POST', `/api/v1/public/schools/${schoolId}/incidents`, {
            ...base,
            formToken: form.formToken,
            website,
            anonymous,
            ...(anonymous ? {} : { name: name.trim(), contact: contact.trim() }),
          });
        };
        let r: { receipt: string };
        try {
          r = await send(publicForm, formLoadedAt);
        } catch (e) {
          // A form left open for hours: a fresh token, and send once more.
          if (!(e instanceof ApiError && e.code === 'form_expired')) throw e;
          const fresh = await api<PublicForm>('GET', `/api/v1/public/schools/${schoolId}/incident-form`);
          r = await send(fresh, performance.now());
        }
        onDone({ receipt: r.receipt, policeDecisionRequired: category === SEXUAL_IMAGES });
      } else {
        const r = await api<{ suggestedArticles?: string[]; policeDecisionRequired: boolean }>('POST', `/api/v1/schools/${schoolId}/incidents`, {
          ...base,
          people: people.map((p) => ({ personId: p.id, role: p.role })),
        });
        onDone(r);
      }
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 429 ? t('inc.report.err.too_many_requests') : errorText(t, e, 'inc.report.err'));
    } finally {
      setBusy(false);
    }
  };

  const clear = (k: string) => setErrors((old) => (old[k] ? { ...old, [k]: '' } : old));
  const invalid = (k: string) => (errors[k] ? true : undefined);
  const describedBy = (...xs: (string | false)[]) => xs.filter(Boolean).join(' ') || undefined;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div ref={firstError}>
        <fieldset aria-describedby={errors.category ? `${ids}-cat-err` : undefined}>
          <legend>{t('inc.report.category')}</legend>
          {categories.map((c) => (
            <label key={c.code} className="choice">
              <input type="radio" name="category" value={c.code} checked={category === c.code} onChange={() => (setCategory(c.code), clear('category'))} aria-invalid={invalid('category')} />
              <span>{c.label}</span>
            </label>
          ))}
          {errors.category && (
            <p className="error" id={`${ids}-cat-err`}>
              {errors.category}
            </p>
          )}
        </fieldset>

        <div className={`inc-notice ${category === SEXUAL_IMAGES ? 'danger' : 'warn'}`} id={`${ids}-noimg`} role={category === SEXUAL_IMAGES ? 'alert' : undefined}>
          <p>
            <strong>{t(category === SEXUAL_IMAGES ? 'inc.report.noImages.title' : 'inc.report.noImages.lead')}</strong> {t('inc.report.noImages.body')}
          </p>
        </div>

        <div className="field">
          <label htmlFor={`${ids}-text`}>{t('inc.report.text')}</label>
          <p className="hint" id={`${ids}-text-hint`}>
            {t('inc.report.text.hint')} {t('inc.report.noUploads')}
          </p>
          <textarea
            id={`${ids}-text`}
            value={text}
            maxLength={MAX_TEXT}
            onChange={(e) => (setText(e.target.value), clear('text'))}
            aria-invalid={invalid('text')}
            aria-describedby={describedBy(`${ids}-text-hint`, !!errors.text && `${ids}-text-err`)}
          />
          {errors.text && (
            <p className="error" id={`${ids}-text-err`}>
              {errors.text}
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor={`${ids}-link`}>{t('inc.report.link')}</label>
          <p className="hint" id={`${ids}-link-hint`}>
            {t('inc.report.link.hint')}
          </p>
          <input
            id={`${ids}-link`}
            type="url"
            inputMode="url"
            autoComplete="off"
            value={link}
            onChange={(e) => (setLink(e.target.value), clear('link'))}
            aria-invalid={invalid('link')}
            aria-describedby={describedBy(`${ids}-link-hint`, !!errors.link && `${ids}-link-err`)}
          />
          {errors.link && (
            <p className="error" id={`${ids}-link-err`}>
              {errors.link}
            </p>
          )}
        </div>

        <fieldset>
          <legend>{t('inc.report.people')}</legend>
          {search ? (
            <>
              <p className="hint">{t('inc.report.people.hint')}</p>
              <RosterSearch label={t('inc.report.people.search')} search={search} exclude={people.map((p) => p.id)} onPick={(p) => setPeople((old) => [...old, { ...p, role: 'subject' }])} />
              {people.length > 0 && (
                <ul className="inc-people-list">
                  {people.map((p) => (
                    <li key={p.id}>
                      <span>{personName(p, t)}</span>
                      <label className="sr-only" htmlFor={`${ids}-role-${p.id}`}>
                        {t('inc.report.people.roleOf', { name: p.name })}
                      </label>
                      <select id={`${ids}-role-${p.id}`} className="inc-inline" value={p.role} onChange={(e) => setPeople((old) => old.map((x) => (x.id === p.id ? { ...x, role: e.target.value as PersonRole } : x)))}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`inc.role.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button type="button" className="link" onClick={() => setPeople((old) => old.filter((x) => x.id !== p.id))}>
                        {t('inc.report.people.remove', { name: p.name })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p className="hint">{t('inc.report.people.describe')}</p>
          )}
        </fieldset>

        {publicForm && (
          <fieldset aria-describedby={errors.contact ? `${ids}-contact-err` : undefined}>
            <legend>{t('inc.report.who')}</legend>
            <label className="choice">
              <input type="checkbox" checked={anonymous} onChange={(e) => (setAnonymous(e.target.checked), clear('contact'))} aria-describedby={`${ids}-anon-hint`} />
              <span>
                {t('inc.report.anonymous')}
                <span className="hint" id={`${ids}-anon-hint`}>
                  {t('inc.report.anonymous.hint')}
                </span>
              </span>
            </label>
            {!anonymous && (
              <div className="inc-two-cols">
                <div className="field">
                  <label htmlFor={`${ids}-name`}>{t('inc.report.name')}</label>
                  <input id={`${ids}-name`} type="text" autoComplete="name" value={name} onChange={(e) => (setName(e.target.value), clear('contact'))} aria-invalid={errors.contact && !name.trim() ? true : undefined} />
                </div>
                <div className="field">
                  <label htmlFor={`${ids}-contact`}>{t('inc.report.contact')}</label>
                  <input
                    id={`${ids}-contact`}
                    type="text"
                    autoComplete="email"
                    value={contact}
                    onChange={(e) => (setContact(e.target.value), clear('contact'))}
                    aria-invalid={errors.contact && !contact.trim() ? true : undefined}
                    aria-describedby={`${ids}-contact-hint`}
                  />
                  <p className="hint" id={`${ids}-contact-hint`}>
                    {t('inc.report.contact.hint')}
                  </p>
                </div>
              </div>
            )}
            {errors.contact && (
              <p className="error" id={`${ids}-contact-err`}>
                {errors.contact}
              </p>
            )}
            {/* Spam protection: people never see or fill this field; robots often do. */}
            <div className="inc-hp" aria-hidden="true">
              <label htmlFor={`${ids}-website`}>{t('inc.report.honeypot')}</label>
              <input id={`${ids}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
            </div>
          </fieldset>
        )}
      </div>

      <p className="hint">{t('inc.report.privacy')}</p>
      <FormMessage kind="error">{message}</FormMessage>
      <button type="submit" disabled={busy}>
        {busy ? t('inc.report.sending') : t('inc.report.submit')}
      </button>
    </form>
  );
}

function Done({ receipt, isPublic, onAgain }: { receipt: Receipt; isPublic: boolean; onAgain: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="inc-receipt">
      <div className="inc-notice ok">
        <h2 ref={heading} tabIndex={-1}>
          {t('inc.report.done.title')}
        </h2>
        <p>{t('inc.report.done.body')}</p>
        {receipt.policeDecisionRequired && <p>{t('inc.report.done.police')}</p>}
      </div>
      {receipt.receipt ? (
        <>
          <p>
            {t('inc.report.done.code')}: <code className="inc-receipt-code">{receipt.receipt}</code>
          </p>
          <p>{t('inc.report.done.codeHint')}</p>
          <p>
            <Link to={`/melding-volgen`}>{t('inc.report.done.lookup')}</Link>
          </p>
        </>
      ) : (
        <p>
          {t('inc.report.done.mine')} <Link to="/mijn-meldingen">{t('nav.myReports')}</Link>
        </p>
      )}
      {receipt.suggestedArticles && <SuggestedArticles ids={receipt.suggestedArticles} />}
      {!isPublic && (
        <button type="button" className="secondary" onClick={onAgain}>
          {t('inc.report.another')}
        </button>
      )}
    </div>
  );
}

/** Signed in: the school chosen in the header. */
export function ReportPage() {
  const t = useT();
  const { school } = useSession();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [round, setRound] = useState(0);
  return (
    <section className="incidents report">
      <h1>{t('inc.report.title')}</h1>
      <p>{t('inc.report.lead')}</p>
      {receipt ? (
        <Done
          receipt={receipt}
          isPublic={false}
          onAgain={() => {
            setReceipt(null);
            setRound((n) => n + 1);
          }}
        />
      ) : (
        <ReportFormBody key={round} schoolId={school!.id} publicForm={null} onDone={setReceipt} />
      )}
    </section>
  );
}

/** Public: /melden/<schoolId>, no sign-in. */
export function PublicReportPage() {
  const t = useT();
  const query = useQuery();
  const schoolId = location.pathname.split('/')[2] ?? query.get('school') ?? '';
  const [form, setForm] = useState<PublicForm | null>(null);
  const [loadedAt, setLoadedAt] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  useEffect(() => {
    if (!schoolId) {
      setProblem(t('inc.report.unknownSchool'));
      return;
    }
    api<PublicForm>('GET', `/api/v1/public/schools/${encodeURIComponent(schoolId)}/incident-form`)
      .then((f) => {
        setForm(f);
        setLoadedAt(performance.now());
      })
      .catch((e: unknown) => setProblem(e instanceof ApiError && (e.status === 404 || e.status === 400) ? t('inc.report.unknownSchool') : errorText(t, e, 'inc.report.err')));
  }, [schoolId, t]);
  return (
    <section className="incidents report">
      <h1>{form ? t('inc.report.titleSchool', { school: form.school.name }) : t('inc.report.title')}</h1>
      {problem && <FormMessage kind="error">{problem}</FormMessage>}
      {!form && !problem && <p>{t('common.loading')}</p>}
      {form && (
        <>
          <p>{t('inc.report.lead')}</p>
          {receipt ? <Done receipt={receipt} isPublic onAgain={() => {}} /> : <ReportFormBody schoolId={form.school.id} publicForm={form} formLoadedAt={loadedAt} onDone={setReceipt} />}
        </>
      )}
    </section>
  );
}
