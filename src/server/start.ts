// Starting and stopping the server (`postwijzer serve`). The host defaults to 127.0.0.1: the page
// and the API handle personal data, so exposing them on the network must be a deliberate choice
// (HOST=0.0.0.0, as in a container).
//
// The database: PGlite in data/pglite (POSTWIJZER_DATA_DIR) by default, created on the first
// start; PostgreSQL when DATABASE_URL is set. Start-up migrates it and, when it has no board at
// all, fills it with the demo board (src/modules/demo), so a fresh clone has something to show.
import type { Database } from '../db/connection.ts';
import { migrate, openDatabase } from '../db/connection.ts';
import type { DemoSummary } from '../modules/demo/seed.ts';
import { demoSignInLines, findDemoAccounts } from '../modules/demo/accounts.ts';
import { findDemoSchools, seedDemoIfEmpty } from '../modules/demo/seed.ts';
import { oidcProvidersFromEnv } from '../modules/auth/oidc.ts';
import type { MailOptions } from '../modules/mail/config.ts';
import { describeMail, mailOptionsFromEnv } from '../modules/mail/config.ts';
import type { AppOptions } from './app.ts';
import { buildApp } from './app.ts';
import { schedulePurge } from '../modules/files/purge.ts';

export interface StartOptions {
  /** Default: the PORT environment variable, else 3000. 0 picks a free port. */
  port?: number;
  /** Default: the HOST environment variable, else 127.0.0.1. */
  host?: string;
  /** Default: info-level logs (LOG_LEVEL overrides the level), without personal data. */
  logger?: AppOptions['logger'];
  /** Default true: close cleanly and exit on SIGTERM and SIGINT. */
  handleSignals?: boolean;
  /**
   * A database that is already open (tests). It is migrated but not closed by `close()`: it
   * stays the caller's. Default: `openDatabase()` (DATABASE_URL, else PGlite in `dataDir`).
   */
  database?: Database;
  /** PGlite data folder when no database is given and DATABASE_URL is not set. */
  dataDir?: string;
  /** Default true: seed the demo board when the database has no board at all. */
  seed?: boolean;
  /** Default true: print the URL, the database and the demo schools on standard output. */
  print?: boolean;
  /** E-mail; default from SMTP_URL, MAIL_FROM and POSTWIJZER_PUBLIC_URL (src/modules/mail/config.ts). */
  mail?: MailOptions;
  /**
   * The retention purge of files (docs/files.md): every this many milliseconds, the first a minute
   * after start; 0 turns it off. Default: FILES_PURGE_INTERVAL_HOURS (default 24), off under vitest.
   */
  purgeIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  database: Database;
  /** What start-up seeded, or null when the database had data already (or seeding was off). */
  seeded: DemoSummary | null;
  /** Closes the server, then the database when start-up opened it. */
  close(): Promise<void>;
}

