// The face detector: detection only. It finds where faces are and how sure it is; it computes no
// descriptor, embedding, landmark set, age, gender or emotion, and recognises nobody (AVG art. 9,
// docs/privacy.md). One model per process, loaded on first use (a lazy singleton).
//
// Steps for one image: (1) the whole image and overlapping tiles (tiles.ts), each scaled to the
// model's 256 × 256 input, give candidate boxes; (2) candidates that touch a tile's inner edge are
// dropped (another window sees that face whole); (3) the rest are merged (geometry.ts); (4) an
// uncertain candidate gets a second look on crops centred on it at four (and three) times its
// size, where a real face scores high and a door handle or a dark corner does not.
import { anchors, decode, INPUT_SIZE } from './blazeface.ts';
import type { Detection } from './blazeface.ts';
import { iou, suppress } from './geometry.ts';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LoadedModel } from './model.ts';
import type { RgbImage } from './resample.ts';
import { windowToInput } from './resample.ts';
import { planTiles, touchesInnerEdge } from './tiles.ts';
import type { TileOptions } from './tiles.ts';
import type { Box, Face } from './types.ts';

export interface DetectOptions {
  /** Look at tiles besides the whole image (default true): needed for small faces. */
  tiles?: boolean;
  tileOptions?: TileOptions;
  /** The lowest score of a candidate (default 0.5). */
  minScore?: number;
  /** Candidates found on the whole image at or above this score need no second look (default 0.75). */
  sureScore?: number;
  /** The score an uncertain candidate needs at both zooms of its second look (default 0.65). */
  verifyScore?: number;
}

// detailBelow: a candidate smaller than this (working-copy pixels) gets its second look on the
// larger copy; a larger one is sharp enough in the working copy.
export const DEFAULTS = { minScore: 0.5, sureScore: 0.75, verifyScore: 0.65, verifyContext: 4, detailBelow: 48 } as const;

let loading: Promise<LoadedModel> | null = null;
const ANCHORS = anchors(INPUT_SIZE);

function model(): Promise<LoadedModel> {
  if (!loading) {
    const p = import('./model.ts').then((m) => m.loadModel());
    p.catch(() => {
      if (loading === p) loading = null; // a later call may try again
    });
    loading = p;
  }
  return loading;
}

/** Loads the model now (a server may call this at start, so the first upload is not slower). */
export async function warmUpFaceDetector(): Promise<void> {
  await model();
}

/** Frees the model. The next detection loads it again. */
export async function closeFaceDetector(): Promise<void> {
  const current = loading;
  loading = null;
  if (current) (await current.catch(() => null))?.model.dispose();
}

// One pass of the model over one input; synchronous on the WebAssembly backend.
function run(m: LoadedModel, input: Float32Array, minScore: number): Detection[] {
  const { tf, model: graph } = m;
  const x = tf.tensor4d(input, [1, INPUT_SIZE, INPUT_SIZE, 3]);
  try {
    const outputs = graph.execute(x) as Tensor[];
    try {
      // Four outputs: scores [1,512,1] and [1,384,1], boxes [1,512,16] and [1,384,16].
      const bySize = [...outputs].sort((a, b) => a.size - b.size);
      const [s32, s16, b32, b16] = bySize.map((t) => t.dataSync() as Float32Array);
      const logits = new Float32Array(s16!.length + s32!.length);
      logits.set(s16!, 0);
      logits.set(s32!, s16!.length);
      const boxes = new Float32Array(b16!.length + b32!.length);
      boxes.set(b16!, 0);
      boxes.set(b32!, b16!.length);
      return decode({ logits, boxes }, ANCHORS, minScore);
    } finally {
      for (const t of outputs) t.dispose();
    }
  } finally {
    x.dispose();
  }
}

export interface Candidate {
  box: Box;
  score: number;
  /** 0: found on the whole image; 1: on a tile. */
  level: 0 | 1;
}

/** Step 1–3: the merged candidates of the whole image and its tiles, before the second look. */
export async function findCandidates(image: RgbImage, options: DetectOptions = {}): Promise<Candidate[]> {
  return (await candidatesWithSupport(image, options)).kept;
}

