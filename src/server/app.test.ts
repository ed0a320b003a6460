import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import { buildApp } from './app.ts';
import { PAGE_JS } from './page.ts';
import { installShutdownHandlers, startServer } from './start.ts';

// Thursday 26 November 2026, 16:05 in Amsterdam: after lessons, so no lesson-time finding.
const AFTER_LESSONS = '2026-11-26T16:05:00+01:00';
const TEXT = 'Sanne de Vries uit groep 5b heeft de tekenwedstrijd gewonnen!';

function sampleCase(text = TEXT) {
  return {
    school: { name: 'Basisschool De Regenboog', timezone: 'Europe/Amsterdam' },
    roster: [
      { id: 's1', kind: 'student', givenName: 'Sanne', prefix: 'de', familyName: 'Vries', group: '5b' },
      { id: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani', function: 'leerkracht', groups: ['5b'] },
    ],
    post: {
      author: { personId: 'e1' },
      situation: 'work',
      channel: { kind: 'school', platform: 'instagram' },
      at: AFTER_LESSONS,
      text,
    },
  };
}

function postCase(app: FastifyInstance, body: unknown, url = '/api/v1/checks') {
  return app.inject({ method: 'POST', url, payload: body as object });
}

describe('HTTP API', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp();
  });
  afterAll(async () => {
    await app.close();
  });

  // Depends on the engine (personal.name rule).
  it('checks a case: a student full name with group needs a change', async () => {
    const res = await postCase(app, sampleCase());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const result = res.json();
    expect(result.verdict).toBe('allowed_with_changes');
    expect(result.protocol).toBe('asko-2018');
    const name = result.findings.find((f: { code: string }) => f.code === 'personal.name');
    expect(name).toMatchObject({ rule: 'A.2', severity: 'fix', personId: 's1', span: [0, 27] });
  });

  // Depends on the engine (personal.name fix, applyFixes).
  it('applies every fix on /api/v1/checks/fixed', async () => {
    const res = await postCase(app, sampleCase(), '/api/v1/checks/fixed');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.result.verdict).toBe('allowed_with_changes');
    expect(body.fixedText).toBe('Sanne heeft de tekenwedstrijd gewonnen!');
    expect(body.fixed.post.text).toBe(body.fixedText);
    expect(body.fixed.roster).toEqual(sampleCase().roster); // same shape as sent
    const again = (await postCase(app, body.fixed)).json();
    expect(again.findings.filter((f: { severity: string }) => f.severity === 'fix')).toEqual([]);
  });

  it('answers 400 invalid_case with JSON paths for a case the engine rejects', async () => {
    const bad = sampleCase();
    (bad.post as Record<string, unknown>).media = [{ kind: 'painting', people: [] }];
    const res = await postCase(app, bad);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('invalid_case');
    expect(body.message).toMatch(/^invalid case/);
    expect(body.issues).toContainEqual(expect.objectContaining({ path: '$.post.media[0].kind' }));
    expect(res.body).not.toMatch(/\bat \w+ \(/); // no stack trace
  });

  it('answers 400 for a JSON value that is not a case', async () => {
    const res = await postCase(app, [1, 2]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_case', issues: [{ path: '$' }] });
  });

  it('answers 400 invalid_json for malformed JSON, without parser details', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { 'content-type': 'application/json' },
      payload: '{"post": {"text": "Sanne de Vries"',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_json', message: expect.stringContaining('not valid JSON') });
  });

  it('answers 400 for an empty JSON body', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/checks', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_json');
  });

  it('answers 415 for another content type', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/checks', headers: { 'content-type': 'text/plain' }, payload: TEXT });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('application/json') });
  });

  it('answers 413 payload_too_large for a body over 1 MiB', async () => {
    const res = await postCase(app, sampleCase('x'.repeat(1024 * 1024 + 10)));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: 'payload_too_large', message: expect.stringContaining('1 MiB') });
  });

  it('answers 400 text_too_long for a post text over 20,000 characters', async () => {
    const res = await postCase(app, sampleCase('a'.repeat(20_001)));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'text_too_long',
      message: expect.stringContaining('20001 characters, at most 20000'),
      issues: [{ path: '$.post.text' }],
    });
  });

  it('answers 404 JSON for an unknown route', async () => {
    const res = await app.inject('/nothing-here?naam=Sanne');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('not_found');
    expect(res.body).not.toContain('Sanne');
  });

  it('serves the protocol articles', async () => {
    const res = await app.inject('/api/v1/protocols/asko-2018');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.id).toBe('asko-2018');
    expect(body.articles).toContainEqual(expect.objectContaining({ id: 'A.2', title: expect.objectContaining({ nl: expect.any(String) }) }));
    expect((await app.inject('/api/v1/protocols/nope')).statusCode).toBe(404);
  });

  it('answers /health', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('describes the API in OpenAPI 3 at /openapi.json', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths).toHaveProperty('/api/v1/checks');
    expect(doc.paths['/api/v1/checks'].post.requestBody).toBeDefined();
    expect(doc.paths).toHaveProperty('/api/v1/protocols/{id}');
    expect(Object.keys(doc.paths)).not.toContain('/'); // the page is not part of the API
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await app.inject('/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger-ui');
  });

  it('serves the Dutch demo page and its script', async () => {
    const res = await app.inject('/demo');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<html lang="nl">');
    expect(res.body).toContain('Pas alle verbeteringen toe');
    expect(res.body).toMatch(/<label for="text">/);
    const js = await app.inject('/app.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect((await app.inject('/app.css')).statusCode).toBe(200);
  });

  it('page script is valid JavaScript with the demo school filled in', () => {
    expect(PAGE_JS).not.toContain('__DEMO__');
    expect(() => new Function(PAGE_JS)).not.toThrow();
  });
});

