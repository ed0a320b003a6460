// Choosing people from the roster by search: a search field, the first matches as checkboxes (or
// buttons, for a single choice), and the chosen ones with a button to remove each. Plain form
// controls, so the keyboard and screen readers work as usual.
import { useId, useMemo, useState } from 'react';
import { useT } from '../../i18n.tsx';
import { nameWords } from '../../../../src/connections/normalize.ts';

export interface PickPerson {
  id: string;
  kind: string;
  name: string;
  group: string | null;
  function?: string | null;
}

const SHOWN = 8;

export function describePerson(t: ReturnType<typeof useT>, p: PickPerson): string {
  if (p.group) return `${p.name} (${t('picker.group', { group: p.group })})`;
  return `${p.name} (${p.function ?? t('picker.employee')})`;
}

/** Everyone whose name (any word, start of a word) or group matches every word typed. */
export function searchPeople(people: PickPerson[], query: string): PickPerson[] {
  const words = nameWords(query);
  if (!words.length) return [];
  return people.filter((p) => {
    const hay = [...nameWords(p.name), ...(p.group ? [p.group.toLowerCase()] : [])];
    return words.every((w) => hay.some((h) => h.startsWith(w)));
  });
}

export function PeoplePicker({
  label,
  people,
  chosen,
  onChange,
  single = false,
}: {
  label: string;
  people: PickPerson[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  single?: boolean;
}) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchPeople(people, query), [people, query]);
  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const toggle = (pid: string, on: boolean) => onChange(on ? [...chosen.filter((c) => c !== pid), pid] : chosen.filter((c) => c !== pid));
  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('picker.search')}</label>
        <input id={`${id}-q`} type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={`${id}-status`} />
      </div>
      <p id={`${id}-status`} className="hint" role="status">
        {query.trim() ? (found.length === 0 ? t('picker.none') : found.length > SHOWN ? t('picker.more', { count: found.length }) : t('picker.results', { count: found.length })) : ''}
      </p>
      {found.length > 0 && (
        <ul className="picker-results">
          {found.slice(0, SHOWN).map((p) =>
            single ? (
              <li key={p.id}>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    onChange([p.id]);
                    setQuery('');
                  }}
                >
                  <span className="sr-only">{t('picker.choose')} </span>
                  {describePerson(t, p)}
                </button>
              </li>
            ) : (
              <li key={p.id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} /> {describePerson(t, p)}
                </label>
              </li>
            ),
          )}
        </ul>
      )}
      {!single && (
        <div className="picker-chosen">
          <p className="picker-chosen-title">{t('picker.chosen', { count: chosen.length })}</p>
          {chosen.length === 0 ? (
            <p className="hint">{t('picker.nobodyChosen')}</p>
          ) : (
            <ul>
              {chosen.map((c) => {
                const p = byId.get(c);
                const name = p ? describePerson(t, p) : c;
                return (
                  <li key={c}>
                    <span>{name}</span>
                    <button type="button" className="link" onClick={() => toggle(c, false)}>
                      <span aria-hidden="true">×</span>
                      <span className="sr-only">{t('picker.remove', { name: p?.name ?? c })}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
