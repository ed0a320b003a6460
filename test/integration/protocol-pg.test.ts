// The protocol's races on PostgreSQL, where the app really has several connections (PGlite has one,
// so there two requests never overlap inside the database): two reminders for the same person at
// once send one mail, and a confirmation that meets a publication never lands on the old version.
// Runs only with TEST_DATABASE=pg (npm run test:pg), like the other *-pg tests.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { employments } from '../../src/db/schema/index.ts';
import { minimalPdf } from '../../src/modules/protocol/demo.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool } from '../support/factories.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { startSmtp } from '../support/smtp.ts';

let smtp: TestSmtp;
let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-11-26T09:00:00Z');
let schoolId: string;
let boardId: string;
const h: Record<string, Record<string, string>> = {};
const person: Record<string, string> = {};
const mail: Record<string, string> = {};

const publish = (version: string) =>
  app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/protocol/versions?${new URLSearchParams({ version, adoptedOn: '2026-11-01' })}`, headers: { ...h.board!, 'content-type': 'application/pdf' }, payload: minimalPdf([`Protocol ${version}`]) });
const ack = (headers: Record<string, string>, versionId: string) => app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/protocol/acknowledgements`, headers, payload: { versionId } });
const remind = (headers: Record<string, string>, payload: object = {}) => app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/protocol/reminders`, headers, payload });

beforeAll(async () => {
  smtp = await startSmtp();
  database = await openTestDatabase();
  const built = await buildSchool(database.db, { brin: '99PP', name: 'Basisschool De Brug' });
  schoolId = built.school.id;
  boardId = built.board.id;
  const here = await buildPeople(database.db, schoolId, [
    { externalId: 'bram', kind: 'employee', givenName: 'Bram', familyName: 'de Vries' },
    { externalId: 'carla', kind: 'employee', givenName: 'Carla', familyName: 'Jansen' },
    { externalId: 'dirk', kind: 'employee', givenName: 'Dirk', familyName: 'Smit' },
  ]);
  for (const [k, v] of here) person[k] = v.id;
  await database.db.insert(employments).values(['bram', 'carla', 'dirk'].map((k) => ({ personId: person[k]!, schoolId })));
  const accounts: [string, Parameters<typeof makeAccount>[1]][] = [
    ['board', [{ schoolId, role: 'board' }]],
    ['director', [{ schoolId, role: 'director', personId: person.bram! }]],
    ['carla', [{ schoolId, role: 'supervisor', personId: person.carla! }]],
    ['dirk', [{ schoolId, role: 'employee', personId: person.dirk! }]],
  ];
  for (const [name, roles] of accounts) {
    const a = await makeAccount(database.db, roles, { email: `${name}.pg@school.example` });
    mail[name] = a.email;
    h[name] = await tokenHeaders(database.db, a.id);
  }
  app = await buildApp({ database, now: () => clock, mail: { smtpUrl: smtp.url, publicUrl: 'https://postwijzer.test', sweepIntervalMs: 250 } });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.close();
});

describe('protocol races (PostgreSQL)', () => {
  let v1: string;

  it('publishes a first version', async () => {
    const r = await publish('2026-1');
    expect(r.statusCode).toBe(201);
    v1 = r.json().id;
  });

  it('sends one mail when two reminders for the same person arrive at once', async () => {
    for (let round = 1; round <= 3; round++) {
      clock += 24 * 3600_000;
      const before = smtp.mailsTo(mail.dirk!).length;
      const [a, b] = await Promise.all([remind(h.director!, { personId: person.dirk }), remind(h.carla!, { personId: person.dirk })]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      expect([a.json().sent, b.json().sent].sort()).toEqual([0, 1]);
      expect([a.json().skipped, b.json().skipped].sort()).toEqual([0, 1]);
      await smtp.nthMail(mail.dirk!, before + 1);
      await new Promise((r) => setTimeout(r, 400));
      expect(smtp.mailsTo(mail.dirk!)).toHaveLength(before + 1);
    }
    const [row] = await database.query<{ reminders: number }>('select reminders from protocol_reminders where version_id = $1 and person_id = $2', [v1, person.dirk]);
    expect(row!.reminders).toBe(3);
  });

  it('a confirmation that meets a publication waits for it and then refuses the old version', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let ackDone = false;
    let answer: Awaited<ReturnType<typeof ack>> | undefined;
    // A publication in progress on another connection: v1 is no longer current, v2 is, not yet committed.
    const publication = database.db.transaction(async (tx) => {
      await tx.execute(sql`update protocol_versions set current = false where id = ${v1}`);
      await tx.execute(sql`insert into protocol_versions (board_id, protocol_id, version, current) values (${boardId}, 'asko-2018', '2026-2', true)`);
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    const confirming = ack(h.dirk!, v1).then((r) => {
      ackDone = true;
      answer = r;
    });
    await new Promise((r) => setTimeout(r, 600));
    // It waits for the publication instead of writing onto v1.
    expect(ackDone).toBe(false);
    release();
    await publication;
    await confirming;
    expect(answer!.statusCode).toBe(409);
    expect(answer!.json().error).toBe('not_current');
    const rows = await database.query('select 1 from acknowledgements where protocol_version_id = $1', [v1]);
    expect(rows).toHaveLength(0);
  });
});
