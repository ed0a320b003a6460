// The derailing signal (B.2) on threads written here. Every threshold in THREAD_THRESHOLDS is
// tested on both sides; docs/check-engine.md explains the numbers.
import { describe, expect, it } from 'vitest';
import type { ThreadInput, ThreadReasonCode, ThreadSignal } from './thread.ts';
import { THREAD_THRESHOLDS, ThreadValidationError, checkThread, parseMoment } from './thread.ts';

const START = Date.parse('2026-11-26T19:00:00+01:00');

/** Messages ten minutes apart (or at the given hour offsets), in the order written. */
function thread(msgs: [string, string][], extra: Omit<ThreadInput, 'messages'> = {}, hours?: number[]): ThreadInput {
  return {
    ...extra,
    messages: msgs.map(([author, text], i) => ({ author, text, at: new Date(START + (hours ? hours[i]! * 3_600_000 : i * 600_000)).toISOString() })),
  };
}

const codes = (s: ThreadSignal): ThreadReasonCode[] => s.reasons.map((r) => r.code);

function issues(input: unknown) {
  try {
    checkThread(input);
  } catch (e) {
    if (e instanceof ThreadValidationError) return e.issues;
    throw e;
  }
  return [];
}

// Calm conversation that pads a thread: no cue, no abuse.
const CALM: [string, string][] = [
  ['Marieke', 'Weet iemand hoe laat de bus morgen vertrekt?'],
  ['Ahmed', 'Om half negen bij het hek, stond in de nieuwsbrief.'],
  ['Marieke', 'Dank je, dan zorg ik dat we op tijd zijn.'],
  ['Lotte', 'Moeten ze een lunchpakket meenemen?'],
  ['Ahmed', 'Ja, en een flesje water. Er is geen kantine.'],
  ['Fenna', 'Mijn dochter heeft er heel veel zin in.'],
  ['Lotte', 'De mijne ook, ze praat nergens anders over.'],
  ['Bas', 'Is een regenjas nodig? Het weerbericht twijfelt.'],
  ['Fenna', 'Baat het niet dan schaadt het niet, zou ik zeggen.'],
  ['Marieke', 'Goed plan, ik stop er eentje in de tas.'],
  ['Ahmed', 'Veel plezier allemaal morgen!'],
  ['Bas', 'Jullie ook, en dank aan de ouders die meerijden.'],
];

describe('calm threads', () => {
  it('a friendly thread is calm with score 0', () => {
    const s = checkThread(thread(CALM));
    expect(s.level).toBe('calm');
    expect(s.derailing).toBe(false);
    expect(s.score).toBe(0);
    expect(s.reasons).toEqual([]);
    expect(s.drivers).toEqual([]);
    expect(s.perMessage).toHaveLength(12);
    expect(s.perMessage.every((m) => !m.hostile && !m.abusive)).toBe(true);
    expect(s.action.articles).toEqual([]);
  });

  it('heated but civil disagreement stays calm', () => {
    const s = checkThread(thread([
      ['Karin', 'Ik ben het echt niet eens met het nieuwe continurooster.'],
      ['Youssef', 'Ik snap je zorgen, maar voor veel gezinnen is het juist makkelijker.'],
      ['Karin', 'Voor werkende ouders is het een groot probleem. Waarom is dit niet met de MR besproken?'],
      ['Ellen', 'Het is wel in de MR geweest, maar ik vind de uitleg van de school te mager.'],
      ['Karin', 'Dan had het beter uitgelegd moeten worden. Ik ben hier boos over, eerlijk gezegd.'],
      ['Youssef', 'Laten we naar de ouderavond gaan en onze vragen stellen.'],
      ['Ellen', 'Goed idee. Ik schrijf ook een brief aan de directie.'],
      ['Karin', 'Ik teken mee. Ik vind het nog steeds een slecht besluit, maar praten helpt.'],
    ]));
    expect(s.level).toBe('calm');
    expect(s.perMessage.filter((m) => m.hostile)).toEqual([]);
  });

  it('a single rude message in a long calm thread stays calm (it is A.7 business, not a derailing thread)', () => {
    const msgs = [...CALM];
    msgs.splice(6, 0, ['Rob', 'Wat een idioten rijden er bij dat hek zeg, levensgevaarlijk.']);
    const s = checkThread(thread(msgs));
    expect(s.perMessage[6]).toMatchObject({ abusive: true, hostile: true });
    expect(s.stats.abusive).toBe(1);
    expect(s.level).toBe('calm');
    expect(s.score).toBeLessThan(30);
  });

  it('jokes with positive slang, capitals and exclamation marks stay calm', () => {
    const s = checkThread(thread([
      ['Meester Kees', 'Wat een musical vanavond, groep 8!'],
      ['Sanne', 'Die musical was gestoord goed!!!'],
      ['Jeroen', 'VET ZIEK FEESTJE, MEESTER!!!'],
      ['Noor', 'Haha meester Kees als kerstman, ik lig dubbel 😂'],
      ['Priya', 'Belachelijk goed gedaan allemaal 👏'],
      ['Daan', 'GEFELICITEERD MET DE PREMIÈRE!!!'],
    ], { employees: ['Kees Bakker'] }));
    expect(s.level).toBe('calm');
    expect(s.perMessage.map((m) => m.hostile)).toEqual([false, false, false, false, false, false]);
  });

  it('negated judgements are not hostile', () => {
    const s = checkThread(thread([
      ['Anna', 'Ik vind het helemaal niet belachelijk wat de school doet.'],
      ['Wim', 'Geen schande om een uitje af te zeggen als het stormt.'],
    ]));
    expect(s.perMessage.map((m) => m.hostile)).toEqual([false, false]);
  });
});

