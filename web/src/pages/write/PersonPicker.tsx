// Who is this face? Staff search the roster as they type (an ARIA 1.2 combobox: arrow keys,
// Enter, Escape); parents and students choose from themselves, their own children or "unknown".
import { useId, useMemo, useState } from 'react';
import { useT } from '../../i18n.tsx';
import type { PersonOption } from './types.ts';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function personLabel(p: PersonOption, t: ReturnType<typeof useT>): string {
  return `${p.name} (${p.group ? t('write.person.group', { group: p.group }) : t(`write.person.${p.kind}`)})`;
}

interface Props {
  label: string;
  options: PersonOption[];
  value: string | null;
  onChange: (personId: string | null) => void;
  disabled?: boolean;
}

/** A short list (parents, students): a native select. */
export function PersonSelect({ label, options, value, onChange, disabled }: Props) {
  const t = useT();
  const id = useId();
  return (
    <div className="field compact">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('write.person.unknown')}</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {personLabel(p, t)}
          </option>
        ))}
      </select>
    </div>
  );
}

const MAX_SHOWN = 8;

/** The roster (staff): search as you type. */
export function PersonSearch({ label, options, value, onChange, disabled }: Props) {
  const t = useT();
  const id = useId();
  const chosen = options.find((p) => p.id === value) ?? null;
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const text = query ?? (chosen ? personLabel(chosen, t) : '');

  const matches = useMemo(() => {
    const q = fold(query ?? '').trim();
    if (!q) return [];
    const words = q.split(/\s+/);
    return options.filter((p) => {
      const name = fold(`${p.name} ${p.group ?? ''}`);
      return words.every((w) => name.includes(w));
    }).slice(0, MAX_SHOWN);
  }, [options, query]);
  // The last entry is always "unknown".
  const items: (PersonOption | null)[] = [...matches, null];
  const expanded = open && query !== null && query.trim() !== '';

  const pick = (p: PersonOption | null) => {
    onChange(p?.id ?? null);
    setQuery(null);
    setOpen(false);
  };

  return (
    <div className="field compact combo">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        placeholder={t('write.person.search')}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, items.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && expanded) {
            e.preventDefault();
            pick(items[active] ?? null);
          } else if (e.key === 'Escape') {
            setQuery(null);
            setOpen(false);
          }
        }}
      />
      <p className="hint" id={`${id}-hint`}>
        {chosen ? t('write.person.chosen', { name: chosen.name }) : t('write.person.none')}
      </p>
      <ul id={`${id}-list`} role="listbox" aria-label={label} className="options" hidden={!expanded}>
        {items.map((p, i) => (
          <li
            key={p?.id ?? 'unknown'}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(p);
            }}
          >
            {p ? personLabel(p, t) : t('write.person.unknown')}
          </li>
        ))}
      </ul>
    </div>
  );
}
