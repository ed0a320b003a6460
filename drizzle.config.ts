import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes a new SQL migration into src/db/migrations after a schema
// change; the migrations are committed and applied by `postwijzer migrate` (and on start).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
