// Starting and stopping the server (`postwijzer serve`). The host defaults to 127.0.0.1: the page
// and the API handle personal data, so exposing them on the network must be a deliberate choice
// (HOST=0.0.0.0, as in a container).
import type { AppOptions } from './app.ts';
import { buildApp } from './app.ts';

export interface StartOptions {
  /** Default: the PORT environment variable, else 3000. 0 picks a free port. */
  port?: number;
  /** Default: the HOST environment variable, else 127.0.0.1. */
  host?: string;
  /** Default: info-level logs (LOG_LEVEL overrides the level), without personal data. */
  logger?: AppOptions['logger'];
  /** Default true: close cleanly and exit on SIGTERM and SIGINT. */
  handleSignals?: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
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

/** Starts the server. An explicit port or host wins over PORT and HOST in the environment. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const port = portFrom(opts);
  const host = opts.host ?? (process.env.HOST || '127.0.0.1');
  const app = await buildApp({ logger: opts.logger ?? { level: process.env.LOG_LEVEL || 'info' } });
  await app.listen({ port, host });

  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${urlHost(host)}:${actualPort}`;
  process.stdout.write(`Postwijzer luistert op ${url}\n`);

  const uninstall = opts.handleSignals === false ? () => {} : installShutdownHandlers(() => app.close());
  const close = async (): Promise<void> => {
    uninstall();
    await app.close();
  };
  return { url, close };
}
