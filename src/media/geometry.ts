// Boxes: overlap measures, merging detections, and clamping. Pure.
import type { Box } from './types.ts';

function intersection(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Intersection over union. */
export function iou(a: Box, b: Box): number {
  const i = intersection(a, b);
  return i === 0 ? 0 : i / (a[2] * a[3] + b[2] * b[3] - i);
}

/** How much of the smaller box lies inside the other (1: wholly inside). */
export function containment(a: Box, b: Box): number {
  const i = intersection(a, b);
  return i === 0 ? 0 : i / Math.min(a[2] * a[3], b[2] * b[3]);
}

/**
 * Non-maximum suppression over detections from overlapping windows: the highest score wins, and
 * a box that overlaps a kept one (IoU ≥ 0.3) or lies mostly inside it (a face half-seen at a
 * tile's edge, or seen at two scales) is dropped.
 */
export function suppress<T extends { box: Box; score: number }>(items: T[], maxIou = 0.3, maxContainment = 0.5): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const d of sorted) if (kept.every((k) => iou(k.box, d.box) < maxIou && containment(k.box, d.box) < maxContainment)) kept.push(d);
  return kept;
}

/** The box grown by `factor` around its centre, clamped to the image. */
export function grow(box: Box, factor: number, width: number, height: number): Box {
  const cx = box[0] + box[2] / 2;
  const cy = box[1] + box[3] / 2;
  return clamp([cx - (box[2] * factor) / 2, cy - (box[3] * factor) / 2, box[2] * factor, box[3] * factor], width, height);
}

/** The box inside the image, in whole pixels (at least 1 × 1). */
export function clamp(box: Box, width: number, height: number): Box {
  const x0 = Math.max(0, Math.min(width - 1, Math.floor(box[0])));
  const y0 = Math.max(0, Math.min(height - 1, Math.floor(box[1])));
  const x1 = Math.max(x0 + 1, Math.min(width, Math.ceil(box[0] + box[2])));
  const y1 = Math.max(y0 + 1, Math.min(height, Math.ceil(box[1] + box[3])));
  return [x0, y0, x1 - x0, y1 - y0];
}
