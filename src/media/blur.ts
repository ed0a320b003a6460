// The blur fix: faces made unrecognisable on a copy of the photo. Each face's region (the
// detector's box grown to take in hair, ears and chin) is pixelated to about ten blocks across,
// then blurred with a Gaussian half a block wide, which also smooths the block edges away. What
// is left has no detail a person or a sharpening filter could recover: the test measures the
// variance of the Laplacian inside the box before and after (test/integration/media-images).
import sharp from 'sharp';
import type { OverlayOptions } from 'sharp';
import { grow } from './geometry.ts';
import type { RawImage } from './image.ts';
import type { Box } from './types.ts';

/** How much larger than the detector's box the blurred region is (the box is eyes to chin). */
export const BLUR_GROWTH = 1.6;
/** Blocks across the blurred region's longer side. */
export const BLOCKS = 10;

/** The region blurred for a face box, in the image's pixels. */
export function blurRegion(box: Box, width: number, height: number): Box {
  return grow(box, BLUR_GROWTH, width, height);
}

/** The overlays that blur the given boxes, for sharp's composite over the same raw image. */
export async function blurOverlays(image: RawImage, boxes: Box[]): Promise<OverlayOptions[]> {
  const { width, height, channels } = image;
  const raw = { width, height, channels: channels as 1 | 2 | 3 | 4 };
  const overlays: OverlayOptions[] = [];
  for (const box of boxes) {
    const [left, top, w, h] = blurRegion(box, width, height);
    const block = Math.max(2, Math.round(Math.max(w, h) / BLOCKS));
    const small = await sharp(image.data, { raw })
      .extract({ left, top, width: w, height: h })
      .resize(Math.max(1, Math.round(w / block)), Math.max(1, Math.round(h / block)), { fit: 'fill', kernel: 'linear' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const patch = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
      .resize(w, h, { fit: 'fill', kernel: 'nearest' })
      .blur(Math.max(0.5, block / 2))
      .raw()
      .toBuffer({ resolveWithObject: true });
    overlays.push({ input: patch.data, raw: { width: patch.info.width, height: patch.info.height, channels: patch.info.channels }, left, top });
  }
  return overlays;
}
