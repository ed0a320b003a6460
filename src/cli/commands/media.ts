// postwijzer media inspect FILE [--format json|text] [--no-tiles]
// postwijzer media redact FILE -o OUT [--blur-faces all|none|0,2]
// Photos, video and sound through the media pipeline (docs/media.md). The pipeline (sharp,
// TensorFlow.js, ffmpeg) loads only here, so `postwijzer check` starts as quickly as before.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { MediaInfo } from '../../media/types.ts';
import { UsageError } from '../errors.ts';

export const summary = 'inspect a photo, video or sound file (faces, metadata) or write a stripped, blurred copy';

const USAGE = 'use "postwijzer media inspect FILE [--format json|text]" or "postwijzer media redact FILE -o OUT [--blur-faces all|none|0,2]"';

function readUpload(path: string | undefined): Buffer {
  if (path === undefined) throw new UsageError(`give the file (${USAGE}).`);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`"${path}" is not a file.`);
    size = stat.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read "${path}": there is no such file.`);
  }
  // The largest cap of any kind (the pipeline checks the cap of the file's own kind).
  if (size > 300 * 1024 * 1024) throw new UsageError(`"${path}" is too large (${Math.round(size / 1048576)} MB); at most 300 MB is accepted.`);
  return readFileSync(path);
}

function parseBlur(value: string | undefined): 'all' | 'none' | number[] | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'all' || v === 'none') return v;
  if (!/^\d+(\s*,\s*\d+)*$/.test(v)) throw new UsageError(`--blur-faces takes all, none or face numbers such as 0,2 (from "media inspect"), not "${value}".`);
  return v.split(',').map((n) => Number(n.trim()));
}

const KIND_NL = { image: 'Foto', video: 'Video', audio: 'Geluid' } as const;
const FIELD_NL: Record<string, string> = {
  gps: 'GPS-locatie',
  camera: 'camera of telefoon',
  dateTaken: 'opnamedatum',
  serialNumber: 'serienummer',
  owner: 'naam van de eigenaar',
  artist: 'maker',
  copyright: 'auteursrecht',
  comment: 'opmerking',
  title: 'titel',
  software: 'software',
  thumbnail: 'miniatuur van de foto',
  makerNote: 'fabrikantgegevens',
  uniqueId: 'uniek foto-id',
  exif: 'EXIF',
  xmp: 'XMP',
  iptc: 'IPTC',
  icc: 'kleurprofiel (ICC)',
  comments: 'tekstvelden',
};

const nl = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

/** The readable Dutch report of `media inspect --format text`. */
export function formatInspectText(info: MediaInfo): string {
  const lines: string[] = [];
  const size = info.width && info.height ? `, ${info.width} × ${info.height} pixels` : '';
  const duration = info.durationMs !== undefined ? `, ${nl(info.durationMs / 1000)} seconden` : '';
  lines.push(`${KIND_NL[info.kind]} (${info.format.toUpperCase()})${size}${duration}`);
  if (info.kind === 'audio') lines.push('Gezichten: geen (geluid). Tag iedereen die te horen is.');
  else if (info.kind === 'video') {
    const frames = info.frames ?? [];
    lines.push(`Gezichten: ${Math.max(0, ...frames.map((f) => f.faces))} in één beeld tegelijk, ${info.faces.length} in ${frames.length} bekeken beelden`);
    for (const f of frames) lines.push(`  op ${nl(f.timeMs / 1000)} s: ${f.faces} ${f.faces === 1 ? 'gezicht' : 'gezichten'}`);
  } else {
    lines.push(`Gezichten: ${info.faces.length}`);
    info.faces.forEach((f, i) => lines.push(`  ${i}: x ${f.box[0]}, y ${f.box[1]}, ${f.box[2]} × ${f.box[3]} pixels (zekerheid ${nl(f.score)})`));
  }
  const names = info.metadata.fields.filter((f) => !f.startsWith('tag:'));
  const fields = [...names.filter((f) => f === 'gps'), ...names.filter((f) => f !== 'gps')].map((f) => FIELD_NL[f] ?? f);
  const tags = info.metadata.fields.filter((f) => f.startsWith('tag:')).map((f) => f.slice(4));
  if (tags.length) fields.push(`labels (${tags.join(', ')})`);
  lines.push(fields.length ? `Metadata: ${fields.join(', ')}. "postwijzer media redact" haalt alles weg.` : 'Metadata: geen.');
  if (info.metadata.gps) lines.push('Let op: het bestand bevat een locatie.');
  for (const n of info.notes) if (!n.startsWith('Sound has no faces')) lines.push(`Opmerking: ${n}`);
  return `${lines.join('\n')}\n`;
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'inspect' && sub !== 'redact') throw new UsageError(sub === undefined ? `say what to do (${USAGE}).` : `unknown media command "${sub}"; ${USAGE}.`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { format: { type: 'string' }, 'blur-faces': { type: 'string' }, output: { type: 'string', short: 'o' }, 'no-tiles': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [path, ...extra] = positionals;
  if (extra.length) throw new UsageError(`one file at a time, not ${extra.length + 1} (${USAGE}).`);
  const format = values.format ?? (sub === 'inspect' ? 'text' : undefined);
  if (sub === 'inspect' && format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, not "${values.format}".`);
  if (sub === 'redact') {
    if (values.format !== undefined) throw new UsageError('--format belongs to "media inspect"; "media redact" writes a file of the same type (-o OUT).');
    if (values.output === undefined) throw new UsageError(`say where to write the copy with -o OUT (${USAGE}).`);
  } else if (values.output !== undefined || values['blur-faces'] !== undefined) throw new UsageError(`-o and --blur-faces belong to "media redact" (${USAGE}).`);
  const blur = parseBlur(values['blur-faces']);
  const bytes = readUpload(path);

  const { MediaError } = await import('../../media/errors.ts');
  const media = await import('../../media/service.ts');
  const { closeFaceDetector } = await import('../../media/detector.ts');
  const detect = values['no-tiles'] ? { tiles: false } : undefined;
  try {
    if (sub === 'inspect') {
      const info = await media.inspectMedia(bytes, { filename: path!, ...(detect ? { detect } : {}) });
      if (format === 'json') {
        const { size: _size, ...shown } = info;
        // Pretty, with each box on one line.
        const json = JSON.stringify(shown, null, 2).replace(/\[\s+(-?[\d.]+),\s+(-?[\d.]+),\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]/g, '[$1, $2, $3, $4]');
        process.stdout.write(`${json}\n`);
      } else process.stdout.write(formatInspectText(info));
      return 0;
    }
    const out = values.output!;
    if (resolve(out) === resolve(path!)) throw new UsageError('the copy (-o) must not overwrite the original file.');
    const result = await media.redactMedia(bytes, { filename: path!, ...(blur !== undefined ? { blur } : {}), ...(detect ? { detect } : {}) });
    try {
      writeFileSync(out, result.bytes);
    } catch (e) {
      throw new UsageError(`cannot write "${out}": ${(e as Error).message}.`);
    }
    const what = result.kind === 'image'
      ? `${result.blurred.length} of ${result.faces.length} ${result.faces.length === 1 ? 'face' : 'faces'} blurred${result.blurred.length ? ` (${result.blurred.join(', ')})` : ''}`
      : 'streams copied, faces not blurred';
    process.stdout.write(`Written ${out}: ${result.format.toUpperCase()} without metadata; ${what}.\n`);
    for (const n of result.notes) process.stdout.write(`Note: ${n}\n`);
    return 0;
  } catch (e) {
    if (e instanceof MediaError) {
      if (e.code === 'unavailable') throw e;
      throw new UsageError(e.message);
    }
    throw e;
  } finally {
    await closeFaceDetector();
  }
}
