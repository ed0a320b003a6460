// Cuts a window out of an RGB image and scales it to the detector's square input, as floats in
// [-1, 1]. Area averaging when shrinking (no aliasing on a 12-megapixel photo), bilinear-like
// when enlarging; parts of the window outside the image are mid-grey. Pure and fast enough
// (a few milliseconds per 256 × 256 input), so no decoder call per tile.
import type { Box } from './types.ts';

export interface RgbImage {
  /** Interleaved RGB, 3 bytes a pixel, row after row. */
  data: Uint8Array;
  width: number;
  height: number;
}

interface Taps {
  /** Source index of each tap; -1 for an output position outside the image (mid-grey). */
  index: Int32Array;
  weights: Float32Array;
  stride: number;
}

// For each output position, the source positions and weights: a box filter as wide as the scale
// (softened by half a pixel each side) when shrinking, linear when enlarging. Taps past the
// image's edge repeat the edge pixel; an output position whose centre lies outside the image is
// mid-grey (index -1).
function taps(offset: number, span: number, n: number, out: number): Taps {
  const scale = span / out;
  const half = Math.max(scale, 1) / 2;
  const stride = Math.ceil(half * 2 + 1) + 1;
  const index = new Int32Array(out * stride).fill(-1);
  const weights = new Float32Array(out * stride);
  for (let i = 0; i < out; i++) {
    const centre = offset + (i + 0.5) * scale;
    if (centre < 0 || centre >= n) continue;
    const lo = Math.floor(centre - half - 0.5);
    let total = 0;
    for (let k = 0; k < stride; k++) {
      const s = lo + k;
      const w = scale < 1 ? Math.max(0, 1 - Math.abs(s + 0.5 - centre)) : Math.max(0, Math.min(s + 1, centre + half + 0.5) - Math.max(s, centre - half - 0.5));
      index[i * stride + k] = Math.min(n - 1, Math.max(0, s));
      weights[i * stride + k] = w;
      total += w;
    }
    for (let k = 0; k < stride; k++) weights[i * stride + k]! /= total || 1;
  }
  return { index, weights, stride };
}

/** The window of the image scaled to size × size, normalised to [-1, 1] (x / 127.5 - 1), RGB. */
export function windowToInput(image: RgbImage, window: Box, size: number, out: Float32Array = new Float32Array(size * size * 3)): Float32Array {
  const { data, width, height } = image;
  const [wx, wy, ww, wh] = window;
  const tx = taps(wx, ww, width, size);
  const ty = taps(wy, wh, height, size);
  // The source rows the vertical pass needs.
  let y0 = height;
  let y1 = 0;
  for (const r of ty.index) if (r >= 0) [y0, y1] = [Math.min(y0, r), Math.max(y1, r + 1)];
  const rows = Math.max(0, y1 - y0);
  // Horizontal pass: those rows at the output's width.
  const mid = new Float32Array(rows * size * 3);
  for (let r = 0; r < rows; r++) {
    const src = (y0 + r) * width * 3;
    for (let i = 0; i < size; i++) {
      const m = (r * size + i) * 3;
      if (tx.index[i * tx.stride]! < 0) {
        mid[m] = mid[m + 1] = mid[m + 2] = 127.5;
        continue;
      }
      let R = 0;
      let G = 0;
      let B = 0;
      for (let k = 0; k < tx.stride; k++) {
        const w = tx.weights[i * tx.stride + k]!;
        if (w === 0) continue;
        const p = src + tx.index[i * tx.stride + k]! * 3;
        R += data[p]! * w;
        G += data[p + 1]! * w;
        B += data[p + 2]! * w;
      }
      mid[m] = R;
      mid[m + 1] = G;
      mid[m + 2] = B;
    }
  }
  // Vertical pass, normalised to [-1, 1].
  for (let j = 0; j < size; j++) {
    const outside = ty.index[j * ty.stride]! < 0;
    for (let i = 0; i < size; i++) {
      const o = (j * size + i) * 3;
      if (outside) {
        out[o] = out[o + 1] = out[o + 2] = 0;
        continue;
      }
      let R = 0;
      let G = 0;
      let B = 0;
      for (let k = 0; k < ty.stride; k++) {
        const w = ty.weights[j * ty.stride + k]!;
        if (w === 0) continue;
        const m = ((ty.index[j * ty.stride + k]! - y0) * size + i) * 3;
        R += mid[m]! * w;
        G += mid[m + 1]! * w;
        B += mid[m + 2]! * w;
      }
      out[o] = R / 127.5 - 1;
      out[o + 1] = G / 127.5 - 1;
      out[o + 2] = B / 127.5 - 1;
    }
  }
  return out;
}
