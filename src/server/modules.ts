// Route modules that need the database. Each module (src/modules/<name>/routes.ts) registers its
// routes here; buildApp calls them when it is given a database. Every route carries its access
// rule (`config.access`, from src/policies); the guard (src/modules/auth/guard.ts) enforces it.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/connection.ts';
import type { MailOptions } from '../modules/mail/config.ts';
import type { SchoolCache } from '../modules/schools/school-case.ts';
import { accountRoutes } from '../modules/accounts/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { consentImportRoutes } from '../modules/consent/import-routes.ts';
import { consentRoundRoutes } from '../modules/consent/round-routes.ts';
import { consentRoutes } from '../modules/consent/routes.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { breachRoutes } from '../modules/breaches/routes.ts';
import { fileRoutes } from '../modules/files/routes.ts';
import { dashboardRoutes } from '../modules/dashboards/routes.ts';
import type { OidcProviderConfig } from '../modules/auth/oidc.ts';
import { oidcRoutes } from '../modules/auth/oidc-routes.ts';
import { incidentRoutes } from '../modules/incidents/routes.ts';
import { mediaRoutes } from '../modules/media/routes.ts';
import { peopleRoutes } from '../modules/people/routes.ts';
import { postRoutes } from '../modules/posts/routes.ts';
import { writeRoutes } from '../modules/posts/write-routes.ts';
import { permissionRoutes } from '../modules/permissions/routes.ts';
import { rosterRoutes } from '../modules/roster/routes.ts';
import { supervisionRoutes } from '../modules/supervision/routes.ts';
import { protocolRoutes } from '../modules/protocol/routes.ts';
import { subjectAccessRoutes } from '../modules/subject-access/routes.ts';

export interface ModuleContext {
  database: Database;
  /** Prepared schools for checks, rebuilt when a school's data changed. */
  schools: SchoolCache;
  now: () => number;
  maxTextLength: number;
  /** E-mail (src/modules/mail): SMTP, sender, the public URL for links. Unset: mails stay in the outbox. */
  mail?: MailOptions;
  /** Schools' identity providers for OpenID Connect sign-in (src/modules/auth/oidc.ts). */
  oidcProviders?: OidcProviderConfig[];
}

export type RouteModule = (app: FastifyInstance, ctx: ModuleContext) => Promise<void>;

export const ROUTE_MODULES: RouteModule[] = [authRoutes, oidcRoutes, writeRoutes, postRoutes, mediaRoutes, peopleRoutes, rosterRoutes, consentRoutes, consentRoundRoutes, consentImportRoutes, permissionRoutes, auditRoutes, accountRoutes, supervisionRoutes, protocolRoutes, incidentRoutes, breachRoutes, dashboardRoutes, fileRoutes, subjectAccessRoutes];
