// The post itself: the text, for work or private, where it goes, and (optionally) when.
import { useId } from 'react';
import { useT } from '../../i18n.tsx';
import type { ChannelChoice, Draft, Situation } from './types.ts';

const CHANNELS: ChannelChoice[] = ['school_social_media', 'school_website', 'newsletter', 'personal'];

export function PostFields({ draft, onChange, maxLength }: { draft: Draft; onChange: (d: Partial<Draft>) => void; maxLength: number }) {
  const t = useT();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('write.text')}</label>
        <p className="hint" id={`${id}-text-hint`}>
          {t('write.textHint')}
        </p>
        <textarea id={`${id}-text`} aria-describedby={`${id}-text-hint`} value={draft.text} maxLength={maxLength} rows={7} onChange={(e) => onChange({ text: e.target.value })} />
      </div>
      <fieldset className="choices">
        <legend>{t('write.situation')}</legend>
        {(['work', 'private'] as Situation[]).map((s) => (
          <label key={s} className="choice">
            <input type="radio" name={`${id}-situation`} value={s} checked={draft.situation === s} onChange={() => onChange({ situation: s })} /> {t(`write.situation.${s}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-channel`}>{t('write.channel')}</label>
        <select id={`${id}-channel`} value={draft.channel} onChange={(e) => onChange({ channel: e.target.value as ChannelChoice })}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`write.channel.${c}`)}
            </option>
          ))}
        </select>
      </div>
      {draft.channel === 'personal' && (
        <div className="field">
          <label htmlFor={`${id}-platform`}>{t('write.platform')}</label>
          <input id={`${id}-platform`} type="text" value={draft.platform} placeholder="Instagram, Facebook, LinkedIn…" onChange={(e) => onChange({ platform: e.target.value })} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-at`}>{t('write.at')}</label>
        <p className="hint" id={`${id}-at-hint`}>
          {t('write.atHint')}
        </p>
        <input id={`${id}-at`} type="datetime-local" aria-describedby={`${id}-at-hint`} value={draft.at} onChange={(e) => onChange({ at: e.target.value })} />
      </div>
    </>
  );
}
