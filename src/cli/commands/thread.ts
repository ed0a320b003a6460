// `postwijzer thread [FILE|-]`: the derailing signal (B.2) of an online conversation.
import { parseArgs } from 'node:util';
import type { AbuseCategory } from '../../engine/text/abuse.ts';
import type { Message, Thread, ThreadLevel, ThreadSignal, ThreadTarget } from '../../engine/index.ts';
import { ThreadValidationError, analyseThread, parseThread } from '../../engine/index.ts';
import { UsageError } from '../errors.ts';
import { parseJsonDocument, readInputFile, readStdin } from '../input.ts';

type Lang = 'nl' | 'en';

export const summary = 'say whether an online conversation (a thread) is derailing (B.2)';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'json' },
      lang: { type: 'string', default: 'nl' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.format !== 'json' && values.format !== 'text') throw new UsageError(`--format must be json or text, not "${values.format}".`);
  if (values.lang !== 'nl' && values.lang !== 'en') throw new UsageError(`--lang must be nl or en, not "${values.lang}".`);
  if (positionals.length > 1) throw new UsageError(`give one thread file, not ${positionals.length}.`);
  const file = positionals[0];
  const fromStdin = file === undefined || file === '-';
  const where = fromStdin ? 'standard input' : file;
  const input = parseJsonDocument(fromStdin ? readStdin('give a thread file, or pipe the thread into standard input.', 'thread') : readInputFile(file), where, 'a thread is a JSON object with a "messages" list');
  let thread: Thread;
  try {
    thread = parseThread(input);
  } catch (e) {
    if (e instanceof ThreadValidationError) throw new UsageError(e.message);
    throw e;
  }
  const signal = analyseThread(thread);
  process.stdout.write(values.format === 'text' ? formatThread(thread, signal, values.lang) : `${JSON.stringify(signal)}\n`);
  return 0;
}


// ---- readable text ------------------------------------------------------------------------------

const LEVEL: Record<ThreadLevel, Message> = {
  calm: { nl: 'rustig', en: 'calm' },
  watch: { nl: 'opletten', en: 'watch' },
  derailing: { nl: 'ontspoort', en: 'derailing' },
};

const CATEGORY: Record<AbuseCategory, Message> = {
  insult: { nl: 'belediging', en: 'insult' },
  slur: { nl: 'scheldwoord voor een groep', en: 'slur' },
  curse: { nl: 'grove vloek', en: 'gross curse' },
  dehumanising: { nl: 'ontmenselijkend', en: 'dehumanising' },
  death_wish: { nl: 'doodswens', en: 'death wish' },
  threat: { nl: 'bedreiging', en: 'threat' },
  sexual: { nl: 'seksuele intimidatie', en: 'sexual harassment' },
  sextortion: { nl: 'afpersing met beelden', en: 'sextortion' },
  humiliation: { nl: 'vernedering', en: 'humiliation' },
  exclusion: { nl: 'buitensluiten', en: 'exclusion' },
  defamation: { nl: 'beschuldiging van een misdrijf', en: 'accusation of a crime' },
  doxxing: { nl: 'adres verspreiden', en: 'doxxing' },
  stalking: { nl: 'achtervolgen', en: 'stalking' },
};

const KIND: Record<ThreadTarget['kind'], Message> = {
  employee: { nl: 'medewerker', en: 'staff' },
  student: { nl: 'kind', en: 'child' },
  participant: { nl: 'deelnemer', en: 'participant' },
  person: { nl: 'persoon', en: 'person' },
};

export function formatThread(thread: Thread, s: ThreadSignal, lang: Lang): string {
  const nl = lang === 'nl';
  const num = (list: number[]) => list.map((i) => i + 1).join(', ');
  const lines: string[] = [];
  lines.push(`${nl ? 'Gesprek' : 'Conversation'}: ${LEVEL[s.level][lang]} (${s.level}) · score ${s.score}/100`);
  lines.push(nl
    ? `${s.stats.messages} berichten: ${s.stats.hostile} vijandig of grof, waarvan ${s.stats.abusive} kwetsend (A.7)`
    : `${s.stats.messages} messages: ${s.stats.hostile} hostile or abusive, ${s.stats.abusive} of them abusive (A.7)`);
  if (s.reasons.length) {
    lines.push('', nl ? 'Waarom' : 'Why');
    for (const r of s.reasons) {
      lines.push(`  [${LEVEL[r.level][lang]}] ${r.message[lang]}`);
      lines.push(`      ${r.messages.length === 1 ? (nl ? 'bericht' : 'message') : nl ? 'berichten' : 'messages'} ${num(r.messages)}`);
    }
  }
  if (s.drivers.length) {
    lines.push('', nl ? 'Berichten die het drijven (genummerd vanaf 1, zoals in het bestand)' : 'Messages that drive it (numbered from 1, as in the file)');
    for (const i of s.drivers) {
      const m = thread.messages[i]!;
      const p = s.perMessage[i]!;
      const what = [
        ...p.categories.map((c) => CATEGORY[c][lang]),
        ...(p.cues.length ? [`${nl ? 'vijandig' : 'hostile'}: ${p.cues.join(', ')}`] : []),
      ].join('; ');
      const at = p.target ? `; ${nl ? 'gericht op' : 'aimed at'} ${p.target.name} (${KIND[p.target.kind][lang]})` : '';
      lines.push(`  #${i + 1} ${m.author}, ${m.at}: "${excerpt(m.text)}"`);
      lines.push(`      ${what}${at}`);
    }
  }
  const articles = s.action.articles.length ? ` (${s.action.articles.join(', ')})` : '';
  lines.push('', `${nl ? 'Advies' : 'Advice'}${articles}: ${s.action.message[lang]}`);
  return `${lines.join('\n')}\n`;
}

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 90 ? `${one.slice(0, 89)}…` : one;
}
