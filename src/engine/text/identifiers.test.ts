import { describe, expect, it } from 'vitest';
import { findIdentifiers, isValidBsn, isValidIban, phoneDigits, type IdentifierKind, type IdentifierMatch } from './identifiers.ts';

/** The matches of one kind, as [matched text, normalized]. */
function found(text: string, kind?: IdentifierKind): [string, string][] {
  return findIdentifiers(text)
    .filter((m) => kind === undefined || m.kind === kind)
    .map((m) => [text.slice(m.start, m.end), m.normalized]);
}

function kinds(text: string): IdentifierKind[] {
  return findIdentifiers(text).map((m) => m.kind);
}

describe('isValidBsn', () => {
  it('accepts nine digits that pass the 11-test', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123.456.782')).toBe(true);
    expect(isValidBsn('1234.56.782')).toBe(true);
    expect(isValidBsn('123 456 782')).toBe(true);
  });
  it('rejects numbers that fail the 11-test, other lengths and non-digits', () => {
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('111222334')).toBe(false);
    expect(isValidBsn('11122233')).toBe(false);
    expect(isValidBsn('1112223334')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
    expect(isValidBsn('')).toBe(false);
  });
});

describe('isValidIban', () => {
  it('accepts valid IBANs, with or without spaces, in upper or lower case', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(isValidIban('nl91 abna 0417 1643 00')).toBe(true);
    expect(isValidIban('BE68 5390 0754 7034')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    expect(isValidIban('NL92ABNA0417164300')).toBe(false);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
  });
  it('rejects a wrong length for the country', () => {
    expect(isValidIban('NL91ABNA041716430')).toBe(false);
    expect(isValidIban('NL91ABNA04171643000')).toBe(false);
  });
  it('rejects the wrong character pattern for the country (NL: 4 letters, 10 digits)', () => {
    // NL56 3003 0A17 1643 00 passes mod-97 on its own but has a letter where a digit belongs
    expect(isValidIban('NL56 3003 0A17 1643 00')).toBe(false);
  });
  it('rejects an unknown country', () => {
    expect(isValidIban('QQ93 1234 5678')).toBe(false);
    expect(isValidIban('AM47212110090000000235698740')).toBe(false);
  });
});

