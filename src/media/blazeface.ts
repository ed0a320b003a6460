// BlazeFace (the "back camera" model shipped in @vladmandic/human, 256 × 256 input): its anchors
// and the decoding of its raw output into boxes. Pure: the model runs in detector.ts.
//
// The model has four outputs: scores and boxes for 512 anchors at stride 16 (two per cell of a
// 16 × 16 grid) and for 384 anchors at stride 32 (six per cell of an 8 × 8 grid). Each box row
// holds 16 numbers: the centre offset and size, then six key points, which we do not use.

export const INPUT_SIZE = 256;

/** [cx, cy] in input pixels for each of the 896 anchors, stride-16 anchors first. */
export function anchors(size = INPUT_SIZE): Float32Array {
  const spec: [stride: number, perCell: number][] = [
    [16, 2],
    [32, 6],
  ];
  const out: number[] = [];
  for (const [stride, perCell] of spec) {
    const cells = Math.ceil(size / stride);
    for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) for (let k = 0; k < perCell; k++) out.push(stride * (x + 0.5), stride * (y + 0.5));
  }
  return Float32Array.from(out);
}

export interface RawOutputs {
  /** Logits, one per anchor, in anchor order (stride 16 then stride 32). */
  logits: Float32Array;
  /** 16 numbers per anchor, in anchor order. */
  boxes: Float32Array;
}

/** A detection in the model's input, as fractions 0–1 of the input's side. */
export interface Detection {
  box: [x: number, y: number, w: number, h: number];
  score: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

/** The anchors whose score is at least minScore, decoded; not yet merged. */
export function decode(out: RawOutputs, anchorPoints: Float32Array, minScore: number, size = INPUT_SIZE): Detection[] {
  const threshold = logit(minScore);
  const result: Detection[] = [];
  const n = out.logits.length;
  for (let i = 0; i < n; i++) {
    const l = out.logits[i]!;
    if (l < threshold) continue;
    const o = i * 16;
    const cx = out.boxes[o]! + anchorPoints[2 * i]!;
    const cy = out.boxes[o + 1]! + anchorPoints[2 * i + 1]!;
    const w = out.boxes[o + 2]!;
    const h = out.boxes[o + 3]!;
    if (!(w > 0 && h > 0)) continue;
    result.push({ box: [(cx - w / 2) / size, (cy - h / 2) / size, w / size, h / size], score: 1 / (1 + Math.exp(-l)) });
  }
  return result;
}
