// The engine must run in the browser: bundling it for the browser platform must succeed without
// any Node built-in. esbuild fails the build on a `node:` import it cannot resolve there.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('engine in the browser', () => {
  it('bundles for the browser platform with no node: imports', async () => {
    const result = await build({
      entryPoints: ['src/engine/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.startsWith('node:'))).toBe(false);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/);
    // The bundle works: it checks a case without any Node API.
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    const r = mod.checkCase({ post: { author: { role: 'guardian' }, channel: { kind: 'school' }, text: 'Bel 06-12345678' } });
    expect(r.findings.map((f: { code: string }) => f.code)).toContain('personal.phone');
  });

  it('fails when the engine imports a Node built-in (the check can fail)', async () => {
    await expect(
      build({
        stdin: { contents: "import { readFileSync } from 'node:fs'; export const x = readFileSync;", resolveDir: 'src/engine', loader: 'ts' },
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      }),
    ).rejects.toThrow();
  });
});
