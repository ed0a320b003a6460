// How a pasted conversation is read into the messages checkThread takes (docs/supervision.md):
// times and names at the start of a line, lines without either, and the limits.
import { describe, expect, it } from 'vitest';
import { checkThread } from '../../src/engine/index.ts';
import { MAX_THREAD_LINES, readThreadText, ThreadTextError, UNKNOWN_AUTHOR } from '../../src/modules/supervision/thread-text.ts';

const NOW = Date.parse('2026-11-26T21:00:00Z');

describe('reading a pasted conversation', () => {
  it('takes a time and a name at the start of a line, with or without a date or brackets', () => {
    const m = readThreadText(['[20:01] Petra Jansen: Weet iemand waarom?', '2026-11-25 19:30 Mark de Wit: Geen idee', '20.15 - Ria: Schandalig!'].join('\n'), NOW);
    expect(m).toEqual([
      { author: 'Petra Jansen', at: '2026-11-26T20:01:00', text: 'Weet iemand waarom?' },
      { author: 'Mark de Wit', at: '2026-11-25T19:30:00', text: 'Geen idee' },
      { author: 'Ria', at: '2026-11-26T20:15:00', text: 'Schandalig!' },
    ]);
  });

  it('spaces lines without a time a minute apart, ending now, and names lines without a name "onbekend"', () => {
    const m = readThreadText('Petra: eerste\n\n  tweede zonder naam  \nhttps://example.org/x is de link\nMark: derde', NOW);
    expect(m.map((x) => x.author)).toEqual(['Petra', UNKNOWN_AUTHOR, UNKNOWN_AUTHOR, 'Mark']);
    expect(m[1]!.text).toBe('tweede zonder naam');
    expect(m[2]!.text).toBe('https://example.org/x is de link');
    expect(m.map((x) => x.at)).toEqual(['2026-11-26T20:57:00', '2026-11-26T20:58:00', '2026-11-26T20:59:00', '2026-11-26T21:00:00']);
    // A sentence with a colon after more than five words is text, not a name.
    expect(readThreadText('Ik zeg het je nu maar eerlijk: dit kan niet', NOW)[0]!.author).toBe(UNKNOWN_AUTHOR);
  });

  it('gives messages checkThread accepts and reads as derailing when the tone turns', () => {
    const messages = readThreadText(['Petra: Wat een schande dit!', 'Mark: Belachelijk, een puinhoop', 'Ria: Schandalig, ik pik het niet'].join('\n'), NOW);
    const signal = checkThread({ messages });
    expect(signal.derailing).toBe(true);
    expect(signal.drivers).toEqual([0, 1, 2]);
  });

  it('refuses a conversation with too many lines', () => {
    expect(() => readThreadText('a\n'.repeat(MAX_THREAD_LINES + 1), NOW)).toThrow(ThreadTextError);
  });
});