describe('errors and logging', () => {
  it('answers 500 internal without details on an unexpected error', async () => {
    const app = await buildApp({
      now: () => {
        throw new Error('secret detail');
      },
    });
    const res = await postCase(app, sampleCase());
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal', message: expect.any(String) });
    expect(res.body).not.toContain('secret detail');
    await app.close();
  });

  it('honours smaller limits', async () => {
    const app = await buildApp({ bodyLimit: 2048, maxTextLength: 10 });
    const long = await postCase(app, sampleCase('x'.repeat(4000)));
    expect(long.statusCode).toBe(413);
    expect(long.json().message).toContain('2 KiB');
    const text = await postCase(app, sampleCase('elf tekens!'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toBe('text_too_long');
    await app.close();
  });

  it('never logs the post text, names or query strings', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      logger: { level: 'trace', stream },
      now: () => {
        throw new Error('failed for Sanne de Vries');
      },
    });
    await postCase(app, sampleCase(), '/api/v1/checks?naam=Sanne');
    await app.inject({ method: 'POST', url: '/api/v1/checks', headers: { 'content-type': 'application/json' }, payload: '{"text": "Sanne de Vries' });
    await app.inject('/missing?naam=Vries');
    await app.close();
    const log = lines.join('');
    expect(log).toContain('"url":"/api/v1/checks"'); // the path is there ...
    expect(log).toContain('"statusCode":500');
    expect(log).toContain('responseTime');
    expect(log).toContain('reqId');
    for (const secret of ['Sanne', 'Vries', 'tekenwedstrijd', 'naam=', 'Karim']) expect(log).not.toContain(secret); // ... nothing else
  });
});

describe('real server', () => {
  it('listens on a port and answers over HTTP', { timeout: 60_000 }, async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    // An in-memory database of its own: never the developer's data folder or DATABASE_URL.
    const database = await openDatabase({ dataDir: 'memory', url: '' });
    try {
      server = await startServer({ port: 0, host: '127.0.0.1', logger: false, handleSignals: false, database, seed: false });
      expect(write).toHaveBeenCalledWith(expect.stringMatching(/^Postwijzer luistert op http:\/\/localhost:\d+\n$/));
    } finally {
      write.mockRestore();
    }
    const base = server.url.replace('localhost', '127.0.0.1');
    try {
      const health = await fetch(`${base}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const res = await fetch(`${base}/api/v1/checks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sampleCase()),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { verdict: string }).verdict).toBe('allowed_with_changes'); // depends on the engine
    } finally {
      await server.close();
      await database.close();
    }
  });

  it('closes and exits 0 on SIGTERM; a second signal exits 1 at once', async () => {
    const source = new EventEmitter();
    const exit = vi.fn();
    let finish: () => void = () => {};
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    installShutdownHandlers(close, { source, exit });
    source.emit('SIGTERM');
    expect(close).toHaveBeenCalledTimes(1);
    source.emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(1);
    finish();
    await new Promise((r) => setImmediate(r));
    expect(exit).toHaveBeenLastCalledWith(0);
  });

  it('removes its handlers when asked', () => {
    const source = new EventEmitter();
    const uninstall = installShutdownHandlers(async () => {}, { source, exit: vi.fn() });
    expect(source.listenerCount('SIGTERM')).toBe(1);
    uninstall();
    expect(source.listenerCount('SIGTERM') + source.listenerCount('SIGINT')).toBe(0);
  });
});
