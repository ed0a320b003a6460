// `postwijzer thread`, run as a real process: the bundle that `npm ci` builds, through bin/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
}, 60_000);

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const at = (min: number) => new Date(Date.parse('2026-11-26T19:00:00+01:00') + min * 60_000).toISOString();

const derailing = {
  employees: ['Anouk de Vries'],
  messages: [
    { author: 'Anouk de Vries', at: at(0), text: 'Groep 5 heeft vandaag een vulkaan gebouwd!' },
    { author: 'Piet', at: at(5), text: 'Mooi gedaan!' },
    { author: 'Rob', at: at(10), text: 'Schandalig dat juf Anouk de kinderen zo laat knoeien.' },
    { author: 'Tamara', at: at(15), text: 'Juf Anouk moet ontslagen worden.' },
    { author: 'Kevin', at: at(20), text: 'Juf Anouk is een domme trut.' },
  ],
};

const calm = {
  messages: [
    { author: 'Marieke', at: at(0), text: 'Weet iemand hoe laat de bus morgen vertrekt?' },
    { author: 'Ahmed', at: at(5), text: 'Om half negen bij het hek.' },
  ],
};

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pw-thread-')), name);
  writeFileSync(file, content);
  return file;
}

describe('postwijzer thread', { timeout: 60_000 }, () => {
  it('reads a file and prints the signal as JSON', () => {
    const r = run(['thread', tempFile('thread.json', JSON.stringify(derailing))]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ derailing: true, level: 'derailing', drivers: [2, 3, 4] });
    expect(s.reasons.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['thread.pile_on', 'thread.employee_attack', 'thread.hostile_majority']));
    expect(s.action.articles).toEqual(['B.2']);
  });

  it('reads standard input (no file, or -) and exits 0 for a calm thread too', () => {
    for (const args of [['thread'], ['thread', '-']]) {
      const r = run(args, JSON.stringify(calm));
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ derailing: false, level: 'calm', reasons: [] });
    }
  });

  it('prints readable Dutch by default and English with --lang en', () => {
    const nl = run(['thread', '--format', 'text'], JSON.stringify(derailing));
    expect(nl.code).toBe(0);
    expect(nl.out).toMatch(/^Gesprek: ontspoort \(derailing\) · score \d+\/100/);
    expect(nl.out).toMatch(/3 verschillende mensen vallen Anouk de Vries aan/);
    expect(nl.out).toMatch(/#5 Kevin, .*"Juf Anouk is een domme trut\."/);
    expect(nl.out).toMatch(/belediging; gericht op Anouk de Vries \(medewerker\)/);
    expect(nl.out).toMatch(/Advies \(B\.2\): Dit gesprek ontspoort\. .*leidinggevende/);
    const en = run(['thread', '-', '--format', 'text', '--lang', 'en'], JSON.stringify(derailing));
    expect(en.out).toMatch(/^Conversation: derailing \(derailing\)/);
    expect(en.out).toMatch(/Advice \(B\.2\): This conversation is derailing/);
    const quiet = run(['thread', '--format', 'text'], JSON.stringify(calm));
    expect(quiet.out).toMatch(/^Gesprek: rustig \(calm\) · score 0\/100/);
    expect(quiet.out).toMatch(/Advies: Het gesprek is rustig/);
  });

  it('exits 2 with one sentence for invalid input', () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['thread'], '{not json', /^postwijzer: standard input is not valid JSON \(.+\)\.\n$/],
      [['thread'], '', /^postwijzer: standard input is empty: a thread is a JSON object with a "messages" list\.\n$/],
      [['thread'], '[]', /^postwijzer: invalid thread: \$: a thread is a JSON object with a "messages" list\n$/],
      [['thread'], JSON.stringify({ messages: [{ author: 'Rob', at: 'gisteren', text: 'Hoi' }] }), /^postwijzer: invalid thread: \$\.messages\[0\]\.at: expected a date and time/],
      [['thread', '/nonexistent/thread.json'], undefined, /^postwijzer: cannot read "\/nonexistent\/thread\.json": there is no such file\.\n$/],
      [['thread', '--format', 'xml'], JSON.stringify(calm), /^postwijzer: --format must be json or text, not "xml"\.\n$/],
      [['thread', '--lang', 'de'], JSON.stringify(calm), /^postwijzer: --lang must be nl or en, not "de"\.\n$/],
      [['thread', 'a.json', 'b.json'], undefined, /^postwijzer: give one thread file, not 2\.\n$/],
      [['thread', '--nope'], JSON.stringify(calm), /^postwijzer: .*--nope/],
    ];
    for (const [args, input, err] of cases) {
      const r = run(args, input);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(err);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('is listed in the help', () => {
    expect(run(['help']).out).toMatch(/postwijzer thread \[BESTAND\|-\]/);
  });
});
