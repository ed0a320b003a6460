// "Dashboard" (/dashboard): the school view for the director and the board, and for the board the
// view across its schools with a picker (all schools, or one of them). Each chart is a ChartCard:
// heading, a sentence with the main numbers, the SVG chart, the numbers as a table on request and
// the CSV download of that table (docs/dashboards.md).
import { useEffect, useId, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { ScrollTable } from '../../components/Table.tsx';
import type { Lang } from '../../i18n.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { Bar, Series } from './charts.tsx';
import { BarChart, ChartCard, ColumnChart, SERIES_COLOURS } from './charts.tsx';
import type { DashboardData, Times } from './types.ts';
import './texts.ts';
import './dashboards.css';

type T = ReturnType<typeof useT>;

const BOARD = 'board';

function monthName(month: string, lang: Lang, style: 'short' | 'long'): string {
  const d = new Date(`${month}-15T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', style === 'long' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' })
    .format(d)
    .replace('.', '');
}

const share = (n: number | null, lang: Lang) => (n === null ? '–' : new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(n));

function duration(seconds: number | null, t: T, lang: Lang): string {
  if (seconds === null) return t('db.dash');
  const nf = (n: number, digits = 0) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
  if (seconds < 3600) return t('db.minutes', { n: nf(Math.round(seconds / 60)) });
  if (seconds < 72 * 3600) return t('db.hours', { n: nf(seconds / 3600, 1) });
  return t('db.days', { n: nf(seconds / 86400, 1) });
}

function Numbers({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <ScrollTable caption={caption} className="db-table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {c}
                </th>
              ) : (
                <td key={j} className="num">
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function DashboardPage() {
  const t = useT();
  const { lang } = useLang();
  const { me, school, can } = useSession();
  const ids = useId();
  const isBoard = can('dashboards.board');
  // The schools this person may see a school view of (the board: each of its schools).
  const choices = useMemo(() => (me?.schools ?? []).filter((s) => s.permissions.includes('dashboards.school')), [me]);
  const [choice, setChoice] = useState<string>(isBoard ? BOARD : (school?.id ?? ''));
  const [data, setData] = useState<DashboardData | null>(null);
  const [failed, setFailed] = useState(false);
  // The board's name for the picker, kept while another view loads.
  const [boardName, setBoardName] = useState('');
  // The consent chart's choice lives here, so that it outlasts a change of view (the charts are
  // drawn afresh for each view); a channel the new view lacks falls back to its first (Consent).
  const [consentChoice, setConsentChoice] = useState<ConsentChoice>({ channel: 'school_social_media', media: 'photo' });
  const schoolId = school!.id;
  const base = choice === BOARD ? `/api/v1/schools/${schoolId}/board-dashboard` : `/api/v1/schools/${choice || schoolId}/dashboard`;

  useEffect(() => {
    let live = true;
    // Another view: the old numbers go at once, so that they never stand beside the new view's
    // links (CSV) or its error message.
    setData(null);
    setFailed(false);
    api<DashboardData>('GET', base)
      .then((d) => {
        if (!live) return;
        setData(d);
        setBoardName(d.board.name);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [base]);

  return (
    <section className="dashboards">
      <h1>{t('nav.dashboard')}</h1>
      <p>{t('db.lead')}</p>
      {isBoard && choices.length > 0 && (
        <div className="field db-picker">
          <label htmlFor={`${ids}-view`}>{t('db.view')}</label>
          <select id={`${ids}-view`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value={BOARD}>{t('db.view.board', { board: boardName }).trim()}</option>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {failed && <FormMessage kind="error">{t('common.error')}</FormMessage>}
      {!data && !failed && <p>{t('common.loading')}</p>}
      {data && <Charts data={data} base={base} t={t} lang={lang} consentChoice={consentChoice} setConsentChoice={setConsentChoice} />}
    </section>
  );
}

type ConsentChoice = { channel: string; media: 'photo' | 'video' | 'audio' };

/** The zone the page speaks of: Dutch time, another school's zone, or each school's own. */
function zoneText(data: DashboardData, t: T): string {
  if (data.timeZone === null) return t('db.zone.mixed');
  if (data.timeZone === 'Europe/Amsterdam') return t('db.zone.nl');
  return t('db.zone.other', { zone: data.timeZone });
}

function Charts({ data, base, t, lang, consentChoice, setConsentChoice }: { data: DashboardData; base: string; t: T; lang: Lang; consentChoice: ConsentChoice; setConsentChoice: (c: ConsentChoice) => void }) {
  const csv = (table: string) => `${base}/export/${table}`;
  const board = data.view === 'board';
  // Schools in several zones: the moment in the reader's own zone, with its name.
  const at = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', data.timeZone ? { dateStyle: 'long', timeStyle: 'short', timeZone: data.timeZone } : { dateStyle: 'long', timeStyle: 'long' }).format(new Date(data.generatedAt));

  // Months: closed first (at the bottom of the column), open on top.
  const stack: Series[] = [
    { label: t('db.months.closed'), colour: SERIES_COLOURS[0] },
    { label: t('db.months.open'), colour: SERIES_COLOURS[1] },
  ];
  const total = data.months.reduce((n, m) => n + m.reported, 0);
  const open = data.months.reduce((n, m) => n + m.open, 0);
  const peak = data.months.reduce((best, m) => (m.reported > best.reported ? m : best), data.months[0]!);
  const monthsSummary = total
    ? t('db.months.summary', { total, open, closed: total - open, peak: monthName(peak.month, lang, 'long'), peakN: peak.reported })
    : t('db.months.summaryNone');

  const openTotal = data.openByAge.reduce((n, b) => n + b.cases, 0);
  const categories = data.categories;
  const catTotal = categories.reduce((n, c) => n + c.cases, 0);
  const topCat = [...categories].sort((a, b) => b.cases - a.cases)[0];
  const catLabel = (c: string) => (t(`db.cat.${c}`) === `db.cat.${c}` ? c : t(`db.cat.${c}`));

  return (
    <>
      <p className="hint">
        {t('db.period', { from: monthName(data.window.from, lang, 'long'), until: monthName(data.window.until, lang, 'long'), at, zone: zoneText(data, t) })}
      </p>
      <p className="hint">{t('db.smallNumbers')}</p>
      <div className="db-grid">
        <ChartCard
          title={t('db.months.title')}
          summary={monthsSummary}
          legend={stack}
          chart={(labelledBy) => (
            <ColumnChart
              labelledBy={labelledBy}
              series={stack}
              axisLabel={t('db.months.axis')}
              columns={data.months.map((m, i) => ({ label: m.month, short: monthName(m.month, lang, 'short'), ...(i === 0 || m.month.endsWith('-01') ? { sub: m.month.slice(0, 4) } : {}), values: [m.closed, m.open] }))}
            />
          )}
          table={<Numbers caption={t('db.months.title')} head={[t('db.col.month'), t('db.col.reported'), t('db.col.open'), t('db.col.closed')]} rows={data.months.map((m) => [monthName(m.month, lang, 'long'), m.reported, m.open, m.closed])} />}
          csvHref={csv('maanden')}
        />

        <ChartCard
          title={t('db.ages.title')}
          summary={openTotal ? t('db.ages.summary', { total: openTotal, old: data.openByAge.find((b) => b.bucket === 'gt_3m')?.cases ?? 0 }) : t('db.ages.summaryNone')}
          chart={(labelledBy) => <BarChart labelledBy={labelledBy} series={[{ label: t('db.col.cases'), colour: SERIES_COLOURS[1] }]} bars={data.openByAge.map((b) => ({ label: t(`db.age.${b.bucket}`), values: [b.cases] }))} />}
          table={<Numbers caption={t('db.ages.title')} head={[t('db.col.age'), t('db.col.cases')]} rows={data.openByAge.map((b) => [t(`db.age.${b.bucket}`), b.cases])} />}
          csvHref={csv('open-per-leeftijd')}
        />

        <ChartCard
          title={t('db.categories.title')}
          summary={topCat && catTotal ? t('db.categories.summary', { top: catLabel(topCat.category), n: topCat.cases, total: catTotal }) : t('db.months.summaryNone')}
          chart={(labelledBy) => <BarChart labelledBy={labelledBy} series={[{ label: t('db.col.cases'), colour: SERIES_COLOURS[0] }]} bars={categories.map((c) => ({ label: catLabel(c.category), values: [c.cases] }))} />}
          table={<Numbers caption={t('db.categories.title')} head={[t('db.col.category'), t('db.col.cases')]} rows={categories.map((c) => [catLabel(c.category), c.cases])} />}
          csvHref={csv('categorieen')}
        />

        <Articles data={data} t={t} csvHref={csv('artikelen')} lang={lang} />

        {board && <PerSchool data={data} t={t} csvHref={csv('scholen')} stack={stack} />}

        <Consent data={data} t={t} lang={lang} csvHref={csv('toestemming')} choice={consentChoice} setChoice={setConsentChoice} />

        <ResponseTimes data={data} t={t} lang={lang} csvHref={csv('reactietijden')} />

        <ChartCard
          title={t('db.acks.title')}
          summary={
            data.acknowledgements.version
              ? t('db.acks.summary', { version: data.acknowledgements.version.version, acknowledged: data.acknowledgements.acknowledged, employees: data.acknowledgements.employees, share: share(data.acknowledgements.rate, lang) })
              : t('db.acks.noVersion')
          }
          chart={(labelledBy) => (
            <BarChart
              labelledBy={labelledBy}
              max={1}
              format={(n) => share(n, lang)}
              series={[{ label: t('db.col.share'), colour: SERIES_COLOURS[2] }]}
              bars={data.acknowledgements.schools.map((s) => ({ label: `${s.school} (${s.acknowledged}/${s.employees})`, values: [s.rate ?? 0] }))}
            />
          )}
          table={
            <Numbers
              caption={t('db.acks.title')}
              head={[t('db.col.school'), t('db.col.employees'), t('db.col.acknowledged'), t('db.col.share')]}
              rows={data.acknowledgements.schools.map((s) => [s.school, s.employees, s.acknowledged, share(s.rate, lang)])}
            />
          }
          csvHref={csv('bevestigingen')}
        />
      </div>
    </>
  );
}

type Protocol = { articles: { id: string; title: { nl: string; en: string } }[] };
const protocols = new Map<string, Promise<Protocol>>();

function Articles({ data, t, lang, csvHref }: { data: DashboardData; t: T; lang: Lang; csvHref: string }) {
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    const id = data.board.protocolId;
    if (!protocols.has(id)) protocols.set(id, api<Protocol>('GET', `/api/v1/protocols/${id}`));
    protocols
      .get(id)!
      .then((p) => live && setTitles(new Map(p.articles.map((a) => [a.id, a.title[lang]]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [data.board.protocolId, lang]);
  const label = (a: string) => (titles.get(a) ? `${a} ${titles.get(a)}` : a);
  const top = data.articles[0];
  return (
    <ChartCard
      title={t('db.articles.title')}
      summary={top ? t('db.articles.summary', { top: label(top.article), n: top.cases }) : t('db.months.summaryNone')}
      chart={(labelledBy) => (data.articles.length ? <BarChart labelledBy={labelledBy} series={[{ label: t('db.col.cases'), colour: SERIES_COLOURS[0] }]} bars={data.articles.map((a) => ({ label: label(a.article), values: [a.cases] }))} /> : null)}
      table={<Numbers caption={t('db.articles.title')} head={[t('db.col.article'), t('db.col.cases')]} rows={data.articles.map((a) => [label(a.article), a.cases])} />}
      csvHref={csvHref}
    />
  );
}

function PerSchool({ data, t, csvHref, stack }: { data: DashboardData; t: T; csvHref: string; stack: Series[] }) {
  const total = data.perSchool.reduce((n, s) => n + s.reported, 0);
  const top = [...data.perSchool].sort((a, b) => b.reported - a.reported)[0];
  return (
    <ChartCard
      title={t('db.schools.title')}
      summary={top && total ? t('db.schools.summary', { total, schools: data.perSchool.length, top: top.school, n: top.reported }) : t('db.months.summaryNone')}
      legend={stack}
      chart={(labelledBy) => <BarChart labelledBy={labelledBy} series={stack} bars={data.perSchool.map((s) => ({ label: s.school, values: [s.closed, s.open] }))} />}
      table={<Numbers caption={t('db.schools.title')} head={[t('db.col.school'), t('db.col.reported'), t('db.col.open'), t('db.col.closed')]} rows={data.perSchool.map((s) => [s.school, s.reported, s.open, s.closed])} />}
      csvHref={csvHref}
    />
  );
}

function Consent({ data, t, lang, csvHref, choice, setChoice }: { data: DashboardData; t: T; lang: Lang; csvHref: string; choice: ConsentChoice; setChoice: (c: ConsentChoice) => void }) {
  const ids = useId();
  const channels = [...new Set(data.consent.rows.map((r) => r.channel))];
  const { media } = choice;
  // A channel of another view (a school's own channel) that this view lacks: back to the first.
  const channel = channels.includes(choice.channel) ? choice.channel : (channels[0] ?? 'school_social_media');
  useEffect(() => {
    if (channel !== choice.channel) setChoice({ ...choice, channel });
  }, [channel, choice, setChoice]);
  const setChannel = (c: string) => setChoice({ ...choice, channel: c });
  const setMedia = (m: ConsentChoice['media']) => setChoice({ ...choice, media: m });
  const board = data.view === 'board';
  const channelName = (c: string) => (t(`db.channel.${c}`) === `db.channel.${c}` ? c : t(`db.channel.${c}`));
  const rows = data.consent.rows.filter((r) => r.channel === channel && r.media === media);
  const label = (r: (typeof rows)[number]) => (board ? `${r.school} – ${t('db.group', { code: r.group })}` : t('db.group', { code: r.group }));
  const students = rows.reduce((n, r) => n + r.students, 0);
  const granted = rows.reduce((n, r) => n + r.granted, 0);
  const low = [...rows].filter((r) => r.share !== null).sort((a, b) => a.share! - b.share!)[0];
  // Each school's own date (one date for schools in one zone).
  const dayFormat = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  const date = [...new Set(data.consent.schools.map((s) => s.date))].map((d) => dayFormat.format(new Date(`${d}T12:00:00Z`))).join(' / ');
  const year = [...new Set(data.consent.schools.map((s) => s.schoolYear))].join(' / ');
  const bars: Bar[] = rows.map((r) => ({ label: `${label(r)} (${r.granted}/${r.students})`, values: [r.share ?? 0] }));
  return (
    <ChartCard
      title={t('db.consent.title')}
      controls={
        <div className="db-controls">
          <div className="field">
            <label htmlFor={`${ids}-channel`}>{t('db.consent.channel')}</label>
            <select id={`${ids}-channel`} value={channel} onChange={(e) => setChannel(e.target.value)}>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {channelName(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-media`}>{t('db.consent.media')}</label>
            <select id={`${ids}-media`} value={media} onChange={(e) => setMedia(e.target.value as typeof media)}>
              {(['photo', 'video', 'audio'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`db.media.${m}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      }
      summary={
        rows.length
          ? t('db.consent.summary', { media: t(`db.media.${media}`), channel: channelName(channel), date, year, granted, students, share: share(students ? granted / students : null, lang), low: low ? `${label(low)} (${share(low.share, lang)})` : t('db.dash') })
          : t('db.none')
      }
      chart={(labelledBy) => (rows.length ? <BarChart labelledBy={labelledBy} max={1} format={(n) => share(n, lang)} series={[{ label: t('db.col.share'), colour: SERIES_COLOURS[2] }]} bars={bars} /> : null)}
      table={
        <Numbers
          caption={`${t('db.consent.title')}: ${t(`db.media.${media}`)}, ${channelName(channel)}`}
          head={[t('db.col.group'), t('db.col.students'), t('db.col.granted'), t('db.col.share')]}
          rows={rows.map((r) => [label(r), r.students, r.granted, share(r.share, lang)])}
        />
      }
      csvHref={csvHref}
    />
  );
}

function ResponseTimes({ data, t, lang, csvHref }: { data: DashboardData; t: T; lang: Lang; csvHref: string }) {
  const schools = data.responseTimes.schools;
  // Over several schools the summary speaks of the school with the most answers (medians do not add up).
  const main = [...schools].sort((a, b) => b.escalations.acknowledged.count - a.escalations.acknowledged.count)[0];
  const d = (s: number | null) => duration(s, t, lang);
  const hours = (x: Times) => (x.medianSeconds ?? 0) / 3600;
  return (
    <ChartCard
      title={t('db.times.title')}
      summary={
        main
          ? `${schools.length > 1 ? `${main.school}: ` : ''}${t('db.times.summary', {
              days: data.responseTimes.days,
              n: main.escalations.acknowledged.count,
              median: d(main.escalations.acknowledged.medianSeconds),
              p90: d(main.escalations.acknowledged.p90Seconds),
              open: main.escalations.openNow,
              reviews: main.reviews.decided.count ? t('db.times.reviews', { decided: main.reviews.decided.count, decMedian: d(main.reviews.decided.medianSeconds) }) : t('db.times.noReviews'),
            })} ${t('db.times.bar')}`
          : t('db.none')
      }
      chart={(labelledBy) => (
        <BarChart
          labelledBy={labelledBy}
          series={[{ label: t('db.times.bar'), colour: SERIES_COLOURS[3] }]}
          format={(n) => (n > 0 ? duration(n * 3600, t, lang) : t('db.dash'))}
          bars={schools.map((s) => ({ label: s.school, values: [hours(s.escalations.acknowledged)] }))}
        />
      )}
      table={
        <Numbers
          caption={t('db.times.title')}
          head={[t('db.col.school'), t('db.col.escalations'), t('db.col.waiting'), t('db.col.firstMedian'), t('db.col.firstP90'), t('db.col.resolvedMedian'), t('db.col.decided'), t('db.col.decidedMedian')]}
          rows={schools.map((s) => [
            s.school,
            s.escalations.total,
            s.escalations.openNow,
            d(s.escalations.acknowledged.medianSeconds),
            d(s.escalations.acknowledged.p90Seconds),
            d(s.escalations.resolved.medianSeconds),
            s.reviews.decided.count,
            d(s.reviews.decided.medianSeconds),
          ])}
        />
      }
      csvHref={csvHref}
    />
  );
}
