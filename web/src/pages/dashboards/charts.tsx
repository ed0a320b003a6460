// Hand-written SVG charts (no chart library): horizontal bars (one or more series, stacked) and
// columns per month (stacked). They draw at the width of their box (measured), so that the text
// in them keeps its size on a phone. The SVG is one image for assistive technology, named by the
// chart's heading and text summary; the numbers themselves are in the table beside it
// (ChartCard). Colours: see SERIES_COLOURS (each at least 4.5:1 against white, and told apart
// by the legend's words as well as by colour); grid and base lines at least 3:1 (GRID). Text is
// never cut off unseen: a bar's label that does not fit its row ends in "…" and carries the whole
// text in a <title> (a tooltip; the table holds it too); month labels that do not fit side by
// side are turned to a slant; the room for a bar's total is measured.
import type { ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n.tsx';

/** Dark blue, dark orange, dark green, purple: every one readable as text on white (WCAG AA). */
export const SERIES_COLOURS = ['#0b57d0', '#a14800', '#146c2e', '#6a3aa8'] as const;
const INK = '#1b1b1f';
/** Grid and base lines: 3.6:1 against white (WCAG 1.4.11 asks 3:1 for parts of a graphic). */
export const GRID = '#858590';
const FONT = 14;
/** The smallest text in a chart (month names, axis numbers). */
const SMALL = 12;

let canvas: HTMLCanvasElement | null = null;

/** The width in pixels of a text in the page's font (a guess where there is no canvas). */
function textWidth(text: string, size: number, family: string, weight = 400): number {
  canvas ??= typeof document === 'undefined' ? null : document.createElement('canvas');
  const ctx = canvas?.getContext('2d');
  if (!ctx) return text.length * size * 0.6;
  ctx.font = `${weight} ${size}px ${family}`;
  return ctx.measureText(text).width;
}

/** A text that fits a width: whole, or cut with "…" (cut: true; show the whole text elsewhere). */
export function fitText(text: string, max: number, measure: (s: string) => number): { text: string; cut: boolean } {
  if (measure(text) <= max) return { text, cut: false };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${text.slice(0, mid).trimEnd()}…`) <= max) lo = mid;
    else hi = mid - 1;
  }
  return { text: `${text.slice(0, lo).trimEnd()}…`, cut: true };
}

export interface Series {
  label: string;
  colour: string;
}

export interface Bar {
  label: string;
  /** One value per series. */
  values: number[];
}

/** The width of an element, following it as it changes (first guess before it is measured), and its font. */
function useWidth(guess = 640): [React.RefObject<HTMLDivElement | null>, number, string] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(guess);
  const [family, setFamily] = useState('system-ui, sans-serif');
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setFamily(getComputedStyle(el).fontFamily || 'system-ui, sans-serif');
    const measure = () => setWidth(Math.max(240, Math.floor(el.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width, family];
}

/** A round upper end for an axis: 1, 2, 5, 10, 20, 50 … at least `n`. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** Ticks from 0 to max in at most five whole steps. */
function ticks(max: number): number[] {
  const step = max <= 5 ? 1 : max / 5;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

export function Legend({ series }: { series: Series[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="db-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.label}>
          <svg width="14" height="14" focusable="false">
            <rect width="14" height="14" rx="2" fill={s.colour} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * Horizontal bars: each row its label above the bar, the bar (stacked series) and the total
 * after it. `max` fixes the scale (1 for shares); `format` writes a total.
 */
export function BarChart({ bars, series, labelledBy, max, format = String }: { bars: Bar[]; series: Series[]; labelledBy: string; max?: number; format?: (n: number) => string }) {
  const [ref, width, family] = useWidth();
  const top = 4;
  const rowH = 46;
  const barH = 18;
  const totals = bars.map((b) => b.values.reduce((a, v) => a + v, 0));
  // Room after the longest bar for its total, as wide as the widest total.
  const valueRoom = Math.ceil(Math.max(24, ...totals.map((n) => textWidth(format(n), FONT, family, 600)))) + 10;
  // Without an axis the longest bar may fill the width.
  const scaleMax = max ?? Math.max(1, ...totals);
  const barArea = Math.max(40, width - valueRoom - 2);
  const measure = (text: string) => textWidth(text, FONT, family);
  const height = top + bars.length * rowH + 4;
  return (
    <div ref={ref} className="db-chart">
      <svg role="img" aria-labelledby={labelledBy} width={width} height={height} viewBox={`0 0 ${width} ${height}`} focusable="false">
        {bars.map((b, i) => {
          const y = top + i * rowH;
          const total = totals[i]!;
          const label = fitText(b.label, width - 2, measure);
          let x = 0;
          return (
            <g key={`${b.label}-${i}`}>
              <text x={0} y={y + FONT} fontSize={FONT} fill={INK} className={label.cut ? 'db-cut' : undefined}>
                {label.cut && <title>{b.label}</title>}
                {label.text}
              </text>
              <line x1={0.5} x2={0.5} y1={y + 20} y2={y + 20 + barH} stroke={GRID} />
              {b.values.map((v, s) => {
                const w = scaleMax > 0 ? (v / scaleMax) * barArea : 0;
                const rect = w > 0 ? <rect key={s} x={x} y={y + 20} width={w} height={barH} fill={series[s]?.colour ?? SERIES_COLOURS[0]} stroke="#fff" strokeWidth={w > 2 ? 1 : 0} /> : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 20 + barH - 4} fontSize={FONT} fill={INK} fontWeight={600} className="db-total">
                {format(total)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Stacked columns, one per label (the months), with a value axis and the total above each column. */
export function ColumnChart({ columns, series, labelledBy, axisLabel }: { columns: (Bar & { short: string; sub?: string })[]; series: Series[]; labelledBy: string; axisLabel: string }) {
  const [ref, width, family] = useWidth();
  const left = 34;
  const top = 22;
  const plotH = 180;
  const totals = columns.map((c) => c.values.reduce((a, v) => a + v, 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = (width - left - 4) / Math.max(1, columns.length);
  const colW = Math.max(6, Math.min(40, slot * 0.64));
  // Month names side by side when each fits its slot; else slanted (45°), the year in the label.
  const slanted = columns.some((c) => textWidth(c.short, SMALL, family) > slot - 4);
  const labelOf = (c: (typeof columns)[number]) => (slanted && c.sub ? `${c.short} ${c.sub}` : c.short);
  const longest = Math.max(0, ...columns.map((c) => textWidth(labelOf(c), SMALL, family)));
  const bottom = slanted ? Math.ceil(longest * Math.SQRT1_2 + SMALL + 12) : 40;
  const height = top + plotH + bottom;
  const yOf = (v: number) => top + plotH - (v / max) * plotH;
  return (
    <div ref={ref} className="db-chart">
      <svg role="img" aria-labelledby={labelledBy} width={width} height={height} viewBox={`0 0 ${width} ${height}`} focusable="false">
        <text x={0} y={12} fontSize={SMALL} fill={INK}>
          {axisLabel}
        </text>
        {ticks(max).map((v) => (
          <g key={v}>
            <line x1={left} x2={width - 2} y1={yOf(v)} y2={yOf(v)} stroke={GRID} strokeDasharray={v === 0 ? undefined : '3 3'} />
            <text x={left - 6} y={yOf(v) + 4} fontSize={SMALL} fill={INK} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {columns.map((c, i) => {
          const cx = left + slot * i + slot / 2;
          let acc = 0;
          return (
            <g key={c.label} className="db-column" data-label={c.label}>
              {c.values.map((v, s) => {
                if (v <= 0) return null;
                const y1 = yOf(acc + v);
                const h = yOf(acc) - y1;
                acc += v;
                return <rect key={s} x={cx - colW / 2} y={y1} width={colW} height={h} fill={series[s]?.colour ?? SERIES_COLOURS[0]} stroke="#fff" strokeWidth={1} />;
              })}
              {totals[i]! > 0 && (
                <text x={cx} y={yOf(totals[i]!) - 4} fontSize={SMALL} fill={INK} textAnchor="middle" fontWeight={600} className="db-total">
                  {totals[i]}
                </text>
              )}
              {slanted ? (
                <text x={cx + 4} y={top + plotH + 14} fontSize={SMALL} fill={INK} textAnchor="end" transform={`rotate(-45 ${cx + 4} ${top + plotH + 14})`}>
                  {labelOf(c)}
                </text>
              ) : (
                <>
                  <text x={cx} y={top + plotH + 16} fontSize={SMALL} fill={INK} textAnchor="middle">
                    {c.short}
                  </text>
                  {c.sub && (
                    <text x={cx} y={top + plotH + 32} fontSize={SMALL} fill={INK} textAnchor="middle">
                      {c.sub}
                    </text>
                  )}
                </>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/**
 * One chart with everything around it: heading, text summary (both name the image), the chart,
 * a button that shows the numbers as a table, and the CSV download.
 */
export function ChartCard({ title, summary, chart, table, csvHref, legend, controls }: { title: string; summary: ReactNode; chart: (labelledBy: string) => ReactNode; table: ReactNode; csvHref: string; legend?: Series[]; controls?: ReactNode }) {
  const t = useT();
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <section className="db-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {controls}
      <p id={`${id}-s`} className="db-summary">
        {summary}
      </p>
      {legend && <Legend series={legend} />}
      {chart(`${id}-h ${id}-s`)}
      <div className="db-actions">
        <button type="button" className="secondary" aria-expanded={showTable} aria-controls={`${id}-t`} onClick={() => setShowTable(!showTable)}>
          {showTable ? t('db.table.hide') : t('db.table.show')}
        </button>
        <a className="button secondary" href={csvHref} download>
          {t('db.csv')}
        </a>
      </div>
      <div id={`${id}-t`} hidden={!showTable}>
        {table}
      </div>
    </section>
  );
}
