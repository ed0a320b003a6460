// How a pasted conversation is read into the messages checkThread takes (docs/supervision.md):
// times and names at the start of a line, Dutch clock times (winter and summer time), midnight,
// lines without a time or a name, and the limits.
import { describe, expect, it } from 'vitest';
import { checkThread } from '../../src/engine/index.ts';
import { MAX_THREAD_LINES, readThreadText, ThreadTextError, UNKNOWN_AUTHOR } from '../../src/modules/supervision/thread-text.ts';

/** 22:00 in the Netherlands (winter time, UTC+1). */
const NOW = Date.parse('2026-11-26T21:00:00Z');
const times = (text: string, now = NOW) => readThreadText(text, now).map((m) => m.at);

describe('reading a pasted conversation', () => {
  it('takes a time and a name at the start of a line, with or without a date or brackets, as Dutch clock time', () => {
    const m = readThreadText(['[20:01] Petra Jansen: Weet iemand waarom?', '2026-11-25 19:30 Mark de Wit: Geen idee', '20.15 - Ria: Schandalig!'].join('\n'), NOW);
    expect(m).toEqual([
      { author: 'Petra Jansen', at: '2026-11-26T20:01:00+01:00', text: 'Weet iemand waarom?' },
      { author: 'Mark de Wit', at: '2026-11-25T19:30:00+01:00', text: 'Geen idee' },
      { author: 'Ria', at: '2026-11-26T20:15:00+01:00', text: 'Schandalig!' },
    ]);
    // 20:01 Dutch winter time is 19:01 UTC.
    expect(Date.parse(m[0]!.at)).toBe(Date.parse('2026-11-26T19:01:00Z'));
  });

  it('takes "today" in the Netherlands, also when it is already tomorrow there but not in UTC', () => {
    // 23:30 UTC on the 26th is 00:30 on the 27th in the Netherlands.
    const at = times('[00:10] Petra: net na middernacht', Date.parse('2026-11-26T23:30:00Z'));
    expect(at).toEqual(['2026-11-27T00:10:00+01:00']);
  });

  it('spaces lines without a time a minute apart, ending now, and names lines without a name "onbekend"', () => {
    const m = readThreadText('Petra: eerste\n\n  tweede zonder naam  \nhttps://example.org/x is de link\nMark: derde', NOW);
    expect(m.map((x) => x.author)).toEqual(['Petra', UNKNOWN_AUTHOR, UNKNOWN_AUTHOR, 'Mark']);
    expect(m[1]!.text).toBe('tweede zonder naam');
    expect(m[2]!.text).toBe('https://example.org/x is de link');
    expect(m.map((x) => x.at)).toEqual(['2026-11-26T21:57:00+01:00', '2026-11-26T21:58:00+01:00', '2026-11-26T21:59:00+01:00', '2026-11-26T22:00:00+01:00']);
    // A sentence with a colon after more than five words is text, not a name.
    expect(readThreadText('Ik zeg het je nu maar eerlijk: dit kan niet', NOW)[0]!.author).toBe(UNKNOWN_AUTHOR);
  });

  it('counts lines without a time before the first time backwards from it, and later ones forwards', () => {
    expect(times('eerste\ntweede\n[20:00] Petra: derde\nvierde')).toEqual(['2026-11-26T19:58:00+01:00', '2026-11-26T19:59:00+01:00', '2026-11-26T20:00:00+01:00', '2026-11-26T20:01:00+01:00']);
  });

  it('goes past midnight: a time far below the one before is on the next day', () => {
    const text = '[23:50] Petra: het begint\n[23:58] Mark: ja\n[00:05] Ria: schande\n[00:20] Petra: echt';
    // Pasted at 00:30: the conversation began yesterday evening.
    expect(times(text, Date.parse('2026-11-26T23:30:00Z'))).toEqual(['2026-11-26T23:50:00+01:00', '2026-11-26T23:58:00+01:00', '2026-11-27T00:05:00+01:00', '2026-11-27T00:20:00+01:00']);
    // Pasted the next morning: the same.
    expect(times(text, Date.parse('2026-11-27T08:00:00Z'))).toEqual(['2026-11-26T23:50:00+01:00', '2026-11-26T23:58:00+01:00', '2026-11-27T00:05:00+01:00', '2026-11-27T00:20:00+01:00']);
    // A small step back is not midnight.
    expect(times('[20:10] Petra: a\n[20:05] Mark: b')).toEqual(['2026-11-26T20:10:00+01:00', '2026-11-26T20:05:00+01:00']);
  });

  it('follows summer and winter time (the change in October and in March)', () => {
    // Summer: UTC+2.
    const summer = readThreadText('[13:05] Petra: hoi', Date.parse('2026-07-01T12:00:00Z'));
    expect(summer[0]!.at).toBe('2026-07-01T13:05:00+02:00');
    expect(Date.parse(summer[0]!.at)).toBe(Date.parse('2026-07-01T11:05:00Z'));
    // Across the night summer time ends (25 October 2026, 03:00 becomes 02:00).
    expect(times('2026-10-24 22:00 Petra: avond\n[10:00] Mark: ochtend', Date.parse('2026-10-25T12:00:00Z'))).toEqual(['2026-10-24T22:00:00+02:00', '2026-10-25T10:00:00+01:00']);
    // Lines without a time across the change: a minute apart in real time.
    expect(times('2026-10-25 02:59 Petra: net voor\nnog een', Date.parse('2026-10-25T12:00:00Z'))).toEqual(['2026-10-25T02:59:00+01:00', '2026-10-25T03:00:00+01:00']);
    // 02:30 does not exist on 29 March 2026 (02:00 becomes 03:00): it is read as 03:30.
    expect(times('2026-03-29 02:30 Petra: nacht', Date.parse('2026-03-29T12:00:00Z'))).toEqual(['2026-03-29T03:30:00+02:00']);
  });

  it('gives messages checkThread accepts and reads as derailing when the tone turns', () => {
    const messages = readThreadText(['Petra: Wat een schande dit!', 'Mark: Belachelijk, een puinhoop', 'Ria: Schandalig, ik pik het niet'].join('\n'), NOW);
    const signal = checkThread({ messages });
    expect(signal.derailing).toBe(true);
    expect(signal.drivers).toEqual([0, 1, 2]);
    const midnight = readThreadText('[23:50] Petra: Wat een schande dit!\n[00:05] Mark: Belachelijk, een puinhoop', Date.parse('2026-11-26T23:30:00Z'));
    expect(() => checkThread({ messages: midnight })).not.toThrow();
  });

  it('refuses a conversation with too many lines, and reads an impossible date as text', () => {
    expect(() => readThreadText('a\n'.repeat(MAX_THREAD_LINES + 1), NOW)).toThrow(ThreadTextError);
    const m = readThreadText('2026-02-30 10:00 Petra: hoi', NOW);
    expect(m[0]!.text).toContain('2026-02-30');
  });
});
