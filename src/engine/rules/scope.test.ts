import { describe, expect, it } from 'vitest';
import { check, findings } from '../testing/factories.ts';

describe('scope (R.2)', () => {
  it('leaves a private weekend post out of scope, with one R.2 finding and nothing else', () => {
    const r = check({ text: 'Zondag lekker naar het strand geweest ☀️' });
    expect(r.verdict).toBe('out_of_scope');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'R.2', severity: 'info' });
  });

  it('keeps out of scope even with a phone number when nothing ties it to school', () => {
    const r = check({ text: 'Fiets te koop, bel 06-12345678' });
    expect(r.verdict).toBe('out_of_scope');
  });

  it.each([
    ['a school channel', { channel: { kind: 'school' as const, platform: 'instagram' }, text: 'Fijne herfstvakantie!' }],
    ['the school name', { text: 'Wat een mooie dag bij De Regenboog' }],
    ['the board by alias', { text: 'Nieuws van de Amsterdamse Stichting voor Katholiek Onderwijs' }],
    ['a full name from the roster', { text: 'Gefeliciteerd Yusuf Demir!' }],
    ['school life (schoolreisje)', { text: 'Het schoolreisje naar Artis was top' }],
    ['school life (groep 7)', { text: 'Groep 7 heeft een vulkaan gebouwd' }],
    ['school life (juf)', { text: 'De juf had een taart meegenomen' }],
    ['media showing roster people', { text: 'Mooi!', media: [{ kind: 'photo' as const, people: ['s2'] }] }],
    ['connections', { author: { personId: 'e1' }, text: 'Hoi', connections: ['Piet Jansen'] }],
  ])('is in scope through %s', (_why, post) => {
    const r = check(post);
    expect(r.verdict).not.toBe('out_of_scope');
    expect(findings(r, 'A.4')).toHaveLength(1);
  });

  it('is in scope when a student posts during lesson hours, even about something else', () => {
    const r = check({ author: { personId: 's2' }, text: 'Zondag lekker naar het strand', at: '2026-11-26T10:00:00+01:00' });
    expect(r.verdict).not.toBe('out_of_scope');
    expect(findings(r, 'lesson_time')).toHaveLength(1);
  });

  it('does not count a bare given name or a driving school as school-related', () => {
    expect(check({ text: 'Sanne en ik gaan naar de rijschool' }).verdict).toBe('out_of_scope');
  });
});

describe('school names as ordinary words', () => {
  it('needs a capital for a name of several words, not for a one-word name', () => {
    expect(check({ text: 'Na de regen kwam de regenboog tevoorschijn' }).verdict).toBe('out_of_scope');
    expect(check({ text: 'Na de regen naar de Regenboog' }).verdict).not.toBe('out_of_scope');
    expect(check({ text: 'nieuws van asko vandaag' }).verdict).not.toBe('out_of_scope');
  });
});
