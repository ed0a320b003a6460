// From the chosen files to one list of connections: a ZIP export is opened and its connection
// files read (see isConnectionFileName); any other file is parsed on its own.
import type { Connection, ParsedFile, Texts } from './parsers.ts';
import { ConnectionFileError, isConnectionFileName, parseConnectionFile } from './parsers.ts';
import type { ByteSource } from './zip.ts';
import { isZip, readZip } from './zip.ts';

export interface ReadFile {
  name: string;
  kind: ParsedFile['kind'];
  count: number;
}

export interface ReadResult {
  files: ReadFile[];
  connections: Connection[];
  errors: { name: string; texts: Texts }[];
}

const decode = (b: Uint8Array): string => new TextDecoder('utf-8').decode(b);
const textOf = async (src: ByteSource): Promise<string> => (src instanceof Uint8Array ? decode(src) : src.text());

export async function readConnectionFiles(files: { name: string; data: ByteSource }[]): Promise<ReadResult> {
  const out: ReadResult = { files: [], connections: [], errors: [] };
  const take = (name: string, text: string) => {
    const parsed = parseConnectionFile(name, text);
    out.files.push({ name, kind: parsed.kind, count: parsed.connections.length });
    out.connections.push(...parsed.connections);
  };
  for (const f of files) {
    try {
      if (await isZip(f.data)) {
        const entries = await readZip(f.data);
        const wanted = entries.filter((e) => isConnectionFileName(e.path));
        if (!wanted.length) {
          const html = entries.some((e) => /(followers(_\d+)?|following|your_friends)\.html$/i.test(e.path));
          throw new ConnectionFileError(
            html
              ? { nl: 'Deze export is in HTML. Vraag je gegevens opnieuw aan en kies daarbij de indeling JSON.', en: 'This export is in HTML. Request your data again and choose the JSON format.' }
              : { nl: 'In dit ZIP-bestand staat geen lijst met volgers, vrienden of connecties.', en: 'This ZIP file holds no list of followers, friends or connections.' },
          );
        }
        for (const e of wanted) {
          try {
            take(`${f.name}: ${e.path}`, decode(await e.read()));
          } catch (err) {
            if (!(err instanceof ConnectionFileError)) throw err;
            out.errors.push({ name: `${f.name}: ${e.path}`, texts: err.texts });
          }
        }
      } else take(f.name, await textOf(f.data));
    } catch (err) {
      if (!(err instanceof ConnectionFileError)) throw err;
      out.errors.push({ name: f.name, texts: err.texts });
    }
  }
  return out;
}