async function candidatesWithSupport(image: RgbImage, options: DetectOptions): Promise<{ kept: Candidate[]; all: Candidate[] }> {
  const m = await model();
  const minScore = options.minScore ?? DEFAULTS.minScore;
  const { width, height } = image;
  const plan = planTiles(width, height, options.tiles === false ? { rows: 0 } : options.tileOptions);
  const input = new Float32Array(INPUT_SIZE * INPUT_SIZE * 3);
  const candidates: Candidate[] = [];
  plan.windows.forEach((win, w) => {
    windowToInput(image, win, INPUT_SIZE, input);
    for (const d of run(m, input, minScore)) {
      if (w > 0 && touchesInnerEdge(d.box, win, width, height)) continue;
      const [x, y, bw, bh] = d.box;
      candidates.push({ box: [win[0] + x * win[2], win[1] + y * win[3], bw * win[2], bh * win[3]], score: d.score, level: w === 0 ? 0 : 1 });
    }
  });
  return { kept: suppress(candidates), all: candidates };
}

/** Step 4: the score of the candidate on a crop centred on it (see `verify`). */
export async function secondLook(image: RgbImage, box: Box, context: number = DEFAULTS.verifyContext): Promise<number> {
  return verify(await model(), image, box, new Float32Array(INPUT_SIZE * INPUT_SIZE * 3), context);
}

/**
 * The faces in an RGB image, boxes in its pixels, highest score first. Sized for photos: the
 * caller passes a working copy of about 1,000 pixels a side (image.ts) and, for the second look
 * at small uncertain candidates, optionally a larger copy (`detail`) of the same image, or a
 * function that makes it when it is first needed.
 *
 * The second look: a candidate found on the whole image with a score of at least `sureScore` is
 * a face. Any other is looked at again, centred in a crop four times its size: at 0.85 or more it
 * is a face, under 0.6 it is not; in between, a crop three times its size decides (both at least
 * `verifyScore`). A real face stays a face at both zooms; a door handle that looks like a face
 * (pareidolia) or a dark corner seen through a tile does not. Measured: docs/media.md.
 */
export async function detectFaces(image: RgbImage, options: DetectOptions & { detail?: RgbImage | (() => Promise<RgbImage>) } = {}): Promise<Face[]> {
  const m = await model();
  const sureScore = options.sureScore ?? DEFAULTS.sureScore;
  const verifyScore = options.verifyScore ?? DEFAULTS.verifyScore;
  // The larger copy is made only when a small candidate needs it (a decode costs time).
  let detailed: RgbImage | null = typeof options.detail === 'function' ? null : (options.detail ?? image);
  const detailFor = async (box: Box): Promise<RgbImage> => {
    if (Math.max(box[2], box[3]) >= DEFAULTS.detailBelow || !options.detail) return image;
    detailed ??= await (options.detail as () => Promise<RgbImage>)();
    return detailed;
  };
  const input = new Float32Array(INPUT_SIZE * INPUT_SIZE * 3);
  const faces: Face[] = [];
  const { kept, all } = await candidatesWithSupport(image, options);
  for (const c of kept) {
    let score = c.score;
    // Seen on the whole image with a sure score (perhaps also, more sharply, on a tile): a face.
    const sure = all.some((o) => o.level === 0 && o.score >= sureScore && iou(o.box, c.box) >= 0.3);
    if (!sure) {
      const detail = await detailFor(c.box);
      const k = detail.width / image.width;
      const box: Box = [c.box[0] * k, c.box[1] * k, c.box[2] * k, c.box[3] * k];
      const wide = verify(m, detail, box, input, 4);
      if (wide < 0.6) continue;
      if (wide < 0.85) {
        const near = verify(m, detail, box, input, 3);
        if (Math.min(wide, near) < verifyScore) continue;
      }
      score = Math.max(score, wide);
    }
    faces.push({ box: c.box, score: Math.round(score * 1000) / 1000 });
  }
  return faces.sort((a, b) => b.score - a.score);
}

// The best score of a face centred in a square crop of four times the candidate's size.
function verify(m: LoadedModel, image: RgbImage, box: Box, input: Float32Array, context: number = DEFAULTS.verifyContext): number {
  const side = Math.max(box[2], box[3]) * context;
  const cx = box[0] + box[2] / 2;
  const cy = box[1] + box[3] / 2;
  windowToInput(image, [cx - side / 2, cy - side / 2, side, side], INPUT_SIZE, input);
  let best = 0;
  for (const d of run(m, input, 0.3)) {
    const dx = d.box[0] + d.box[2] / 2 - 0.5;
    const dy = d.box[1] + d.box[3] / 2 - 0.5;
    const ratio = d.box[2] * context;
    if (Math.abs(dx) < 0.12 && Math.abs(dy) < 0.12 && ratio > 0.5 && ratio < 2) best = Math.max(best, d.score);
  }
  return best;
}
