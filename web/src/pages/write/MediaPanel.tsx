// Photos and video for the post: upload (the server keeps a copy without metadata and finds the
// faces), the faces drawn over the photo as numbered boxes (scaled with the picture), and who
// each face is. A blurred copy replaces the photo in the post and is shown as it will be posted.
import { useId, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { PersonSearch, PersonSelect } from './PersonPicker.tsx';
import type { MediaItem, PersonOption } from './types.ts';

export const fileUrl = (schoolId: string, id: string) => `/api/v1/schools/${schoolId}/media/${id}/file`;

function FaceBoxes({ item }: { item: MediaItem }) {
  if (!item.width || !item.height) return null;
  const w = item.width;
  const h = item.height;
  return (
    <>
      {item.faces.map((f) => (
        <span
          key={f.index}
          className={`face ${f.personId ? 'tagged' : 'unknown'}`}
          aria-hidden="true"
          style={{ left: `${(f.box[0] / w) * 100}%`, top: `${(f.box[1] / h) * 100}%`, width: `${(f.box[2] / w) * 100}%`, height: `${(f.box[3] / h) * 100}%` }}
        >
          <span className="face-no">{f.index + 1}</span>
        </span>
      ))}
    </>
  );
}

function MediaCard({ schoolId, item, n, people, search, onChange, onRemove }: { schoolId: string; item: MediaItem; n: number; people: PersonOption[]; search: boolean; onChange: (m: MediaItem) => void; onRemove: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tag = async (index: number, personId: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const faces = item.faces.map((f) => (f.index === index ? personId : f.personId));
      onChange(await api<MediaItem>('PUT', `/api/v1/schools/${schoolId}/media/${item.id}/tags`, { faces }));
    } catch {
      setError(t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  const Picker = search ? PersonSearch : PersonSelect;
  const title = t(item.kind === 'image' ? 'write.media.photo' : item.kind === 'video' ? 'write.media.video' : 'write.media.audio', { n });
  return (
    <li className="media-card">
      <h3>{title}</h3>
      {item.kind === 'image' && (
        <figure className="photo">
          <div className="photo-frame">
            <img src={fileUrl(schoolId, item.id)} alt={t('write.media.alt', { n, faces: item.faces.length })} width={item.width ?? undefined} height={item.height ?? undefined} />
            <FaceBoxes item={item} />
          </div>
          {item.derivedFrom && <figcaption>{t('write.media.blurred', { count: item.blurred.length })}</figcaption>}
        </figure>
      )}
      {item.kind === 'video' && <video src={fileUrl(schoolId, item.id)} controls preload="metadata" className="video" />}
      {!(item.derivedFrom && item.faces.length === 0) && <p>{item.faces.length === 0 ? t('write.media.noFaces') : t('write.media.faces', { count: item.faces.length })}</p>}
      {item.faces.length > 0 && (
        <ol className="faces">
          {item.faces.map((f) => (
            <li key={f.index}>
              <Picker
                label={f.timeMs !== undefined ? t('write.media.faceAt', { n: f.index + 1, s: Math.round(f.timeMs / 1000) }) : t('write.media.face', { n: f.index + 1 })}
                options={people}
                value={f.personId}
                onChange={(id) => void tag(f.index, id)}
                disabled={busy}
              />
            </li>
          ))}
        </ol>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <button type="button" className="secondary" onClick={onRemove}>
        {t('write.media.remove', { title })}
      </button>
    </li>
  );
}

export function MediaPanel({ schoolId, media, people, search, onChange }: { schoolId: string; media: MediaItem[]; people: PersonOption[]; search: boolean; onChange: (media: MediaItem[]) => void }) {
  const t = useT();
  const id = useId();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setUploading(true);
    setError(null);
    const added: MediaItem[] = [];
    try {
      for (const file of Array.from(files)) {
        added.push(await api<MediaItem>('POST', `/api/v1/schools/${schoolId}/media`, undefined, { raw: file, contentType: file.type || 'application/octet-stream' }));
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setUploading(false);
      if (added.length) onChange([...media, ...added]);
    }
  };
  return (
    <fieldset className="media">
      <legend>{t('write.media.legend')}</legend>
      <label htmlFor={id}>{t('write.media.add')}</label>
      <input id={id} className="file" type="file" accept="image/jpeg,image/png,image/webp,video/*,audio/*" multiple aria-describedby={`${id}-hint`} disabled={uploading} onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))} />
      <p className="hint" id={`${id}-hint`}>
        {t('write.media.hint')}
      </p>
      <p role="status" className="form-message">
        {uploading ? t('write.media.uploading') : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {media.length > 0 && (
        <ul className="media-list">
          {media.map((m, i) => (
            <MediaCard key={m.id} schoolId={schoolId} item={m} n={i + 1} people={people} search={search} onChange={(next) => onChange(media.map((x) => (x.id === m.id ? next : x)))} onRemove={() => onChange(media.filter((x) => x.id !== m.id))} />
          ))}
        </ul>
      )}
    </fieldset>
  );
}