/** Which database, for people: the PGlite folder, or the PostgreSQL host and database (never a password). */
export function describeDatabase(database: Database): string {
  if (database.kind === 'pglite') return database.location === 'memory' ? 'PGlite (in het geheugen)' : `PGlite in ${database.location}`;
  try {
    const u = new URL(database.location);
    return `PostgreSQL op ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** The part of `process` the shutdown handlers use, so tests can give their own. */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface ShutdownOptions {
  signals?: readonly NodeJS.Signals[];
  source?: SignalSource;
  exit?: (code: number) => void;
}

/**
 * On the first SIGTERM or SIGINT: close (finish the requests in flight), then exit 0, or 1 when
 * closing failed. A second signal while closing exits at once with 1, so Ctrl-C twice always
 * stops a hung server. Returns a function that removes the handlers.
 */
export function installShutdownHandlers(close: () => Promise<void>, opts: ShutdownOptions = {}): () => void {
  const signals = opts.signals ?? (['SIGTERM', 'SIGINT'] as const);
  const source: SignalSource = opts.source ?? process;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let closing = false;
  const onSignal = (): void => {
    if (closing) return exit(1);
    closing = true;
    // Stay subscribed: a second signal must still reach us rather than kill the process unhandled.
    for (const s of signals) source.once(s, onSignal);
    close().then(
      () => exit(0),
      () => exit(1),
    );
  };
  for (const s of signals) source.once(s, onSignal);
  return () => {
    for (const s of signals) source.off(s, onSignal);
  };
}

function purgeIntervalFrom(opts: StartOptions): number {
  if (opts.purgeIntervalMs !== undefined) return opts.purgeIntervalMs;
  if (process.env.VITEST) return 0;
  const env = process.env.FILES_PURGE_INTERVAL_HOURS;
  const hours = env === undefined || env === '' ? 24 : Number(env);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`FILES_PURGE_INTERVAL_HOURS must be a number of hours (0 turns the purge off), not "${env}"`);
  return hours * 3_600_000;
}

function portFrom(opts: StartOptions): number {
  if (opts.port !== undefined) return opts.port;
  const env = process.env.PORT;
  if (env === undefined || env === '') return 3000;
  const port = Number(env);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env}"`);
  return port;
}

/** A host as it goes in a URL: wildcard and loopback addresses read as localhost. */
function urlHost(host: string): string {
  if (['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the server: opens and migrates the database, seeds the demo when it is empty, listens.
 * An explicit port or host wins over PORT and HOST in the environment.
 */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const port = portFrom(opts);
  const purgeMs = Math.min(purgeIntervalFrom(opts), 2 ** 31 - 1);
  const host = opts.host ?? (process.env.HOST || '127.0.0.1');
  const print = opts.print === false ? () => {} : (line: string) => void process.stdout.write(`${line}\n`);
  const mail = opts.mail ?? mailOptionsFromEnv();

  const ownDatabase = !opts.database;
  const database = opts.database ?? (await openDatabase(opts.dataDir ? { dataDir: opts.dataDir } : {}));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let seeded: DemoSummary | null = null;
  let demoSchools: { brin: string; name: string }[];
  try {
    await migrate(database);
    if (opts.seed !== false) seeded = await seedDemoIfEmpty({ db: database.db, now: Date.now() });
    demoSchools = seeded ? seeded.schools : await findDemoSchools(database.db);
    app = await buildApp({ logger: opts.logger ?? { level: process.env.LOG_LEVEL || 'info' }, database, oidcProviders: oidcProvidersFromEnv(), mail, trustProxy: process.env.TRUST_PROXY === 'true' });
    await app.listen({ port, host });
  } catch (e) {
    await app?.close().catch(() => {});
    if (ownDatabase) await database.close().catch(() => {});
    throw e;
  }
  const server = app;
  const purge = purgeMs > 0 ? schedulePurge(database.db, { intervalMs: purgeMs, log: server.log }) : null;

  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${urlHost(host)}:${actualPort}`;
  print(`Postwijzer luistert op ${url}`);
  print(`Database: ${describeDatabase(database)}`);
  print(describeMail(mail));
  if (demoSchools.length) {
    const names = demoSchools.map((s) => `${s.name} (${s.brin})`).join(', ');
    print(seeded ? `Demo aangemaakt: ${names}` : `Demoscholen: ${names}`);
    for (const line of demoSignInLines(await findDemoAccounts(database.db))) print(line);
  }

  let closed: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (closed ??= (async () => {
      // The server first (it finishes the requests in flight), then the database they used.
      try {
        await purge?.stop();
        await server.close();
      } finally {
        if (ownDatabase) await database.close();
      }
    })());
  const uninstall = opts.handleSignals === false ? () => {} : installShutdownHandlers(shutdown);
  const close = async (): Promise<void> => {
    uninstall();
    await shutdown();
  };
  return { url, database, seeded, close };
}
