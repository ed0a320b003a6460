// Sending e-mail through the outbox. A change that causes a mail queues it in the outbox table in
// its own transaction (enqueueMail), so a mail leaves only when the change committed, and a change
// that rolls back sends nothing. The Mailer then delivers what is due with nodemailer over SMTP:
// right after the commit (kick) and on a periodic sweep that picks up retries and mails other
// processes queued. Each delivery claims its rows first (FOR UPDATE SKIP LOCKED, then a lease in
// run_after), so several app processes never send one mail twice at the same moment; a process
// that dies while sending leaves the mail to be tried again after the lease.
//
// After a mail is sent, its row keeps only the template name: the address, the text and the link
// (with its token) are removed. done_at set and last_error empty: sent; done_at set with
// last_error: given up (too many failures, or the link in it expired before it could be sent).
// Without SMTP_URL nothing is sent: mails wait in the outbox.
//
// Logs carry outbox ids and error codes only, never an address, a name or a link.
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { outbox } from '../../db/schema/index.ts';
import type { ModuleContext } from '../../server/modules.ts';
import { DEFAULT_MAIL_FROM } from './config.ts';
import type { MailOptions } from './config.ts';
import type { MailContent } from './templates.ts';

export const MAIL_KIND = 'mail';
/** After this many failed attempts a mail is given up (about a day of retries). */
export const MAX_ATTEMPTS = 10;
/** A claimed mail is tried again after this long if its sender never reported back. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;
const DEFAULT_SWEEP_MS = 60_000;

/** Queues a mail in the caller's transaction; it is sent after the transaction commits. */
export async function enqueueMail(tx: DbOrTx, mail: MailContent, now: Date): Promise<number> {
  const [row] = await tx.insert(outbox).values({ kind: MAIL_KIND, payload: mail, runAfter: now, createdAt: now }).returning({ id: outbox.id });
  return row!.id;
}

/** Minutes until the next try after `attempts` failures: 1, 2, 4, ... at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** What is stored about a failure: the error code and SMTP reply code, addresses blanked out. */
export function describeMailError(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; name?: string; message?: string };
  const head = [err.code ?? err.name ?? 'Error', err.responseCode].filter((x) => x !== undefined).join(' ');
  const message = (err.message ?? String(e)).replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>').slice(0, 300);
  return `${head}: ${message}`;
}

export interface MailLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MailerOptions extends MailOptions {
  now?: () => number;
  log?: MailLog;
  /** Another nodemailer transport (tests); default: SMTP from smtpUrl. */
  transport?: Transporter;
}

export interface DrainResult {
  sent: number;
  failed: number;
  expired: number;
}

interface Claimed {
  id: number;
  payload: unknown;
  attempts: number;
}

export class Mailer {
  readonly configured: boolean;
  readonly from: string;
  readonly #db: AppDb;
  readonly #now: () => number;
  readonly #log: MailLog | undefined;
  readonly #sweepMs: number;
  #transport: Transporter | null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<DrainResult> | null = null;
  #again = false;
  #closed = false;

  constructor(db: AppDb, opts: MailerOptions = {}) {
    this.#db = db;
    this.#now = opts.now ?? Date.now;
    this.#log = opts.log;
    this.#sweepMs = opts.sweepIntervalMs ?? DEFAULT_SWEEP_MS;
    this.from = opts.from ?? DEFAULT_MAIL_FROM;
    this.#transport =
      opts.transport ??
      (opts.smtpUrl
        ? nodemailer.createTransport({ url: opts.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 }, { from: this.from })
        : null);
    this.configured = this.#transport !== null;
  }