describe('derailing threads', () => {
  it('escalation: calm, then a hostile majority at the end', () => {
    const s = checkThread(thread([
      ['Karin', 'Het schoolreisje naar de Efteling is afgezegd, weet iemand waarom?'],
      ['Youssef', 'Volgens de brief waren er te weinig begeleiders.'],
      ['Ellen', 'Jammer, mijn zoon had er zo naar uitgekeken.'],
      ['Karin', 'Ik had me graag als begeleider gemeld, dat wist ik niet.'],
      ['Youssef', 'Misschien kunnen we een nieuwe datum voorstellen.'],
      ['Rob', 'Schandalig gewoon, ze hebben het geld al geïnd.'],
      ['Tamara', 'Wat een puinhoop is het op die school. Echt te gek voor woorden.'],
      ['Rob', 'Die directeur is een sukkel, dat weet iedereen.'],
      ['Ellen', 'Kunnen we het een beetje netjes houden?'],
      ['Tamara', 'HOU JE BEK ELLEN!!!'],
    ]));
    expect(s.level).toBe('derailing');
    expect(s.derailing).toBe(true);
    expect(codes(s)).toEqual(expect.arrayContaining(['thread.hostile_majority', 'thread.rising', 'thread.employee_attack']));
    expect(s.drivers).toEqual([5, 6, 7, 9]);
    expect(s.perMessage[7]?.target).toEqual({ kind: 'employee', name: 'de directeur', via: 'role' });
    expect(s.stats).toMatchObject({ messages: 10, hostile: 4, earlierHostileShare: 0, laterHostileShare: 0.8 });
    expect(s.action.articles).toEqual(['B.2']);
    expect(s.action.message.nl).toMatch(/leidinggevende \(B\.2\)/);
    expect(s.score).toBeGreaterThanOrEqual(60);
  });

  it('a pile-on on a child by three authors', () => {
    const s = checkThread(thread([
      ['Mila', 'Wie komt er zaterdag naar het verjaardagsfeest?'],
      ['Joris', 'Ik! Maar niet als Daan komt, Daan hoort er niet bij.'],
      ['Sem', 'Daan is zo een loser haha'],
      ['Mila', 'Ik kom wel.'],
      ['Lieke', 'Die Daan is echt een stom kind, niemand wil naast hem zitten.'],
      ['Mila', 'Wat neem je mee als cadeau?'],
      ['Sem', 'Een spelletje denk ik.'],
      ['Mila', 'Leuk!'],
    ], { students: ['Daan Vermeer', 'Mila de Boer'] }));
    expect(codes(s)).toContain('thread.pile_on');
    const r = s.reasons.find((x) => x.code === 'thread.pile_on')!;
    expect(r.messages).toEqual([1, 2, 4]);
    expect(r.target).toEqual({ kind: 'student', name: 'Daan Vermeer', via: 'name' });
    expect(r.message.nl).toMatch(/3 verschillende mensen vallen Daan Vermeer aan, een kind/);
    expect(s.level).toBe('derailing');
  });

  it('a pile-on on an unlisted child, named only by a capitalised given name', () => {
    const s = checkThread(thread([
      ['Joris', 'Die Bram is echt een sukkel.'],
      ['Sem', 'Bram is een loser, ja.'],
      ['Lieke', 'Haha, Bram hoort er niet bij.'],
      ['Mila', 'Zullen we over iets anders praten?'],
      ['Mila', 'Wie heeft de huiswerkopdracht?'],
      ['Sem', 'Staat in de app.'],
      ['Joris', 'Dank je.'],
    ]));
    const r = s.reasons.find((x) => x.code === 'thread.pile_on');
    expect(r?.target).toEqual({ kind: 'person', name: 'Bram', via: 'capitalised' });
  });

  it('a pile-on on a child named only by role words ("dat kind", "die jongen") counts as one target', () => {
    const s = checkThread(thread([
      ['Joris', 'Dat kind is een etterbak.'],
      ['Sem', 'Die jongen is zo dom.'],
      ['Lieke', 'Dat joch is een sukkel.'],
      ...CALM.slice(0, 6),
    ]));
    const r = s.reasons.find((x) => x.code === 'thread.pile_on');
    expect(r?.target).toEqual({ kind: 'student', name: 'een kind', via: 'role' });
    expect(r?.message.nl).toBe('3 verschillende mensen vallen een kind aan: dit is een hetze.');
  });

  it('a name followed by a comma at the start is addressed: "Sanne, ..."', () => {
    const s = checkThread(thread([['Piet', 'Sanne, wat ben je toch een sukkel.']]));
    expect(s.perMessage[0]?.target).toEqual({ kind: 'person', name: 'Sanne', via: 'capitalised' });
  });

  it('a pile-on on a teacher, abusive and hostile mixed, is also a personal attack on an employee', () => {
    const s = checkThread(thread([
      ['Ouder1', 'Juf Anouk heeft mijn dochter voor de hele klas uitgelachen.'],
      ['Ouder2', 'Schandalig hoe juf Anouk met kinderen omgaat.'],
      ['Ouder3', 'Juf Anouk moet ontslagen worden.'],
      ['Ouder4', 'Juf Anouk is een domme trut.'],
    ], { employees: ['Anouk de Vries'] }));
    expect(codes(s)).toEqual(expect.arrayContaining(['thread.pile_on', 'thread.employee_attack', 'thread.hostile_majority']));
    const pile = s.reasons.find((x) => x.code === 'thread.pile_on')!;
    expect(pile.target).toEqual({ kind: 'employee', name: 'Anouk de Vries', via: 'title' });
    expect(pile.messages).toEqual([1, 2, 3]);
    expect(s.reasons.find((x) => x.code === 'thread.employee_attack')?.messages).toEqual([3]);
    expect(s.perMessage[0]?.hostile).toBe(false);
  });

  it('one personal attack on an employee is enough, also as "you" to the employee who posted', () => {
    const s = checkThread(thread([
      ['Anouk de Vries', 'Groep 5 heeft vandaag een vulkaan gebouwd!'],
      ['Piet', 'Mooi gedaan!'],
      ['Rob', 'Jij bent echt een loser.'],
      ['Fatima', 'Wat een leuke les.'],
      ['Piet', 'Mijn zoon vond het prachtig.'],
      ['Fatima', 'Volgende keer wil ik ook kijken.'],
    ], { employees: ['Anouk de Vries'] }));
    expect(s.perMessage[2]?.target).toEqual({ kind: 'employee', name: 'Anouk de Vries', via: 'you' });
    expect(codes(s)).toEqual(['thread.employee_attack']);
    expect(s.level).toBe('derailing');
    expect(s.drivers).toEqual([2]);
  });

  it('"you" follows replyTo to the person answered', () => {
    const s = checkThread({
      employees: ['Kees Bakker'],
      messages: [
        { author: 'School De Regenboog', at: '2026-11-26T10:00:00+01:00', text: 'Morgen is de sportdag.' },
        { author: 'Kees Bakker', at: '2026-11-26T10:05:00+01:00', text: 'Vergeet jullie gymschoenen niet.' },
        { author: 'Rob', at: '2026-11-26T10:10:00+01:00', text: 'Wat ben jij een sukkel.', replyTo: 1 },
      ],
    });
    expect(s.perMessage[2]?.target).toMatchObject({ kind: 'employee', name: 'Kees Bakker', via: 'you' });
    expect(codes(s)).toEqual(['thread.employee_attack']);
  });

  it('a threat makes the thread derail and brings in D.6', () => {
    const s = checkThread(thread([
      ['Rob', 'Ik weet waar je woont.'],
    ]));
    expect(codes(s)).toEqual(['thread.possible_crime']);
    expect(s.level).toBe('derailing');
    expect(s.action.articles).toEqual(['B.2', 'D.6']);
    expect(s.action.message.en).toMatch(/police/);
  });
});

