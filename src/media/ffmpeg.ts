// ffmpeg and ffprobe as child processes: Debian's package (`apt-get install ffmpeg`, which
// .ci/run does), or the binaries named by POSTWIJZER_FFMPEG / POSTWIJZER_FFPROBE. Inputs go
// through a private temporary folder (an MP4's index may sit at its end, so ffmpeg needs to
// seek); the folder is removed in `finally`, whatever happens.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { MediaError } from './errors.ts';

/** The prefix of the temporary folders (tests check that none is left behind). */
export const TEMP_PREFIX = 'postwijzer-media-';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

const found = new Map<string, string | null>();

/** The path of ffmpeg or ffprobe, or null when this machine has none. */
export function findTool(name: 'ffmpeg' | 'ffprobe'): string | null {
  const env = name === 'ffmpeg' ? process.env.POSTWIJZER_FFMPEG : process.env.POSTWIJZER_FFPROBE;
  if (env) return env;
  if (!found.has(name)) {
    // ffprobe beside a configured ffmpeg, else on the PATH.
    const sibling = name === 'ffprobe' && process.env.POSTWIJZER_FFMPEG ? join(dirname(process.env.POSTWIJZER_FFMPEG), 'ffprobe') : null;
    found.set(name, sibling && executable(sibling) ? sibling : onPath(name));
  }
  return found.get(name)!;
}

function requireTool(name: 'ffmpeg' | 'ffprobe'): string {
  const path = findTool(name);
  if (!path) throw new MediaError('unavailable', `Video and sound need ${name}, which is not installed on this server (Debian: apt-get install ffmpeg).`);
  return path;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs ffmpeg or ffprobe; rejects with the last lines of its error output when it fails. Killed
 * after `timeoutMs` or when its output passes `maxOutput` bytes.
 */
export function runTool(name: 'ffmpeg' | 'ffprobe', args: string[], options: { timeoutMs?: number; maxOutput?: number } = {}): Promise<RunResult> {
  const { timeoutMs = 120_000, maxOutput = 512 * 1024 * 1024 } = options;
  const bin = requireTool(name);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: Error | null = null;
    const timer = setTimeout(() => {
      failure = new Error(`${name} took longer than ${timeoutMs / 1000} s`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxOutput) {
        failure = new Error(`${name} wrote more than ${maxOutput} bytes`);
        child.kill('SIGKILL');
      } else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' || e.code === 'EACCES' ? new MediaError('unavailable', `Video and sound need ${name}, which cannot be started on this server (${bin}: ${e.code}).`, { cause: e }) : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(stderr.trim().split('\n').slice(-3).join(' ') || `${name} exited with code ${code}`));
      else resolve({ stdout: Buffer.concat(chunks), stderr });
    });
  });
}

/** Runs `fn` with the bytes in a file of a fresh private folder, removed afterwards. */
export async function withTempFile<T>(bytes: Uint8Array, extension: string, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), TEMP_PREFIX));
  try {
    const file = join(dir, `input.${extension}`);
    await writeFile(file, bytes, { mode: 0o600 });
    return await fn(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
