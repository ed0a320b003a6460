// The commands of `postwijzer`. Each module exports `run(args)`, returning the exit code (or -1
// for a command that keeps running, such as serve). Modules load lazily so that `check` starts
// without the database or the server.
export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

export const COMMANDS: Record<string, () => Promise<Command>> = {
  check: () => import('./check.ts'),
  thread: () => import('./thread.ts'),
  serve: () => import('./serve.ts'),
  migrate: () => import('./migrate.ts'),
  seed: () => import('./seed.ts'),
  import: () => import('./import.ts'),
  backup: () => import('./backup.ts'),
  restore: () => import('./restore.ts'),
  audit: () => import('./audit.ts'),
  accounts: () => import('./accounts.ts'),
  media: () => import('./media.ts'),
  subject: () => import('./subject.ts'),
  files: () => import('./files.ts'),
};