describe('thresholds, both sides', () => {
  const T = THREAD_THRESHOLDS;
  const hostile = (author: string): [string, string] => [author, 'Echt belachelijk en schandalig, dit.'];

  it('hostile majority: 3 of the last 6 derail, 2 of the last 6 do not', () => {
    expect(T.recentWindow).toBe(6);
    expect(T.recentHostile).toBe(3);
    const three = checkThread(thread([...CALM.slice(0, 6), hostile('A'), CALM[6]!, hostile('B'), CALM[7]!, hostile('C'), CALM[8]!]));
    expect(codes(three)).toContain('thread.hostile_majority');
    expect(three.stats.recentHostileShare).toBe(0.5);
    const two = checkThread(thread([...CALM.slice(0, 6), CALM[6]!, CALM[7]!, hostile('B'), CALM[8]!, hostile('C'), CALM[9]!]));
    expect(codes(two)).not.toContain('thread.hostile_majority');
  });

  it('hostile majority looks at the recent window only: a hostile message 7th from the end does not count', () => {
    const tail: [string, string][] = [hostile('A'), hostile('B'), CALM[6]!, CALM[7]!, hostile('C'), CALM[8]!];
    const inside = checkThread(thread([...CALM.slice(0, 6), ...tail]));
    expect(codes(inside)).toContain('thread.hostile_majority');
    expect(inside.reasons.find((r) => r.code === 'thread.hostile_majority')?.messages).toEqual([6, 7, 10]);
    // One calm message more: A is now 7th from the end, and the last 6 hold only 2 hostile messages.
    const outside = checkThread(thread([...CALM.slice(0, 6), ...tail, CALM[9]!]));
    expect(codes(outside)).not.toContain('thread.hostile_majority');
  });

  it('rising: a later half 0.3 more hostile with 2 hostile messages is "watch"; 0.29 or 1 message is not', () => {
    expect(T.risingShare).toBe(0.3);
    expect(T.risingHostile).toBe(2);
    // 12 messages: later half 2 of 6 = 0.33 hostile, earlier 0 → rise 0.33.
    const up = checkThread(thread([...CALM.slice(0, 6), CALM[6]!, hostile('A'), CALM[7]!, CALM[8]!, hostile('B'), CALM[9]!]));
    expect(codes(up)).toEqual(['thread.rising']);
    expect(up.level).toBe('watch');
    expect(up.score).toBeGreaterThanOrEqual(30);
    expect(up.score).toBeLessThan(60);
    expect(up.action.message.nl).toMatch(/dreigt te ontsporen/);
    // 14 messages: later half 2 of 7 = 0.29 → not rising.
    const flat = checkThread(thread([...CALM.slice(0, 7), CALM[7]!, hostile('A'), CALM[8]!, CALM[9]!, hostile('B'), CALM[10]!, CALM[11]!]));
    expect(flat.stats.laterHostileShare).toBe(0.29);
    expect(codes(flat)).toEqual([]);
    expect(flat.level).toBe('calm');
    // One hostile message in a short thread: a rise of 0.5, but only one message.
    const one = checkThread(thread([CALM[0]!, CALM[1]!, CALM[2]!, hostile('A')]));
    expect(one.stats.laterHostileShare).toBe(0.5);
    expect(codes(one)).toEqual([]);
  });

  it('rising compares with the earlier half: equally hostile halves do not rise', () => {
    const s = checkThread(thread([hostile('A'), CALM[0]!, CALM[1]!, hostile('B'), CALM[2]!, CALM[3]!, hostile('C'), CALM[4]!, CALM[5]!, hostile('D'), CALM[6]!, CALM[7]!]));
    expect(s.stats.earlierHostileShare).toBe(s.stats.laterHostileShare);
    expect(codes(s)).toEqual([]);
  });

  it('pile-on: 3 authors derail, 2 authors are "watch", the same author twice counts once', () => {
    expect(T.pileOnAuthors).toBe(3);
    const at = (who: string): [string, string] => [who, 'Wat een sukkel is die Bram.'];
    const three = checkThread(thread([at('A'), ...CALM.slice(0, 3), at('B'), ...CALM.slice(3, 6), at('C'), ...CALM.slice(6, 12)]));
    expect(codes(three)).toEqual(['thread.pile_on']);
    expect(three.stats.maxAuthorsOnOnePerson).toBe(3);
    const two = checkThread(thread([at('A'), ...CALM.slice(0, 3), at('B'), ...CALM.slice(3, 6), at('B'), ...CALM.slice(6, 12)]));
    expect(codes(two)).toEqual(['thread.pile_on_forming']);
    expect(two.level).toBe('watch');
    expect(two.stats.maxAuthorsOnOnePerson).toBe(2);
  });

  it('pile-on window: 3 authors within 24 hours pile on, spread over 25 hours they do not', () => {
    expect(T.pileOnHours).toBe(24);
    const at = (who: string): [string, string] => [who, 'Wat een sukkel is die Bram.'];
    const msgs = [at('A'), CALM[0]!, at('B'), CALM[1]!, at('C'), ...CALM.slice(2, 8)];
    const within = checkThread(thread(msgs, {}, [0, 1, 12, 13, 23.9, 30, 31, 32, 33, 34, 35]));
    expect(codes(within)).toContain('thread.pile_on');
    const spread = checkThread(thread(msgs, {}, [0, 1, 12, 13, 25, 30, 31, 32, 33, 34, 35]));
    expect(codes(spread)).not.toContain('thread.pile_on');
    expect(codes(spread)).toContain('thread.pile_on_forming');
  });

  it('employee attack: one abusive message derails, a hostile complaint about the same teacher does not', () => {
    expect(T.employeeAttacks).toBe(1);
    const complaint = checkThread(thread([...CALM.slice(0, 5), ['Rob', 'Ik vind het schandalig wat meester Kees gisteren deed.'], ...CALM.slice(5, 10)], { employees: ['Kees Bakker'] }));
    expect(complaint.perMessage[5]).toMatchObject({ hostile: true, abusive: false, target: { kind: 'employee', name: 'Kees Bakker' } });
    expect(complaint.level).toBe('calm');
    const attack = checkThread(thread([...CALM.slice(0, 5), ['Rob', 'Meester Kees is een vieze vetzak.'], ...CALM.slice(5, 10)], { employees: ['Kees Bakker'] }));
    expect(codes(attack)).toEqual(['thread.employee_attack']);
    expect(attack.reasons[0]?.message.nl).toMatch(/Kees Bakker persoonlijk aan/);
  });

  it('an abusive message at someone who is not an employee is no employee attack', () => {
    const s = checkThread(thread([...CALM.slice(0, 5), ['Rob', 'Ahmed is een vieze vetzak.'], ...CALM.slice(5, 10)]));
    expect(s.perMessage[5]?.target).toMatchObject({ kind: 'participant', name: 'Ahmed' });
    expect(codes(s)).toEqual([]);
  });
});

