// Route modules that need the database. Each module (src/modules/<name>/routes.ts) registers its
// routes here; buildApp calls them when it is given a database.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/connection.ts';
import type { SchoolCache } from '../modules/schools/school-case.ts';
import { postRoutes } from '../modules/posts/routes.ts';
import { rosterRoutes } from '../modules/roster/routes.ts';

export interface ModuleContext {
  database: Database;
  /** Prepared schools for checks, rebuilt when a school's data changed. */
  schools: SchoolCache;
  now: () => number;
  maxTextLength: number;
}

export type RouteModule = (app: FastifyInstance, ctx: ModuleContext) => Promise<void>;

export const ROUTE_MODULES: RouteModule[] = [postRoutes, rosterRoutes];