describe('phoneDigits', () => {
  it.each([
    ['06-12345678', '0612345678'],
    ['06 1234 5678', '0612345678'],
    ['0612345678', '0612345678'],
    ['06-1234 5678', '0612345678'],
    ['06 - 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['+31 6 12345678', '0612345678'],
    ['+31 (0)6 12345678', '0612345678'],
    ['+31612345678', '0612345678'],
    ['+316 1234 5678', '0612345678'],
    ['+31-6-12345678', '0612345678'],
    ['0031 6 12345678', '0612345678'],
    ['0031612345678', '0612345678'],
    ['(+31) 6 12345678', '0612345678'],
    ['+31 06 12345678', '0612345678'],
    ['020-1234567', '0201234567'],
    ['020 123 4567', '0201234567'],
    ['(020) 123 45 67', '0201234567'],
    ['020/1234567', '0201234567'],
    ['010-1234567', '0101234567'],
    ['0111-123456', '0111123456'],
    ['(0111) 12 34 56', '0111123456'],
    ['+31 20 123 4567', '0201234567'],
    ['+31 (0)20 123 45 67', '0201234567'],
    ['085-1234567', '0851234567'],
    ['088 123 4567', '0881234567'],
    ['091 1234567', '0911234567'],
    ['  06-12345678 ', '0612345678'],
  ])('%s -> %s', (written, digits) => {
    expect(phoneDigits(written)).toBe(digits);
  });

  it.each([
    ['0800-1234', 'free service number'],
    ['0800 1234567', 'free service number, long form'],
    ['0900-8844', 'paid service number'],
    ['0900 123 4567', 'paid service number'],
    ['0906-1234567', 'paid service number'],
    ['0909-1234', 'paid service number'],
    ['112', 'emergency number'],
    ['14 020', 'municipal number'],
    ['14020', 'municipal number'],
    ['06-1234567', 'too short'],
    ['06-123456789', 'too long'],
    ['+32 2 123 45 67', 'Belgian'],
    ['+1 415 555 0132', 'American'],
    ['(415) 555-0132', 'American'],
    ['02-04-2017', 'a date'],
    ['tel 0612345678', 'more than a number'],
    ['', 'empty'],
  ])('%s is no Dutch phone number (%s)', (written) => {
    expect(phoneDigits(written)).toBeNull();
  });
});

describe('findIdentifiers: phone numbers', () => {
  it('finds every usual writing in a sentence, with the right span', () => {
    const text = 'Bel mij op 06-1234 5678 of thuis (020) 123 45 67, of mijn werk +31 (0)10 123 4567.';
    expect(found(text)).toEqual([
      ['06-1234 5678', '0612345678'],
      ['(020) 123 45 67', '0201234567'],
      ['+31 (0)10 123 4567', '0101234567'],
    ]);
  });
  it('finds 4-digit area codes and 085/088 numbers', () => {
    expect(found('Praktijk: 0111-123456, receptie 088 123 4567', 'phone')).toEqual([
      ['0111-123456', '0111123456'],
      ['088 123 4567', '0881234567'],
    ]);
  });
  it('ignores service numbers, 112 and 14 + area code', () => {
    expect(findIdentifiers('Bel gratis 0800-1234 of 0900-8844, bij nood 112, de gemeente op 14 020.')).toEqual([]);
    expect(findIdentifiers('Info: 0906-1234567 of 0909 1234')).toEqual([]);
  });
  it('ignores numbers that are part of a longer digit run', () => {
    expect(found('code 061234567890 en 30612345678 en 06-12345678-9', 'phone')).toEqual([]);
  });
  it('does not read a date or a time range as a phone number', () => {
    expect(kinds('Op 02-04-2017 10:00 begint het')).toEqual(['date']);
    expect(kinds('Op 02-04-2017 9:30 begint het')).toEqual(['date']);
    expect(kinds('Gym van 06.30-07.30 12 kinderen')).toEqual([]);
  });
});

describe('findIdentifiers: BSN', () => {
  it('finds nine digits passing the 11-test in the usual writings', () => {
    expect(found('BSN 123456782, ook als 123.456.782, 1234.56.782 of 123 456 782', 'bsn')).toEqual([
      ['123456782', '123456782'],
      ['123.456.782', '123456782'],
      ['1234.56.782', '123456782'],
      ['123 456 782', '123456782'],
    ]);
  });
  it('ignores nine digits failing the 11-test', () => {
    expect(findIdentifiers('Ordernummer 123456789')).toEqual([]);
    expect(findIdentifiers('Kenmerk 111.222.334')).toEqual([]);
  });
  it('ignores a valid-looking nine-digit part of a longer number or an amount', () => {
    expect(findIdentifiers('Referentie 1234567820 en 91234567829')).toEqual([]);
    expect(findIdentifiers('Begroting € 123.456.782,00')).toEqual([]);
  });
});

describe('findIdentifiers: IBAN', () => {
  it('finds a Dutch IBAN with and without spaces', () => {
    expect(found('Maak het over naar NL91 ABNA 0417 1643 00 t.n.v. de ouderraad.')).toEqual([
      ['NL91 ABNA 0417 1643 00', 'NL91ABNA0417164300'],
    ]);
    expect(found('Rekening: NL91ABNA0417164300.')).toEqual([['NL91ABNA0417164300', 'NL91ABNA0417164300']]);
  });
  it('finds lower-case IBANs, like python-stdnum', () => {
    expect(found('iban nl91abna0417164300', 'iban')).toEqual([['nl91abna0417164300', 'NL91ABNA0417164300']]);
  });
  it('finds foreign IBANs', () => {
    expect(found('Belgische rekening BE68 5390 0754 7034 graag', 'iban')).toEqual([
      ['BE68 5390 0754 7034', 'BE68539007547034'],
    ]);
  });
  it('ignores a wrong check digit, and the digits in it are no phone number either', () => {
    expect(findIdentifiers('Rekening NL91 ABNA 0417 1643 01')).toEqual([]);
    expect(findIdentifiers('Rekening NL92ABNA0417164300')).toEqual([]);
  });
  it('ignores a wrong length', () => {
    expect(findIdentifiers('Rekening NL91 ABNA 0417 1643 0')).toEqual([]);
    expect(findIdentifiers('Rekening NL91ABNA04171643001')).toEqual([]);
    expect(found('Rekening NL91 ABNA 0417 1643 00 12', 'iban')).toEqual([]);
  });
});

describe('findIdentifiers: e-mail', () => {
  it('finds addresses and lower-cases them', () => {
    expect(found('Mail naar Juf.Anna@School.NL of ouders+klas5@asko.nl.')).toEqual([
      ['Juf.Anna@School.NL', 'juf.anna@school.nl'],
      ['ouders+klas5@asko.nl', 'ouders+klas5@asko.nl'],
    ]);
  });
  it('finds IDN and punycode domains', () => {
    expect(found('jan@bücher.de en a@xn--d1acufc.xn--p1ai', 'email')).toEqual([
      ['jan@bücher.de', 'jan@bücher.de'],
      ['a@xn--d1acufc.xn--p1ai', 'a@xn--d1acufc.xn--p1ai'],
    ]);
  });
  it('ignores an address without a top-level domain', () => {
    expect(findIdentifiers('mail naar info@school. of @juf_anna')).toEqual([]);
  });
  it('gives the e-mail precedence over a phone number in it', () => {
    expect(kinds('0612345678@sms.nl')).toEqual(['email']);
  });
});

describe('findIdentifiers: addresses', () => {
  it('finds a postcode with a house number after it', () => {
    expect(found('Adres: 1012 AB 12, Amsterdam', 'address')).toEqual([['1012 AB 12', '1012 AB 12']]);
    expect(found('1012AB nr 5', 'address')).toEqual([['1012AB nr 5', '1012AB nr 5']]);
  });
  it('finds a street with a house number, and the postcode after it', () => {
    expect(found('Ik woon op de Damstraat 12, 1012 AB Amsterdam')).toEqual([
      ['Damstraat 12, 1012 AB', 'Damstraat 12, 1012 AB'],
    ]);
  });
  it('includes capitalised words of the street name', () => {
    expect(found('Van Baerlestraat 12, Eerste Helmersstraat 7-II en Prinsengracht 263A', 'address')).toEqual([
      ['Van Baerlestraat 12', 'Van Baerlestraat 12'],
      ['Eerste Helmersstraat 7-II', 'Eerste Helmersstraat 7-II'],
      ['Prinsengracht 263A', 'Prinsengracht 263A'],
    ]);
    expect(found('Burgemeester de Vlugtlaan 125 en Laan van Meerdervoort 12', 'address').map((m) => m[0])).toEqual([
      'Burgemeester de Vlugtlaan 125',
      'Laan van Meerdervoort 12',
    ]);
  });
  it('ignores a postcode without a house number', () => {
    expect(findIdentifiers('Onze school ligt in 1012 AB Amsterdam')).toEqual([]);
    expect(findIdentifiers('postcode 1012AB')).toEqual([]);
  });
  it('ignores postcodes with SA, SD or SS', () => {
    expect(findIdentifiers('2611 SS 12')).toEqual([]);
  });
  it('ignores groups, classes, times and amounts', () => {
    expect(findIdentifiers('Groep 7 en klas 5b gaan om 12:30 naar het Schoolplein; kosten € 12,50.')).toEqual([]);
    expect(findIdentifiers('Vergadering 12 in het lokaal')).toEqual([]);
  });
  it('leaves "Museumplein 27 april" to be no address', () => {
    expect(kinds('Feest op het Museumplein 27 april')).toEqual([]);
  });
});

describe('findIdentifiers: dates', () => {
  it.each([
    ['2 april 2017', '2017-04-02'],
    ['2 apr. 2017', '2017-04-02'],
    ['2 April 2017', '2017-04-02'],
    ['02-04-2017', '2017-04-02'],
    ['2-4-2017', '2017-04-02'],
    ['2/4/2017', '2017-04-02'],
    ['02.04.2017', '2017-04-02'],
    ['2017-04-02', '2017-04-02'],
    ["2 april '17", '2017-04-02'],
    ['1e maart 2016', '2016-03-01'],
    ['2 mrt 2016', '2016-03-02'],
    ['29 februari 2016', '2016-02-29'],
    ['April 2, 2017', '2017-04-02'],
    ['12 oktober 1985', '1985-10-12'],
  ])('%s -> %s', (written, iso) => {
    expect(found(`Op ${written} was het zover.`)).toEqual([[written, iso]]);
  });
  it('validates the calendar date', () => {
    expect(findIdentifiers('31-02-2017 en 29 februari 2017 en 2017-13-01')).toEqual([]);
  });
  it('marks dates after a birth-date cue', () => {
    const text = 'Sanne, geboren op 2 april 2017, start 1 september 2021. Geb. 03-05-2016. Geboortedatum: 2016-05-03';
    expect(findIdentifiers(text).map((m) => [m.normalized, m.birthContext])).toEqual([
      ['2017-04-02', true],
      ['2021-09-01', false],
      ['2016-05-03', true],
      ['2016-05-03', true],
    ]);
  });
  it('allows a few words between the cue and the date', () => {
    const [m] = findIdentifiers('Hij is geboren in Amsterdam op 4 mei 2015');
    expect(m?.birthContext).toBe(true);
    const [n] = findIdentifiers('date of birth: 05/04/2015');
    expect(n?.birthContext).toBe(true);
  });
  it('does not take a cue from far back or across another number', () => {
    const [, second] = findIdentifiers('Geboren op 2 april 2017 en op 5 mei 2018 naar school');
    expect(second?.birthContext).toBe(false);
  });
  it('has no birthContext property on other kinds', () => {
    const [m] = findIdentifiers('geboren 0612345678');
    expect(m?.kind).toBe('phone');
    expect(m && 'birthContext' in m).toBe(false);
  });
});

describe('findIdentifiers: offsets and order', () => {
  it('gives UTF-16 offsets into the original text when emoji come before the match', () => {
    const text = '👩‍🏫🎉 Bel 06-12345678 😀 of mail juf@school.nl 🙂 geb. 2 april 2017';
    const ms = findIdentifiers(text);
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['06-12345678', 'juf@school.nl', '2 april 2017']);
    expect(ms[0]?.start).toBe(text.indexOf('06-'));
  });
  it('returns matches sorted by start and never overlapping', () => {
    const text =
      'NL91ABNA0417164300 jan@x.nl Damstraat 12, 1012 AB 0612345678 123456782 geb. 02-04-2017 en 1012 AB 5 en 020-1234567';
    const ms = findIdentifiers(text);
    expect(ms.map((m) => m.kind)).toEqual(['iban', 'email', 'address', 'phone', 'bsn', 'date', 'address', 'phone']);
    for (let i = 1; i < ms.length; i++) {
      const prev = ms[i - 1] as IdentifierMatch;
      expect((ms[i] as IdentifierMatch).start).toBeGreaterThanOrEqual(prev.end);
    }
  });
  it('returns nothing for text without digits or @', () => {
    expect(findIdentifiers('Wat een mooie dag op het Schoolplein!')).toEqual([]);
    expect(findIdentifiers('')).toEqual([]);
  });
  it('is fast on long adversarial input', () => {
    const parts = ['a.'.repeat(3000), '0 '.repeat(1000), 'AB12 '.repeat(300), 'x@'.repeat(500), '1'.repeat(2000)];
    const t0 = performance.now();
    for (const p of parts) findIdentifiers(p);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('identifiers next to each other', () => {
  it('finds an e-mail address glued to an IBAN, so that redacting both leaves nothing', () => {
    const text = 'NL91 ABNA 0417 1643 00İinfo@example.nl';
    expect(findIdentifiers(text).map((m) => [m.kind, text.slice(m.start, m.end)])).toEqual([
      ['iban', 'NL91 ABNA 0417 1643 00'],
      ['email', 'İinfo@example.nl'],
    ]);
  });
});
