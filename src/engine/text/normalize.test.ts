import { describe, expect, it } from 'vitest';
import { fold, foldString, toOriginal } from './normalize.ts';
import { tokenize } from './tokens.ts';

describe('folding', () => {
  it('folds case, diacritics and the Turkish dotless i', () => {
    expect(foldString('Zoë Çelik')).toBe('zoe celik');
    expect(foldString('YILDIZ İlknur')).toBe('yildiz ilknur');
    expect(foldString('Sanne’s')).toBe("sanne's");
  });

  it('maps spans back to the original, across emoji and decomposed accents', () => {
    const text = '🌋 Zoe\u0308 en Noe\u0308l';
    const f = fold(text);
    const i = f.text.indexOf('noel');
    expect(text.slice(...toOriginal(f, i, i + 4))).toBe('Noe\u0308l');
    const z = f.text.indexOf('zoe');
    expect(text.slice(...toOriginal(f, z, z + 3))).toBe('Zoe\u0308');
  });
});

describe('tokens and sentences', () => {
  it('splits sentences but not at abbreviations or dates', () => {
    const { sentences, tokens } = tokenize(foldString('Geb. 2.4.2017 in Amsterdam. Daarna verhuisd! Klaar'));
    expect(sentences).toHaveLength(3);
    expect(tokens.find((t) => t.word === 'amsterdam')?.sentence).toBe(0);
  });

  it('strips a possessive', () => {
    const { tokens } = tokenize("sanne's fiets");
    expect(tokens[0]).toMatchObject({ word: 'sanne', raw: "sanne's" });
  });
});
