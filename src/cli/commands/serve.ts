import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';

export const summary = 'start the web app and the API';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: true });
  const port = values.port ?? process.env.PORT;
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(`--port must be a number, not "${port}".`);
  const { startServer } = await import('../../server/start.ts');
  await startServer(port ? { port: Number(port) } : {});
  return -1; // keeps running until SIGTERM
}
