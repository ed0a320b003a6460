// Loads the face detector's model from node_modules: the BlazeFace files shipped in
// @vladmandic/human, run by TensorFlow.js on its WebAssembly backend (one thread). No network:
// tfjs in Node has no file:// loader without tfjs-node (which does not install here), so this is
// the small loader that reads the two files from disk. The packages load on first use only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as tfCore from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { MediaError } from './errors.ts';

export type Tf = typeof tfCore;

export interface LoadedModel {
  tf: Tf;
  model: GraphModel;
  /** Where the model came from, for the docs and the benchmark. */
  path: string;
}

/** The model's JSON file: POSTWIJZER_FACE_MODEL, or blazeface.json inside @vladmandic/human. */
export function modelPath(): string {
  const override = process.env.POSTWIJZER_FACE_MODEL;
  if (override) return override;
  const require = createRequire(import.meta.url);
  // The package exports no package.json; its Node entry lies in dist/, the models beside it.
  return join(dirname(require.resolve('@vladmandic/human')), '..', 'models', 'blazeface.json');
}

interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: object[] }[];
}

export async function loadModel(): Promise<LoadedModel> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-wasm'); // registers the 'wasm' backend
  const { GraphModel } = await import('@tensorflow/tfjs-converter');
  tf.enableProdMode(); // no per-op correctness checks: about 5 % faster per run
  if (tf.getBackend() !== 'wasm') {
    if (!(await tf.setBackend('wasm'))) throw new MediaError('unavailable', 'The face detector could not start: the TensorFlow.js WebAssembly backend did not load.');
    await tf.ready();
  }
  const path = modelPath();
  let json: ModelJson;
  let weights: Buffer[];
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as ModelJson;
    weights = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dirname(path), p))));
  } catch (e) {
    throw new MediaError('unavailable', `The face detector's model could not be read from ${path}: ${(e as Error).message}.`, { cause: e });
  }
  const all = Buffer.concat(weights);
  const handler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as never,
      weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
    }),
  };
  const model = new GraphModel(handler);
  await model.load();
  return { tf, model, path };
}
