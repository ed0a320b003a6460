// Starting the real server: in-process (startServer) and as the `postwijzer serve` process that
// `npm start` runs, on a fresh PGlite data folder: database created, migrated, demo seeded,
// /health ok, SIGTERM ends it with exit code 0.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'pw-start-'));
  dirs.push(d);
  return d;
};
/** The PGlite folder the first test created and seeded: the process test starts on it again. */
let seededDir: string | undefined;
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
}, 60_000);

describe('startServer', () => {
  it(
    'opens, migrates and seeds the database, answers /health, and closes',
    async () => {
      // On test:pg, a database of its own on the PostgreSQL server; else a fresh PGlite folder.
      const given = onPostgres ? await openTestDatabase() : undefined;
      const dataDir = join(tempDir(), 'pglite');
      const server = await startServer({
        port: 0,
        handleSignals: false,
        logger: false,
        print: false,
        ...(given ? { database: given } : { dataDir }),
      });
      try {
        expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
        expect(server.seeded?.schools.map((s) => s.brin)).toEqual(['99AA', '99AB']);
        const res = await fetch(`${server.url}/health`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: 'ok' });
        const rows = await server.database.query<{ n: number }>(`select count(*)::int as n from people where kind = 'student'`);
        expect(rows[0]!.n).toBeGreaterThan(350);
        if (!given) seededDir = dataDir;
      } finally {
        await server.close();
        // A database passed in stays open: it is the caller's.
        if (given) {
          await expect(given.query('select 1')).resolves.toBeDefined();
          await given.close();
        }
      }
    },
    180_000,
  );

  it(
    'leaves a database that has data alone, and can skip seeding',
    async () => {
      const database = await openTestDatabase();
      try {
        const server = await startServer({ port: 0, handleSignals: false, logger: false, print: false, database, seed: false });
        expect(server.seeded).toBeNull();
        await server.close();
        const rows = await database.query<{ n: number }>(`select count(*)::int as n from boards`);
        expect(rows[0]!.n).toBe(0);
      } finally {
        await database.close();
      }
    },
    120_000,
  );
});

describe('postwijzer serve as a process', () => {
  it(
    'prints the URL, the database and the demo schools, answers /health, and exits 0 on SIGTERM',
    async () => {
      // The folder the first test seeded (a restart: nothing is seeded again), else a fresh one.
      const dataDir = seededDir ?? join(tempDir(), 'pglite');
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', POSTWIJZER_DATA_DIR: dataDir };
      delete env.DATABASE_URL; // the zero-setup default: PGlite
      const child = spawn(process.execPath, ['bin/postwijzer.mjs', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /Postwijzer luistert op (http:\/\/\S+)/.exec(out);
            const demo = seededDir ? /Demoscholen: .*99AA.*99AB/ : /Demo aangemaakt: .*99AA.*99AB/;
            if (m && demo.test(out) && /tweede factor \(TOTP\) in\./.test(out)) resolve(m[1]!);
          });
          void exited.then((code) => reject(new Error(`serve exited with ${code} before listening: ${err}`)));
        });
        expect(out).toMatch(/Database: PGlite in .*pglite/);
        const res = await fetch(`${url}/health`);
        expect(await res.json()).toEqual({ status: 'ok' });
        // The printed demo sign-in works.
        const password = /met wachtwoord "([^"]+)"/.exec(out)![1]!;
        const email = /^\s+(directeur@\S+)\s+directeur$/m.exec(out)![1]!;
        const signIn = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
        expect(await signIn.json()).toMatchObject({ status: 'signed_in' });

        const t0 = Date.now();
        child.kill('SIGTERM');
        const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000))]);
        expect(code, err).toBe(0);
        expect(Date.now() - t0).toBeLessThan(5_000);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
    180_000,
  );
});
