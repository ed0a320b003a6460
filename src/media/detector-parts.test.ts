// The pure parts of the detector: anchors and decoding, tiles, merging, the resampler.
import { describe, expect, it } from 'vitest';
import { anchors, decode } from './blazeface.ts';
import { BLUR_GROWTH, blurRegion } from './blur.ts';
import { clamp, containment, iou, suppress } from './geometry.ts';
import { windowToInput } from './resample.ts';
import { planTiles, touchesInnerEdge } from './tiles.ts';

describe('blazeface decoding', () => {
  it('has 896 anchors: 16 × 16 × 2 at stride 16, then 8 × 8 × 6 at stride 32', () => {
    const a = anchors();
    expect(a.length).toBe(896 * 2);
    expect([a[0], a[1]]).toEqual([8, 8]);
    expect([a[512 * 2], a[512 * 2 + 1]]).toEqual([16, 16]);
  });

  it('turns logits and offsets into boxes as fractions of the input', () => {
    const a = anchors();
    const logits = new Float32Array(896).fill(-10);
    const boxes = new Float32Array(896 * 16);
    logits[0] = 2; // score 0.88
    boxes.set([4, -2, 32, 40], 0); // centre (12, 6), 32 × 40
    const [d, ...rest] = decode({ logits, boxes }, a, 0.5);
    expect(rest).toEqual([]);
    expect(d!.score).toBeCloseTo(0.881, 3);
    expect(d!.box.map((v) => v * 256)).toEqual([-4, -14, 32, 40]);
  });
});

describe('tiles', () => {
  it('plans the whole image and a 3-row grid, overlapping', () => {
    const p = planTiles(1024, 768);
    expect(p.windows.length).toBe(1 + 3 * 4);
    expect(p.windows[0]).toEqual([0, 0, 1024, 768]);
    const tiles = p.windows.slice(1);
    expect(Math.max(...tiles.map((t) => t[0] + t[2]))).toBe(1024);
    expect(Math.max(...tiles.map((t) => t[1] + t[3]))).toBe(768);
    expect(tiles[1]![0] - tiles[0]![0]).toBeLessThan(p.tile * 0.85); // overlap of at least 15%
    expect(planTiles(200, 150).windows.length).toBe(1); // too small for tiles
    expect(planTiles(1024, 768, { rows: 0 }).windows.length).toBe(1);
  });

  it('knows when a detection is cut by an inner edge of its tile', () => {
    expect(touchesInnerEdge([0.995, 0.4, 0.1, 0.1], [0, 0, 300, 300], 1000, 800)).toBe(true);
    expect(touchesInnerEdge([0.9, 0.4, 0.1, 0.1], [700, 0, 300, 300], 1000, 800)).toBe(false); // the image's own edge
    expect(touchesInnerEdge([0.4, 0.4, 0.1, 0.1], [300, 300, 300, 300], 1000, 800)).toBe(false);
  });
});

describe('geometry', () => {
  it('merges overlapping and contained boxes, keeping the best', () => {
    expect(iou([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(1 / 3);
    expect(containment([0, 0, 10, 10], [2, 2, 4, 4])).toBe(1);
    const kept = suppress([
      { box: [0, 0, 10, 10], score: 0.7 },
      { box: [1, 1, 10, 10], score: 0.9 },
      { box: [2, 2, 3, 3], score: 0.95 },
      { box: [50, 50, 10, 10], score: 0.6 },
    ]);
    expect(kept.map((k) => k.score)).toEqual([0.95, 0.6]);
    expect(clamp([-5.5, 3.2, 20, 200], 100, 100)).toEqual([0, 3, 15, 97]);
  });

  it('blurs a region larger than the box, inside the image', () => {
    const [x, y, w] = blurRegion([100, 100, 50, 50], 1000, 1000);
    expect(w).toBeCloseTo(50 * BLUR_GROWTH, 0);
    expect(x).toBeLessThan(100);
    expect(y).toBeLessThan(100);
    expect(blurRegion([0, 0, 50, 50], 60, 60)).toEqual([0, 0, 60, 60]);
  });
});

describe('windowToInput', () => {
  const image = (w: number, h: number, f: (x: number, y: number) => number) => {
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(f(x, y), (y * w + x) * 3, (y * w + x) * 3 + 3);
    return { data, width: w, height: h };
  };

  it('keeps flat colour flat and maps 0–255 to -1–1, shrinking or enlarging', () => {
    for (const side of [600, 100]) {
      const out = windowToInput(image(side, side, () => 255), [0, 0, side, side], 16);
      expect(Math.min(...out)).toBeCloseTo(1, 5);
      expect(Math.max(...out)).toBeCloseTo(1, 5);
    }
  });

  it('fills what lies outside the image with mid-grey', () => {
    const out = windowToInput(image(10, 10, () => 0), [-10, 0, 20, 10], 20);
    expect(out[0]).toBeCloseTo(0, 5); // left half: outside
    expect(out[(5 * 20 + 19) * 3]).toBeCloseTo(-1, 5); // right half: black
  });

  it('averages when shrinking (a fine checkerboard becomes grey, not aliased)', () => {
    const out = windowToInput(image(512, 512, (x, y) => ((x + y) % 2 ? 255 : 0)), [0, 0, 512, 512], 64);
    for (const v of out.subarray(3 * 64 * 10, 3 * 64 * 11)) expect(Math.abs(v)).toBeLessThan(0.05);
  });
});