  /** Starts the periodic sweep (a no-op without SMTP). */
  start(): void {
    if (!this.configured || this.#timer || this.#closed) return;
    this.#timer = setInterval(() => this.kick(), this.#sweepMs);
    this.#timer.unref();
    this.kick();
  }

  /** Delivers what is due, soon, without waiting: call it after the transaction that queued mail committed. */
  kick(): void {
    if (!this.configured || this.#closed) return;
    void this.drain().catch((e: unknown) => this.#log?.warn({ code: (e as { code?: string }).code ?? 'error' }, 'mail: the outbox could not be read'));
  }

  /** Delivers every mail that is due; concurrent calls share one run (and run once more after it). */
  drain(): Promise<DrainResult> {
    if (!this.configured) return Promise.resolve({ sent: 0, failed: 0, expired: 0 });
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = (async () => {
      const total: DrainResult = { sent: 0, failed: 0, expired: 0 };
      try {
        do {
          this.#again = false;
          for (;;) {
            const claimed = await this.#claim();
            for (const row of claimed) {
              const r = await this.#deliver(row);
              total[r] += 1;
            }
            if (claimed.length < BATCH || this.#closed) break;
          }
        } while (this.#again && !this.#closed);
      } finally {
        this.#running = null;
      }
      return total;
    })();
    this.#running = run;
    return run;
  }

  /** Stops the sweep, waits for a delivery in progress, closes the SMTP connection. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
    this.#transport?.close();
    this.#transport = null;
  }

  async #claim(): Promise<Claimed[]> {
    const now = new Date(this.#now());
    const due = this.#db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.kind, MAIL_KIND), isNull(outbox.doneAt), lte(outbox.runAfter, now)))
      .orderBy(asc(outbox.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    return this.#db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, runAfter: new Date(now.getTime() + LEASE_MS) })
      .where(inArray(outbox.id, due))
      .returning({ id: outbox.id, payload: outbox.payload, attempts: outbox.attempts });
  }

  async #deliver(row: Claimed): Promise<keyof DrainResult> {
    const mail = row.payload as MailContent;
    const now = new Date(this.#now());
    const scrubbed = { template: mail.template ?? 'unknown' };
    if (mail.expiresAt && Date.parse(mail.expiresAt) <= now.getTime()) {
      await this.#db.update(outbox).set({ doneAt: now, lastError: 'not sent: the link in it expired first', payload: scrubbed }).where(eq(outbox.id, row.id));
      this.#log?.warn({ outboxId: row.id }, 'mail: not sent, its link expired first');
      return 'expired';
    }
    const transport = this.#transport;
    try {
      if (!transport) throw Object.assign(new Error('the mailer is closed'), { code: 'ECLOSED' });
      await transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (e) {
      const error = describeMailError(e);
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      await this.#db
        .update(outbox)
        .set(
          giveUp
            ? { doneAt: now, lastError: `given up after ${row.attempts} attempts: ${error}`, payload: scrubbed }
            : { lastError: error, runAfter: new Date(now.getTime() + retryDelayMs(row.attempts)) },
        )
        .where(eq(outbox.id, row.id));
      this.#log?.warn({ outboxId: row.id, attempt: row.attempts, code: (e as { code?: string }).code ?? 'error', gaveUp: giveUp }, 'mail: not sent');
      return 'failed';
    }
    await this.#db.update(outbox).set({ doneAt: now, lastError: null, payload: scrubbed }).where(eq(outbox.id, row.id));
    this.#log?.info({ outboxId: row.id, template: scrubbed.template }, 'mail: sent');
    return 'sent';
  }
}

const mailers = new WeakMap<FastifyInstance, { mailer: Mailer; publicUrl: () => string }>();

/**
 * The app's one Mailer (made on first use, started, and closed with the app), and the base of the
 * links in its mails: `mail.publicUrl`, else http://localhost:<the port the app listens on>.
 */
export function mailerFor(app: FastifyInstance, ctx: ModuleContext): { mailer: Mailer; publicUrl: () => string } {
  const found = mailers.get(app);
  if (found) return found;
  const opts = ctx.mail ?? {};
  const mailer = new Mailer(ctx.database.db, { ...opts, now: ctx.now, log: app.log });
  const publicUrl = (): string => {
    if (opts.publicUrl) return opts.publicUrl;
    const address = app.server.address();
    return `http://localhost:${typeof address === 'object' && address ? address.port : 3000}`;
  };
  app.addHook('onReady', async () => mailer.start());
  app.addHook('onClose', async () => mailer.close());
  const entry = { mailer, publicUrl };
  mailers.set(app, entry);
  return entry;
}
