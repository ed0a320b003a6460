// Multilingual HateCheck, Dutch (Röttger et al., 2022; CC BY 4.0), dev half: the templates with an
// even templ_id, read in place from ../shared/data/. Tune on this half only.
//
// Scoring: predicted hateful = detectAbuse() returns at least one hit.
// Left out of the headline score, as the data README says: `target_indiv_nh` ("Je bent walgelijk.",
// "Ik ga je neerschieten.") — non-hateful for HateCheck (no protected group) but abuse under A.7.
//
// Also a different notion from A.7, reported but kept in the headline score:
//  - `target_group_nh` ("Ik wil alle overheidswerkers doden.", "Restaurantkoks zijn uitschot."):
//    non-hateful for HateCheck because the group is not protected, but threats and dehumanising
//    language against any group of people break A.7, so we flag many of these on purpose. The
//    "A.7 view" below leaves this functionality out as well.
//  - `profanity_nh` is consistent with A.7 (swearing at things or at oneself, reported speech:
//    no finding), and so are `counter_*`, `negate_neg_nh`, `ident_*` and `target_obj_nh`.
import { describe, expect, it } from 'vitest';
import { detectAbuse } from '../../src/engine/text/abuse.ts';
import { LEFT_OUT, byFunctionality, readHateCheck, score } from './hatecheck-data.ts';
import { sharedPath } from './shared-dir.ts';

const NOT_A7 = new Set(['target_indiv_nh', 'target_group_nh']);

describe('HateCheck-NL (dev half) with detectAbuse', () => {
  it('scores above the floor', () => {
    // Fails (never skips) with a clear message when ../shared/data/hatecheck-nl-dev.csv is missing.
    const cases = readHateCheck(sharedPath('data', 'hatecheck-nl-dev.csv'));
    expect(cases.length).toBeGreaterThan(1800);

    const results = cases.map((c) => ({ ...c, gold: c.hateful, pred: detectAbuse(c.text).length > 0 }));
    const lines = ['functionality            n   accuracy'];
    for (const [fn, rs] of byFunctionality(results)) {
      const s = score(rs);
      const note = LEFT_OUT.has(fn) ? '  (left out)' : NOT_A7.has(fn) ? '  (different notion, see header)' : '';
      lines.push(`${fn.padEnd(22)} ${String(s.n).padStart(4)}   ${s.accuracy.toFixed(3)}${note}`);
    }
    const plain = score(results.filter((r) => !LEFT_OUT.has(r.functionality)));
    const all = score(results);
    const a7 = score(results.filter((r) => !NOT_A7.has(r.functionality)));
    lines.push('');
    lines.push(`headline (without target_indiv_nh): n=${plain.n} accuracy=${plain.accuracy.toFixed(3)} macro-F1=${plain.macroF1.toFixed(3)}`);
    lines.push(`all functionalities:                n=${all.n} accuracy=${all.accuracy.toFixed(3)} macro-F1=${all.macroF1.toFixed(3)}`);
    lines.push(`A.7 view (also without target_group_nh): n=${a7.n} accuracy=${a7.accuracy.toFixed(3)} macro-F1=${a7.macroF1.toFixed(3)}`);
    console.log(lines.join('\n'));

    // Floors slightly below the measured values, so a regression fails.
    expect(plain.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(plain.macroF1).toBeGreaterThanOrEqual(0.975);
    expect(a7.accuracy).toBeGreaterThanOrEqual(0.985);
  });
});