describe('edge cases', () => {
  it('an empty thread is calm', () => {
    const s = checkThread({ messages: [] });
    expect(s).toMatchObject({ level: 'calm', derailing: false, score: 0, reasons: [], drivers: [], perMessage: [] });
    expect(s.stats.messages).toBe(0);
  });

  it('one message: calm, even a rude one; but a threat or an attack on an employee still counts', () => {
    expect(checkThread(thread([['Rob', 'Hallo allemaal']])).level).toBe('calm');
    expect(checkThread(thread([['Rob', 'Wat een idioten rijden hier.']])).level).toBe('calm');
    expect(checkThread(thread([['Rob', 'Die juf is een trut.']])).level).toBe('derailing');
  });

  it('unsorted timestamps: the thread is read in time order, indices stay those of the input', () => {
    const sorted = thread([
      ...CALM.slice(0, 6),
      ['Rob', 'Schandalig gewoon.'],
      ['Tamara', 'Wat een puinhoop.'],
      ['Rob', 'Belachelijk, hoe durven ze.'],
    ]);
    const shuffled = { messages: [...sorted.messages].reverse() };
    const a = checkThread(sorted);
    const b = checkThread(shuffled);
    expect(codes(b)).toEqual(codes(a));
    expect(a.drivers).toEqual([6, 7, 8]);
    expect(b.drivers).toEqual([0, 1, 2]);
    expect(b.perMessage[0]).toMatchObject({ index: 0, hostile: true, cues: ['belachelijk', 'hoe durven ze'] });
  });

  it('moments: with or without offset, a date alone; 30 February is no date', () => {
    expect(parseMoment('2026-11-26T10:00:00+01:00')).toBe(Date.parse('2026-11-26T09:00:00Z'));
    expect(parseMoment('2026-11-26T10:00:00+0100')).toBe(Date.parse('2026-11-26T09:00:00Z'));
    expect(parseMoment('2026-11-26 10:00')).toBe(Date.parse('2026-11-26T10:00:00Z'));
    expect(parseMoment('2026-11-26')).toBe(Date.parse('2026-11-26T00:00:00Z'));
    expect(parseMoment('2026-11-26T10:00:00.123456Z')).toBe(Date.parse('2026-11-26T10:00:00.123Z'));
    expect(parseMoment('2026-02-30T10:00:00Z')).toBeUndefined();
    expect(parseMoment('26-11-2026')).toBeUndefined();
    expect(parseMoment('2026-11-26T25:00')).toBeUndefined();
  });

  it('invalid shapes give every problem with its JSON path', () => {
    expect(issues(null)).toEqual([{ path: '$', message: 'a thread is a JSON object with a "messages" list' }]);
    expect(issues([])).toEqual([{ path: '$', message: 'a thread is a JSON object with a "messages" list' }]);
    expect(issues({})[0]?.path).toBe('$.messages');
    expect(issues({ messages: {} })[0]?.path).toBe('$.messages');
    const list = issues({
      employees: ['Anouk', ''],
      messages: [
        { author: '', at: '2026-11-26T10:00:00Z', text: 'Hoi' },
        { author: 'Rob', at: 'gisteren', text: 'Hoi' },
        { author: 'Rob', at: '2026-02-30T10:00:00Z', text: 'Hoi' },
        { author: 'Rob', at: '2026-11-26T10:00:00Z', text: 42 },
      ],
    });
    expect(list.map((i) => i.path)).toEqual(['$.employees[1]', '$.messages[0].author', '$.messages[1].at', '$.messages[2].at', '$.messages[3].text']);
    // replyTo is checked once the shape is right.
    const replies = issues({
      messages: [
        { author: 'Rob', at: '2026-11-26T10:00:00Z', text: 'Hoi', replyTo: 9 },
        { author: 'Rob', at: '2026-11-26T10:00:00Z', text: 'Hoi', replyTo: 1 },
      ],
    });
    expect(replies).toEqual([
      { path: '$.messages[0].replyTo', message: 'there is no message 9 (messages are numbered from 0)' },
      { path: '$.messages[1].replyTo', message: 'a message cannot reply to itself' },
    ]);
    expect(issues({ messages: [{ author: 'Rob', at: '2026-11-26', text: 'Hoi', replyTo: -1 }] })[0]?.path).toBe('$.messages[0].replyTo');
    expect(() => checkThread({ messages: [{ author: 'Rob', at: 'gisteren', text: '' }] })).toThrow(
      'invalid thread: $.messages[0].at: expected a date and time such as 2026-11-26T16:05:00+01:00',
    );
  });

  it('unknown fields are ignored, so an export with ids still reads', () => {
    const s = checkThread({ id: 't1', messages: [{ id: 'm1', author: 'Rob', at: '2026-11-26', text: 'Hoi', likes: 3 }] });
    expect(s.level).toBe('calm');
  });
});
