// Where the detector looks. BlazeFace sees a 256 × 256 input and finds faces from about 18 input
// pixels wide: on a whole class photo shrunk to 256 pixels the children's faces are too small.
// So besides the whole image it looks at overlapping square tiles, each shrunk to 256 on its own.
// Pure. Measured recall with and without tiles: docs/media.md ("Tiling").
import type { Box } from './types.ts';

export interface TilePlan {
  /** The whole image first, then the tiles; each a window [x, y, w, h] in image pixels. */
  windows: Box[];
  /** The tiles' side, 0 when there are none. */
  tile: number;
}

export interface TileOptions {
  /** Rows of tiles across the short side (default 3; 0 or 1: the whole image only). */
  rows?: number;
  /** The least overlap of neighbouring tiles, as a fraction of the tile (default 0.2). */
  overlap?: number;
  /** No tiles when they would be smaller than this (in image pixels): the whole image is enough. */
  minTile?: number;
}

/**
 * The whole image, then a grid of square tiles: `rows` across the short side and as many as
 * needed across the long side, each overlapping its neighbours by at least `overlap` of a tile
 * (a face up to that size is whole in some tile; larger faces are found on the whole image).
 * A 4:3 photo gets 3 × 4 tiles, a 3:2 photo 3 × 5, a 16:9 frame 3 × 5.
 */
export function planTiles(width: number, height: number, options: TileOptions = {}): TilePlan {
  const { rows = 3, overlap = 0.2, minTile = 128 } = options;
  const windows: Box[] = [[0, 0, width, height]];
  if (rows <= 1) return { windows, tile: 0 };
  const short = Math.min(width, height);
  const tile = Math.round(short / (rows - (rows - 1) * overlap));
  if (tile < minTile) return { windows, tile: 0 };
  // Up to 0.15 tile of slack: 4.1 tiles' worth of width gets 4 tiles, overlapping a little less.
  const count = (side: number) => Math.max(1, Math.ceil((side - tile * overlap) / (tile * (1 - overlap)) - 0.15));
  const cols = count(width);
  const down = count(height);
  const place = (i: number, n: number, side: number) => (n === 1 ? (side - tile) / 2 : (i * (side - tile)) / (n - 1));
  for (let r = 0; r < down; r++) for (let c = 0; c < cols; c++) windows.push([Math.round(place(c, cols, width)), Math.round(place(r, down, height)), tile, tile]);
  return { windows, tile };
}

/**
 * Whether a detection (fractions of its window) touches an edge of the window that is inside the
 * image: the face is cut there, and a neighbouring tile (or the whole image) sees it whole.
 */
export function touchesInnerEdge(det: Box, window: Box, width: number, height: number, margin = 0.01): boolean {
  const [x, y, w, h] = det;
  const [wx, wy, ww, wh] = window;
  return (x < margin && wx > 0) || (y < margin && wy > 0) || (x + w > 1 - margin && wx + ww < width) || (y + h > 1 - margin && wy + wh < height);
}
